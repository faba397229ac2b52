"""Reading and writing the catalog interchange format (JSON) and the structural checks every reader shares.

Structural problems (not JSON, wrong encoding, a missing field, a duplicate item code, a file or an item
too large) raise ValidationError naming the row and field: nothing of such a file is imported. Content
problems are left to the lint rules Q1–Q13. See docs/catalog-format.md.
"""
from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any, Mapping

from desk_app.domain.catalog.model import (
    FORMAT_VERSION, Catalog, HandlingStep, MaterialRecord, ServiceItemRecord,
)
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError

FORMAT_NAME = "desk-app-catalog"
MAX_FILE_BYTES = 32 * 1024 * 1024  # a city's 5,000 items take about 15 MB of JSON
MAX_ITEMS = 20_000
MAX_MATERIALS_PER_ITEM = 100  # the longest real material lists have a few dozen entries
MAX_STEPS_PER_FLOW = 30

# Chinese labels of the fields, for messages (the XLSX column headers use the same words).
ITEM_LABELS = {
    "item_code": "实施编码", "name": "事项名称", "department": "实施主体", "exercise_level": "行使层级",
    "item_type": "办件类型", "legal_limit": "法定办结时限", "promised_limit": "承诺办结时限",
    "sector": "所属领域", "basic_code": "基本编码", "service_object": "服务对象", "legal_basis": "设定依据",
    "acceptance_conditions": "受理条件", "fee_charged": "是否收费", "fee_standard": "收费标准",
    "fee_basis": "收费依据", "reduction_allowed": "是否允许减免", "reduction_basis": "允许减免依据",
    "onsite_visits": "到办事现场次数", "onsite_reason": "现场办理原因说明", "online": "是否网办",
    "fully_online": "是否全程网办", "online_depth": "网办深度", "has_running_system": "是否存在运行系统",
    "self_built_system": "是否自建系统", "online_address": "网办地址", "result_name": "办理结果",
    "delivery_methods": "送达方式", "location": "办理地点", "enquiry_phone": "咨询电话",
    "review_body": "复议机关", "court": "人民法院",
    "materials": "申请材料", "handling_steps": "办理流程", "business_steps": "业务流程",
}
MATERIAL_LABELS = {
    "name": "材料名称", "material_type": "材料类型", "form": "材料形式", "copies": "份数",
    "paper_size": "纸质材料规格", "source_channel": "来源渠道", "source_explanation": "来源渠道说明",
    "issuing_body": "出具单位", "required": "是否必要", "deferrable": "是否容缺",
    "commitment_allowed": "是否告知承诺", "requirements": "填报要求", "remarks": "备注",
}
STEP_LABELS = {"name": "环节名称", "limit": "办理时限", "approval_standard": "审批标准", "role": "办理岗位"}

_ITEM_REQUIRED = ("item_code", "name", "department", "exercise_level", "item_type", "legal_limit",
                  "promised_limit")
_MATERIAL_REQUIRED = ("name", "material_type", "form", "source_channel")
_STEP_REQUIRED = ("name", "limit")


# --------------------------------------------------------------------------- bytes -> text
def decode_text(data: bytes, filename: str = "") -> str:
    """UTF-8 text of a catalog file; a GBK/GB18030 file is recognised and refused with a clear message."""
    if data.startswith(b"PK\x03\x04"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文件“{filename}”是 Excel/ZIP 文件而不是 JSON 文本。请把扩展名改为 .xlsx "
                                                          "再导入。"), filename=filename,
                              field="file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文件“{filename}”是 UTF-16 编码。请用 UTF-8 编码另存后再导入。"),
                              filename=filename, field="file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文件“{filename}”不是 UTF-8 文本（第 {start} 字节无法解码），"
                                                              "可能不是目录文件。请检查文件类型。"), filename=filename,
                                  start=exc.start + 1, field="file") from None
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文件“{filename}”是 GBK（GB18030）编码，而目录文件必须是 UTF-8 编码。"
                                                          "请用记事本或 WPS“另存为”UTF-8 编码后再导入。"),
                              filename=filename, field="file") from None


def check_size(size: int, filename: str = "") -> None:
    if size > MAX_FILE_BYTES:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文件“{filename}”有 {size:.1f} MB，超过 {max_file_bytes} MB "
                                                          "上限。请确认文件是否正确，或按部门拆分后分批导入。"),
                              filename=filename, size=size / 1024 / 1024,
                              max_file_bytes=MAX_FILE_BYTES // 1024 // 1024, field="file")


# --------------------------------------------------------------------------- dict -> records
def _where(index: int, item: Mapping[str, Any] | None = None) -> str:
    code = item.get("item_code") if isinstance(item, Mapping) else None
    return f"第 {index} 个事项" + (f"（实施编码 {code}）" if code else "")


def _text(value: Any, where: str, label: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Spreadsheets turn codes and phone numbers into numbers; keep integral ones as digits.
        return str(int(value)) if float(value).is_integer() else str(value)
    raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}的“{label}”应为文本。"), where=where,
                          label=label, field=label)


def _bool(value: Any, where: str, label: str) -> bool:
    if isinstance(value, bool):
        return value
    if value in (None, ""):
        return False
    raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}的“{label}”应为 true/false（表格中填“是”或“否”），当前为“{value}”。"),
                          where=where, label=label, value=value, field=label)


def _int(value: Any, where: str, label: str) -> int:
    if isinstance(value, bool):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}的“{label}”应为整数，当前为“{value}”。"),
                              where=where, label=label, value=value, field=label)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}的“{label}”应为整数，当前为“{value}”。"),
                          where=where, label=label, value=value, field=label)


def _list(value: Any, where: str, label: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}的“{label}”应为列表。"), where=where,
                              label=label, field=label)
    return value


def _require(d: Mapping[str, Any], keys: tuple[str, ...], labels: Mapping[str, str], where: str) -> None:
    if not isinstance(d, Mapping):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}应为对象。"), where=where, field="")
    for key in keys:
        if key not in d:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}缺少字段“{key}”（{label}）。"),
                                  where=where, key=key, label=labels[key], field=labels[key])


def material_from_dict(d: Mapping[str, Any], where: str) -> MaterialRecord:
    _require(d, _MATERIAL_REQUIRED, MATERIAL_LABELS, where)
    kw: dict[str, Any] = {}
    for f in fields(MaterialRecord):
        if f.name not in d:
            continue
        label = MATERIAL_LABELS[f.name]
        v = d[f.name]
        if f.name in ("required", "deferrable", "commitment_allowed"):
            kw[f.name] = _bool(v, where, label)
        elif f.name == "copies":
            kw[f.name] = _int(v, where, label)
        else:
            kw[f.name] = _text(v, where, label)
    return MaterialRecord(**kw)


def step_from_dict(d: Mapping[str, Any], where: str) -> HandlingStep:
    _require(d, _STEP_REQUIRED, STEP_LABELS, where)
    return HandlingStep(**{k: _text(d.get(k), where, STEP_LABELS[k]) for k in STEP_LABELS if k in d})


def item_from_dict(d: Mapping[str, Any], index: int, source: str = "") -> ServiceItemRecord:
    """One item of the JSON format; ``index`` is 1-based, ``source`` overrides the location text."""
    where = source or _where(index, d if isinstance(d, Mapping) else None)
    _require(d, _ITEM_REQUIRED, ITEM_LABELS, where)
    kw: dict[str, Any] = {"source": where}
    for f in fields(ServiceItemRecord):
        if f.name == "source" or f.name not in d:
            continue
        label = ITEM_LABELS[f.name]
        v = d[f.name]
        if f.name in ("fee_charged", "reduction_allowed", "online", "fully_online", "has_running_system",
                      "self_built_system"):
            kw[f.name] = _bool(v, where, label)
        elif f.name == "onsite_visits":
            kw[f.name] = _int(v, where, label)
        elif f.name == "online_depth":
            kw[f.name] = tuple(_int(x, where, label) for x in _list(v, where, label))
        elif f.name == "delivery_methods":
            kw[f.name] = tuple(_text(x, where, label) for x in _list(v, where, label))
        elif f.name == "materials":
            mats = _list(v, where, label)
            if len(mats) > MAX_MATERIALS_PER_ITEM:
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}有 {mats_count} 项申请材料，超过每个事项 "
                                                                  "{max_materials_per_item} 项的上限。"
                                                                  "请检查是否把多个事项的材料合并到了一起。"), where=where,
                                      mats_count=len(mats),
                                      max_materials_per_item=MAX_MATERIALS_PER_ITEM, field=label)
            kw[f.name] = tuple(material_from_dict(m, f"{where}的第 {i} 项材料") for i, m in enumerate(mats, 1))
        elif f.name in ("handling_steps", "business_steps"):
            steps = _list(v, where, label)
            if len(steps) > MAX_STEPS_PER_FLOW:
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}的{label}有 {steps_count} 个环节，超过 "
                                                                  "{max_steps_per_flow} 个上限。"),
                                      where=where, label=label, steps_count=len(steps),
                                      max_steps_per_flow=MAX_STEPS_PER_FLOW,
                                      field=label)
            kw[f.name] = tuple(step_from_dict(s, f"{where}{label}的第 {i} 个环节") for i, s in enumerate(steps, 1))
        else:
            kw[f.name] = _text(v, where, label)
    return ServiceItemRecord(**kw)


def check_items(items: tuple[ServiceItemRecord, ...]) -> None:
    """Whole-catalog structure: item count, non-empty and unique item codes, material limits."""
    if not items:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "目录中没有任何事项。请检查文件内容。"), field="items")
    if len(items) > MAX_ITEMS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "目录有 {items_count} 个事项，超过 {max_items} 个上限。"),
                              items_count=len(items), max_items=MAX_ITEMS, field="items")
    seen: dict[str, str] = {}
    for i, item in enumerate(items, 1):
        where = item.source or f"第 {i} 个事项"
        code = (item.item_code or "").strip()
        if not code:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}的实施编码为空。"), where=where, field="实施编码")
        if not item.name.strip():
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}的事项名称为空。"), where=where, field="事项名称")
        if code in seen:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "实施编码“{code}”重复：{seen}和{where}。每个事项的实施编码必须唯一。"),
                                  code=code, seen=seen[code], where=where,
                                  field="实施编码")
        seen[code] = where
        if len(item.materials) > MAX_MATERIALS_PER_ITEM:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{where}有 {materials_count} 项申请材料，超过每个事项 "
                                                              "{max_materials_per_item} 项的上限。"),
                                  where=where, materials_count=len(item.materials),
                                  max_materials_per_item=MAX_MATERIALS_PER_ITEM, field="申请材料")


def catalog_from_dict(data: Any) -> Catalog:
    if not isinstance(data, Mapping):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "目录文件的顶层应为对象（包含 format_version、catalog_version 和 items）。"), field="file")
    if data.get("format") not in (None, FORMAT_NAME):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文件格式标识“{format}”不是 {format_name}。请确认这是事项目录文件。"),
                              format=data.get('format'), format_name=FORMAT_NAME,
                              field="format")
    version = data.get("format_version")
    if version is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "目录文件缺少 format_version（格式版本）。"), field="format_version")
    if version != FORMAT_VERSION:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "目录文件的格式版本 {version} 不受支持（本程序支持版本 {format_version}）。"
                                                          "请升级程序或向服务器索取对应版本的文件。"), version=version,
                              format_version=FORMAT_VERSION, field="format_version")
    catalog_version = _text(data.get("catalog_version"), "目录文件", "catalog_version").strip()
    if not catalog_version:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "目录文件缺少 catalog_version（目录版本号）。"), field="catalog_version")
    raw_items = _list(data.get("items"), "目录文件", "items")
    if len(raw_items) > MAX_ITEMS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "目录有 {raw_items_count} 个事项，超过 {max_items} 个上限。"),
                              raw_items_count=len(raw_items), max_items=MAX_ITEMS, field="items")
    items = tuple(item_from_dict(d, i) for i, d in enumerate(raw_items, 1))
    check_items(items)
    return Catalog(catalog_version=catalog_version, items=items, format_version=version,
                   published_by=_text(data.get("published_by"), "目录文件", "published_by"),
                   published_at=_text(data.get("published_at"), "目录文件", "published_at"))


def read_json_bytes(data: bytes, filename: str = "") -> Catalog:
    check_size(len(data), filename)
    text = decode_text(data, filename)
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文件“{filename}”不是有效的 JSON：第 {lineno} 行第 {colno} "
                                                          "列附近有语法错误（{msg}）。"), filename=filename,
                              lineno=exc.lineno, colno=exc.colno, msg=exc.msg, field="file") from None
    return catalog_from_dict(parsed)


def read_json_file(path: str | Path) -> Catalog:
    p = Path(path)
    try:
        check_size(p.stat().st_size, p.name)
        data = p.read_bytes()
    except FileNotFoundError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "找不到文件“{path}”。请检查路径。"), path=p, field="file") from None
    except IsADirectoryError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{path}”是文件夹，不是目录文件。"), path=p, field="file") from None
    except PermissionError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "没有权限读取文件“{path}”。"), path=p, field="file") from None
    return read_json_bytes(data, p.name)


# --------------------------------------------------------------------------- records -> dict
_ITEM_FIELDS = tuple(f.name for f in fields(ServiceItemRecord) if f.name != "source")
_MATERIAL_FIELDS = tuple(f.name for f in fields(MaterialRecord))
_STEP_FIELDS = tuple(f.name for f in fields(HandlingStep))


def material_to_dict(m: MaterialRecord) -> dict[str, Any]:
    return {n: getattr(m, n) for n in _MATERIAL_FIELDS}


def step_to_dict(s: HandlingStep) -> dict[str, Any]:
    return {n: getattr(s, n) for n in _STEP_FIELDS}


def item_to_dict(item: ServiceItemRecord) -> dict[str, Any]:
    """The JSON form of one item (field values are immutable scalars, so no deep copy is needed)."""
    d = {n: getattr(item, n) for n in _ITEM_FIELDS}
    d["online_depth"] = list(item.online_depth)
    d["delivery_methods"] = list(item.delivery_methods)
    d["materials"] = [material_to_dict(m) for m in item.materials]
    d["handling_steps"] = [step_to_dict(s) for s in item.handling_steps]
    d["business_steps"] = [step_to_dict(s) for s in item.business_steps]
    return d


def catalog_to_dict(catalog: Catalog) -> dict[str, Any]:
    return {"format": FORMAT_NAME, "format_version": catalog.format_version,
            "catalog_version": catalog.catalog_version, "published_by": catalog.published_by,
            "published_at": catalog.published_at, "items": [item_to_dict(i) for i in catalog.items]}
