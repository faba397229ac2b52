"""The catalog's XLSX form (Chinese column headers, as provincial systems export): reader and writer, via openpyxl.

Layout (docs/catalog-format.md): sheet 目录信息 (key/value), sheet 事项 (one row per item), sheet 材料
(one row per material, linked by 实施编码), sheet 办理流程 (one row per step, 流程类型 办理流程 or 业务流程).
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from desk_app.domain.catalog.io import (
    ITEM_LABELS, MATERIAL_LABELS, MAX_ITEMS, MAX_MATERIALS_PER_ITEM, MAX_STEPS_PER_FLOW, STEP_LABELS,
    check_items, check_size, item_from_dict, material_from_dict, step_from_dict,
)
from desk_app.domain.catalog.model import (
    FORMAT_VERSION, ITEM_TYPES, LEVELS, MATERIAL_FORMS, MATERIAL_TYPES, ONLINE_DEPTHS, SOURCE_CHANNELS, Catalog,
    ServiceItemRecord,
)
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError

SHEET_INFO, SHEET_ITEMS, SHEET_MATERIALS, SHEET_STEPS = "目录信息", "事项", "材料", "办理流程"

ITEM_COLUMNS = [f for f in ITEM_LABELS if f not in ("materials", "handling_steps", "business_steps")]
ITEM_OPTIONAL = {"sector", "basic_code", "service_object", "legal_basis", "result_name", "delivery_methods",
                 "location", "enquiry_phone", "fee_standard", "review_body", "court"}
MATERIAL_COLUMNS = ["item_code", "seq"] + list(MATERIAL_LABELS)
MATERIAL_OPTIONAL = {"seq", "issuing_body", "requirements", "remarks", "required"}
STEP_COLUMNS = ["item_code", "flow", "seq"] + list(STEP_LABELS)
STEP_OPTIONAL = {"seq", "role"}
EXTRA_LABELS = {"item_code": "实施编码", "seq": "序号", "flow": "流程类型"}
FLOWS = {"办理流程": "handling_steps", "业务流程": "business_steps"}
INFO_KEYS = {"格式版本": "format_version", "目录版本": "catalog_version", "发布单位": "published_by",
             "发布日期": "published_at"}

_BOOL_FIELDS = {"fee_charged", "reduction_allowed", "online", "fully_online", "has_running_system",
                "self_built_system", "required", "deferrable", "commitment_allowed"}
_ENUMS = {"exercise_level": LEVELS, "item_type": ITEM_TYPES, "material_type": MATERIAL_TYPES,
          "form": MATERIAL_FORMS, "source_channel": SOURCE_CHANNELS}


def _label(name: str, labels: dict[str, str]) -> str:
    return EXTRA_LABELS.get(name) or labels[name]


# --------------------------------------------------------------------------- cell value conversion
_STRIPPED = _BOOL_FIELDS | set(_ENUMS) | {"online_depth", "delivery_methods", "item_code", "copies",
                                          "onsite_visits", "seq", "flow"}
_REVERSE = {name: {label: code for code, label in enum.items()} for name, enum in _ENUMS.items()}
_DEPTH_REVERSE = {label: code for code, label in ONLINE_DEPTHS.items()}


def _from_cell(name: str, value: Any) -> Any:
    """A cell's value in the JSON model's terms; unknown words stay as they are for the lint to name."""
    if value is None:
        value = ""
    if isinstance(value, str) and name in _STRIPPED:
        # Codes, enumerations and numbers are compared exactly, so stray spaces there are dropped;
        # free text keeps them so that rule Q2 can point them out.
        value = value.strip()
    if name in _BOOL_FIELDS:
        if value in ("是", "Y", "y", True, 1):
            return True
        if value in ("否", "N", "n", False, 0, None, ""):
            return False
        return value
    if name in _REVERSE:
        return _REVERSE[name].get(value, value) if isinstance(value, str) else value
    if name == "online_depth":
        if value == "":
            return []
        parts = [p.strip() for p in str(value).replace("，", "、").replace(",", "、").split("、") if p.strip()]
        return [_DEPTH_REVERSE.get(p, int(p) if p.isdigit() else p) for p in parts]
    if name == "delivery_methods":
        return [p.strip() for p in str(value).replace("，", "、").split("、") if p.strip()]
    return value


def _to_cell(name: str, value: Any) -> Any:
    if name in _BOOL_FIELDS:
        return "是" if value else "否"
    if name in _ENUMS:
        return _ENUMS[name].get(value, value)
    if name == "online_depth":
        return "、".join(ONLINE_DEPTHS.get(d, str(d)) for d in value)
    if name == "delivery_methods":
        return "、".join(value)
    return value


# --------------------------------------------------------------------------- reading
def _header(rows: Iterable[tuple[Any, ...]], sheet: str, columns: list[str], optional: set[str],
            labels: dict[str, str]) -> dict[str, int]:
    try:
        first = next(iter(rows))
    except StopIteration:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作表“{sheet}”是空的，第 1 行应为列标题。"), sheet=sheet, field=sheet) from None
    headers = [str(c).strip() if c is not None else "" for c in first]
    positions: dict[str, int] = {}
    missing = []
    for name in columns:
        label = _label(name, labels)
        if label in headers:
            positions[name] = headers.index(label)
        elif name not in optional:
            missing.append(label)
    if missing:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作表“{sheet}”第 1 行缺少列：{missing}。请按目录格式说明补齐列标题。"),
                              sheet=sheet, missing='、'.join(missing),
                              field=missing[0])
    return positions


def _row_dict(row: tuple[Any, ...], positions: dict[str, int]) -> dict[str, Any]:
    return {name: _from_cell(name, row[i] if i < len(row) else None) for name, i in positions.items()}


def _blank(row: tuple[Any, ...]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


def read_xlsx_file(path: str | Path) -> Catalog:
    """Read a catalog workbook; structural problems raise ValidationError naming sheet, row and column."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    p = Path(path)
    try:
        check_size(p.stat().st_size, p.name)
    except FileNotFoundError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "找不到文件“{path}”。请检查路径。"), path=p, field="file") from None
    if not zipfile.is_zipfile(p):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文件“{name}”的扩展名是 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的其他文件）。"
                                                          "请在 Excel 或 WPS 中另存为 .xlsx 后再导入。"),
                              name=p.name, field="file")
    # The file is opened here, not by openpyxl: a workbook that fails half-way (a bad header, a broken sheet)
    # leaves openpyxl's own handle open, and on Windows an open handle keeps the clerk from replacing the file.
    with p.open("rb") as fh:
        try:
            wb = load_workbook(fh, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "无法读取工作簿“{name}”：{error}。请在 Excel 或 WPS 中另存为 .xlsx "
                                                              "后再导入。"), name=p.name, error=exc,
                                  field="file") from None
        try:
            return _read_workbook(wb, p.name)
        finally:
            wb.close()


def _sheet(wb: Any, name: str, filename: str) -> Any:
    if name not in wb.sheetnames:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作簿“{filename}”缺少工作表“{name}”（现有：{sheetnames}）。"
                                                          "目录工作簿应包含{sheet_info}、{sheet_items}、{sheet_materials}、"
                                                          "{sheet_steps}四个工作表。"), filename=filename,
                              name=name, sheetnames='、'.join(wb.sheetnames), sheet_info=SHEET_INFO,
                              sheet_items=SHEET_ITEMS, sheet_materials=SHEET_MATERIALS,
                              sheet_steps=SHEET_STEPS,
                              field=name)
    return wb[name]


def _data_rows(wb: Any, filename: str, sheet: str, columns: list[str], optional: set[str],
               labels: dict[str, str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, values by field) of each non-blank row of ``sheet`` below its header."""
    rows = _sheet(wb, sheet, filename).iter_rows(values_only=True)
    pos = _header(rows, sheet, columns, optional, labels)
    for n, row in enumerate(rows, 2):
        if not _blank(row):
            yield n, _row_dict(row, pos)


def _read_workbook(wb: Any, filename: str) -> Catalog:
    info: dict[str, Any] = {}
    for row in _sheet(wb, SHEET_INFO, filename).iter_rows(values_only=True):
        if row and row[0] in INFO_KEYS:
            info[INFO_KEYS[row[0]]] = row[1] if len(row) > 1 else None
    fv = info.get("format_version")
    if fv is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作表“{sheet_info}”缺少“格式版本”。"),
                              sheet_info=SHEET_INFO, field="格式版本")
    if str(fv).strip() not in (str(FORMAT_VERSION), f"{FORMAT_VERSION}.0"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "目录工作簿的格式版本 {fv} 不受支持（本程序支持版本 {format_version}）。"),
                              fv=fv, format_version=FORMAT_VERSION, field="格式版本")
    version = str(info.get("catalog_version") or "").strip()
    if not version:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作表“{sheet_info}”缺少“目录版本”。"),
                              sheet_info=SHEET_INFO, field="目录版本")

    items: list[dict[str, Any]] = []
    rownum: dict[str, int] = {}
    for n, d in _data_rows(wb, filename, SHEET_ITEMS, ITEM_COLUMNS, ITEM_OPTIONAL, ITEM_LABELS):
        if len(items) >= MAX_ITEMS:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作表“{sheet_items}”超过 {max_items} 个事项的上限。"),
                                  sheet_items=SHEET_ITEMS, max_items=MAX_ITEMS, field=SHEET_ITEMS)
        d["item_code"] = str(d.get("item_code") or "").strip()
        d["materials"], d["handling_steps"], d["business_steps"] = [], [], []
        code = d["item_code"]
        if not code:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作表“{sheet_items}”第 {n} 行的“实施编码”为空。"),
                                  sheet_items=SHEET_ITEMS, n=n, field="实施编码")
        if code in rownum:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "实施编码“{code}”重复：工作表“{sheet_items}”第 {rownum} 行和第 "
                                                              "{n} 行。每个事项的实施编码必须唯一。"), code=code,
                                  sheet_items=SHEET_ITEMS, rownum=rownum[code], n=n, field="实施编码")
        rownum[code] = n
        items.append(d)
    by_code = {d["item_code"]: d for d in items}

    for n, d in _data_rows(wb, filename, SHEET_MATERIALS, MATERIAL_COLUMNS, MATERIAL_OPTIONAL, MATERIAL_LABELS):
        code = str(d.pop("item_code") or "").strip()
        d.pop("seq", None)
        if code not in by_code:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作表“{sheet_materials}”第 {n} "
                                                              "行的实施编码“{code}”在“{sheet_items}”表中不存在。"),
                                  sheet_materials=SHEET_MATERIALS, n=n, code=code,
                                  sheet_items=SHEET_ITEMS,
                                  field="实施编码")
        mats = by_code[code]["materials"]
        if len(mats) >= MAX_MATERIALS_PER_ITEM:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作表“{sheet_materials}”第 {n} 行："
                                                              "事项“{code}”（{sheet_items}表第 {rownum} 行）的申请材料超过每个事项 "
                                                              "{max_materials_per_item} 项的上限。请检查是否把多个事项的材料合并到了一起。"),
                                  sheet_materials=SHEET_MATERIALS, n=n, code=code,
                                  sheet_items=SHEET_ITEMS, rownum=rownum[code],
                                  max_materials_per_item=MAX_MATERIALS_PER_ITEM, field="申请材料")
        d["_row"] = n
        mats.append(d)

    for n, d in _data_rows(wb, filename, SHEET_STEPS, STEP_COLUMNS, STEP_OPTIONAL, STEP_LABELS):
        code = str(d.pop("item_code") or "").strip()
        flow = str(d.pop("flow") or "").strip()
        d.pop("seq", None)
        if code not in by_code:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作表“{sheet_steps}”第 {n} 行的实施编码“{code}”在“{sheet_item"
                                                              "s}”表中不存在。"), sheet_steps=SHEET_STEPS, n=n,
                                  code=code, sheet_items=SHEET_ITEMS,
                                  field="实施编码")
        if flow not in FLOWS:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作表“{sheet_steps}”第 {n} 行的“流程类型”应为“办理流程”或“业务流程”，"
                                                              "当前为“{flow}”。"), sheet_steps=SHEET_STEPS,
                                  n=n, flow=flow,
                                  field="流程类型")
        steps = by_code[code][FLOWS[flow]]
        if len(steps) >= MAX_STEPS_PER_FLOW:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作表“{sheet_steps}”第 {n} 行：事项“{code}”的{flow}超过 "
                                                              "{max_steps_per_flow} 个环节。"),
                                  sheet_steps=SHEET_STEPS, n=n, code=code, flow=flow,
                                  max_steps_per_flow=MAX_STEPS_PER_FLOW,
                                  field="环节名称")
        d["_row"] = n
        steps.append(d)

    records: list[ServiceItemRecord] = []
    for i, d in enumerate(items, 1):
        code = d["item_code"]
        where = f"工作表“{SHEET_ITEMS}”第 {rownum[code]} 行（实施编码 {code}）"
        records.append(_item_with_rows(d, i, where))
    records_t = tuple(records)
    check_items(records_t)
    return Catalog(catalog_version=version, items=records_t, format_version=FORMAT_VERSION,
                   published_by=str(info.get("published_by") or ""), published_at=str(info.get("published_at") or ""))


def _item_with_rows(d: dict[str, Any], index: int, where: str) -> ServiceItemRecord:
    """Build the record; a bad material or step row is reported with its own sheet and row first."""
    for key, sheet, build in (("materials", SHEET_MATERIALS, material_from_dict),
                              ("handling_steps", SHEET_STEPS, step_from_dict),
                              ("business_steps", SHEET_STEPS, step_from_dict)):
        for sub in d[key]:
            build(sub, f"工作表“{sheet}”第 {sub.pop('_row')} 行")
    return item_from_dict(d, index, source=where)


# --------------------------------------------------------------------------- writing
def write_xlsx_file(catalog: Catalog, path: str | Path) -> None:
    """Write ``catalog`` as a workbook in the documented layout (used by resources/catalog/make_xlsx.py)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    info = wb.active
    info.title = SHEET_INFO
    for k, attr in INFO_KEYS.items():
        info.append([k, getattr(catalog, attr)])
    bold = Font(bold=True)

    def sheet(title: str, columns: list[str], labels: dict[str, str]):
        ws = wb.create_sheet(title)
        ws.append([_label(c, labels) for c in columns])
        for cell in ws[1]:
            cell.font = bold
        ws.freeze_panes = "A2"
        return ws

    items_ws = sheet(SHEET_ITEMS, ITEM_COLUMNS, ITEM_LABELS)
    mats_ws = sheet(SHEET_MATERIALS, MATERIAL_COLUMNS, MATERIAL_LABELS)
    steps_ws = sheet(SHEET_STEPS, STEP_COLUMNS, STEP_LABELS)
    for item in catalog.items:
        items_ws.append([_to_cell(c, getattr(item, c)) for c in ITEM_COLUMNS])
        for i, m in enumerate(item.materials, 1):
            mats_ws.append([item.item_code, i] + [_to_cell(c, getattr(m, c)) for c in MATERIAL_LABELS])
        for flow_label, attr in FLOWS.items():
            for i, s in enumerate(getattr(item, attr), 1):
                steps_ws.append([item.item_code, flow_label, i] + [getattr(s, c) for c in STEP_LABELS])
    for ws in (items_ws, mats_ws, steps_ws):
        for col in ws.columns:
            ws.column_dimensions[col[0].column_letter].width = 16
    wb.save(path)
