"""Catalog import (one transaction, lint-gated, retiring absent items), search, item lookup, XLSX reading."""
from __future__ import annotations

import copy
import json
import os
import time
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from desk_app.domain.catalog import read_json_file
from desk_app.domain.catalog.io import catalog_from_dict
from desk_app.domain.errors import NotFoundError, ValidationError
from desk_app.paths import resources_dir
from desk_app.services import catalog as catalog_service
from desk_app.services.catalog import CatalogService, import_catalog, load_catalog_file
from desk_app.services.catalog_xlsx import read_xlsx_file, write_xlsx_file
from desk_app.store.models import Material, Meta, ServiceItem

DIR = resources_dir() / "catalog"
SAMPLE = read_json_file(DIR / "sample_catalog.json")


def counts(store) -> tuple[int, int, str]:
    with store.read() as s:
        items = s.scalar(select(func.count()).select_from(ServiceItem))
        mats = s.scalar(select(func.count()).select_from(Material))
        meta = s.get(Meta, "catalog_version")
        return items, mats, meta.value if meta else ""


def test_import_writes_items_materials_and_version(store):
    svc = CatalogService(store)
    result = svc.import_catalog(SAMPLE.items, "v1")
    assert (result.items, result.added, result.updated, result.retired) == (len(SAMPLE.items), len(SAMPLE.items), 0, 0)
    assert result.materials == sum(len(i.materials) for i in SAMPLE.items)
    assert counts(store) == (len(SAMPLE.items), result.materials, "v1")
    assert svc.version() == "v1"
    first = SAMPLE.items[0]
    assert svc.get_item(first.item_code) == first
    with store.read() as s:
        row = s.scalar(select(ServiceItem).where(ServiceItem.item_code == first.item_code))
        assert row.promised_limit_days == 0 and row.legal_limit_days == 15 and row.initials.startswith("gtgshsldj")


def test_lint_error_in_last_item_imports_nothing(store):
    svc = CatalogService(store)
    svc.import_catalog(SAMPLE.items[:5], "v1")
    before = counts(store)
    items = list(SAMPLE.items)
    items[-1] = replace(items[-1], promised_limit="5天")
    with pytest.raises(ValidationError) as exc:
        svc.import_catalog(items, "v2")
    assert "未导入任何事项" in exc.value.message and items[-1].item_code in exc.value.message
    assert "Q3" in exc.value.detail
    assert counts(store) == before


def test_failure_while_writing_the_last_row_rolls_everything_back(store, monkeypatch):
    svc = CatalogService(store)
    last = SAMPLE.items[-1].name
    real = catalog_service.pinyin.search_keys

    def explode_on_last(name: str) -> tuple[str, str]:
        if name == last:
            raise RuntimeError("disk trouble on the last row")
        return real(name)

    monkeypatch.setattr(catalog_service.pinyin, "search_keys", explode_on_last)
    with pytest.raises(RuntimeError):
        svc.import_catalog(SAMPLE.items, "v1")
    assert counts(store) == (0, 0, "")


def test_reimport_retires_absent_items_and_keeps_material_ids(store):
    svc = CatalogService(store)
    svc.import_catalog(SAMPLE.items, "v1")
    kept = SAMPLE.items[1]
    with store.read() as s:
        item_id = s.scalar(select(ServiceItem.id).where(ServiceItem.item_code == kept.item_code))
        old_ids = {m.name: m.id for m in s.scalars(select(Material).where(Material.service_item_id == item_id))}
    # v2: drop the first item, drop the last material of the second item
    changed = replace(kept, materials=kept.materials[:-1])
    result = svc.import_catalog((changed,) + SAMPLE.items[2:], "v2")
    assert (result.added, result.updated, result.retired) == (0, len(SAMPLE.items) - 1, 1)
    with store.read() as s:
        new_ids = {m.name: m.id for m in s.scalars(select(Material).where(Material.service_item_id == item_id))}
    assert new_ids == {m.name: old_ids[m.name] for m in changed.materials}
    gone = SAMPLE.items[0].item_code
    with pytest.raises(ValidationError) as exc:
        svc.get_item(gone)
    assert "该事项已从目录中撤销" in exc.value.message
    assert gone not in [h.item_code for h in svc.search("gtgsh")]
    assert svc.version() == "v2"
    # the retired item comes back when a later catalog has it again
    result = svc.import_catalog(SAMPLE.items, "v3")
    assert result.retired == 0 and svc.get_item(gone).name == SAMPLE.items[0].name


def test_duplicate_codes_refused_by_import(store):
    items = (SAMPLE.items[0], replace(SAMPLE.items[1], item_code=SAMPLE.items[0].item_code))
    with store.write() as uow, pytest.raises(ValidationError) as exc:
        import_catalog(uow, items, "v1")
    assert "重复" in exc.value.message


def test_get_item_unknown(store):
    CatalogService(store).import_catalog(SAMPLE.items, "v1")
    with pytest.raises(NotFoundError):
        CatalogService(store).get_item("nope")


@pytest.mark.parametrize("query, expected_first", [
    ("gtgsh", "个体工商户设立登记"),
    ("GTGSH", "个体工商户设立登记"),
    ("getigongshanghushe", "个体工商户设立登记"),
    ("公积金提取", "住房公积金提取（购买自住住房）"),
    ("zfgjj", "住房公积金个人账户设立"),
    ("jhdj", "内地居民结婚登记"),
])
def test_search(store, query, expected_first):
    svc = CatalogService(store)
    svc.import_catalog(SAMPLE.items, "v1")
    hits = svc.search(query)
    assert hits and hits[0].name == expected_first


def test_search_by_item_code_and_empty_query(store):
    svc = CatalogService(store)
    svc.import_catalog(SAMPLE.items, "v1")
    code = SAMPLE.items[5].item_code
    assert svc.search(code)[0].item_code == code
    assert svc.search(code.lower())[0].item_code == code
    assert [h.item_code for h in svc.search("", limit=3)] == [i.item_code for i in SAMPLE.items[:3]]
    assert svc.search("zzzzqqq") == []
    assert len(svc.search("d", limit=2)) == 2


def test_search_is_fast_for_5000_items(store):
    base = SAMPLE.items
    items = tuple(replace(base[i % len(base)], item_code=f"{base[i % len(base)].item_code[:19]}{i:014d}",
                          name=f"{base[i % len(base)].name}{i}") for i in range(5000))
    svc = CatalogService(store)
    svc.import_catalog(items, "big")
    svc.search("gtgsh")  # builds the index
    start = time.perf_counter()
    for q in ("gtgsh", "zfgjj", "公积金", "bdcdj", "shehui"):
        assert svc.search(q)
    per_query = (time.perf_counter() - start) / 5
    assert per_query < 0.1, per_query


def test_xlsx_round_trip(tmp_path: Path):
    path = tmp_path / "c.xlsx"
    write_xlsx_file(SAMPLE, path)
    assert read_xlsx_file(path) == SAMPLE
    assert load_catalog_file(DIR / "sample_catalog.xlsx") == SAMPLE


def _edit_workbook(tmp_path: Path, fn) -> Path:
    wb = load_workbook(DIR / "sample_catalog.xlsx")
    fn(wb)
    out = tmp_path / "edited.xlsx"
    wb.save(out)
    return out


def refused_file(path: Path) -> ValidationError:
    with pytest.raises(ValidationError) as exc:
        load_catalog_file(path)
    return exc.value


def test_xlsx_missing_column_is_named(tmp_path: Path):
    def drop(wb):
        ws = wb["事项"]
        for cell in ws[1]:
            if cell.value == "承诺办结时限":
                ws.delete_cols(cell.column)
                break
    err = refused_file(_edit_workbook(tmp_path, drop))
    assert "事项" in err.message and "承诺办结时限" in err.message and err.field == "承诺办结时限"


def test_xlsx_missing_sheet_is_named(tmp_path: Path):
    err = refused_file(_edit_workbook(tmp_path, lambda wb: wb.remove(wb["材料"])))
    assert "材料" in err.message


def _open_handles(path: Path) -> int:
    """How many file descriptors of this process point at ``path`` (Linux: /proc/self/fd)."""
    fds = Path("/proc/self/fd")
    n = 0
    for fd in fds.iterdir():
        try:
            n += Path(os.readlink(fd)) == path
        except OSError:
            pass  # closed while listing
    return n


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("break_it", [
    lambda wb: wb.remove(wb["材料"]),                                       # refused before reading rows
    lambda wb: setattr(wb["事项"].cell(row=1, column=1), "value", "编码"),  # refused at the header
])
def test_a_refused_workbook_leaves_no_file_open(tmp_path: Path, break_it):
    path = _edit_workbook(tmp_path, break_it)
    refused_file(path)
    assert _open_handles(path.resolve()) == 0  # a file left open cannot be replaced on the clerk's Windows PC


def test_xlsx_duplicate_codes_name_rows(tmp_path: Path):
    def dup(wb):
        ws = wb["事项"]
        ws.cell(row=9, column=1).value = ws.cell(row=3, column=1).value
    err = refused_file(_edit_workbook(tmp_path, dup))
    assert "重复" in err.message and "第 3 行" in err.message and "第 9 行" in err.message


def test_xlsx_bad_yes_no_cell_names_row_and_column(tmp_path: Path):
    def bad(wb):
        ws = wb["事项"]
        col = next(c.column for c in ws[1] if c.value == "是否收费")
        ws.cell(row=6, column=col).value = "也许"
    err = refused_file(_edit_workbook(tmp_path, bad))
    assert "第 6 行" in err.message and "是否收费" in err.message


def test_xlsx_material_row_errors_name_the_material_row(tmp_path: Path):
    def bad(wb):
        ws = wb["材料"]
        col = next(c.column for c in ws[1] if c.value == "份数")
        ws.cell(row=4, column=col).value = "两份"
    err = refused_file(_edit_workbook(tmp_path, bad))
    assert "材料" in err.message and "第 4 行" in err.message and "份数" in err.message


def test_xlsx_item_with_500_materials(tmp_path: Path):
    def many(wb):
        ws = wb["材料"]
        row = [c.value for c in ws[2]]
        for _ in range(500):
            ws.append(row)
    err = refused_file(_edit_workbook(tmp_path, many))
    assert "上限" in err.message and "申请材料" in err.message and "第 2 行" in err.message


def test_xlsx_lint_findings_carry_the_sheet_row(tmp_path: Path):
    def bad(wb):
        ws = wb["事项"]
        col = next(c.column for c in ws[1] if c.value == "承诺办结时限")
        ws.cell(row=5, column=col).value = "五天"
    catalog = load_catalog_file(_edit_workbook(tmp_path, bad))
    from desk_app.domain.catalog import lint
    (f,) = [f for f in lint(catalog.items) if f.rule == "Q3"]
    assert "第 5 行" in f.location and f.field == "promised_limit"


@pytest.mark.parametrize("name, content, fragment", [
    ("catalog.csv", "实施编码,事项名称\n".encode("gbk"), "CSV"),
    ("catalog.xls", b"\xd0\xcf\x11\xe0", "97-2003"),
    ("catalog.pdf", b"%PDF-1.4", "只能是 .json 或 .xlsx"),
    ("catalog.xlsx", "这不是工作簿".encode("utf-8"), "不是 Excel 工作簿"),
    ("catalog.json", b"PK\x03\x04zip", ".xlsx"),
])
def test_wrong_file_types(tmp_path: Path, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    assert fragment in refused_file(path).message


def test_50_mb_xlsx_is_refused(tmp_path: Path):
    big = tmp_path / "big.xlsx"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    assert "上限" in refused_file(big).message


def test_import_of_json_with_bad_last_item_via_file_imports_nothing(store, tmp_path: Path):
    data = json.loads((DIR / "sample_catalog.json").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["items"][-1]["online_depth"] = [1, 3]
    data["items"][-1]["online"] = True
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError):
        CatalogService(store).import_file(path)
    assert counts(store) == (0, 0, "")
    assert catalog_from_dict(data).items[-1].online_depth == (1, 3)


def test_xlsx_keeps_stray_spaces_in_text_for_q2(tmp_path: Path):
    def spaced(wb):
        ws = wb["事项"]
        col = next(c.column for c in ws[1] if c.value == "实施主体")
        ws.cell(row=2, column=col).value = ws.cell(row=2, column=col).value + " "
        col = next(c.column for c in ws[1] if c.value == "办件类型")
        ws.cell(row=2, column=col).value = " 即办件 "
    catalog = load_catalog_file(_edit_workbook(tmp_path, spaced))
    from desk_app.domain.catalog import lint
    assert catalog.items[0].item_type == "instant"
    assert [(f.rule, f.field) for f in lint(catalog.items)] == [("Q2", "department")]
