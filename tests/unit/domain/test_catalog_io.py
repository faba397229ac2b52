"""The JSON interchange format and its bad-input cases: encoding, structure, duplicates, size limits."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from desk_app.domain.catalog import MAX_MATERIALS_PER_ITEM, catalog_from_dict, catalog_to_dict, read_json_file
from desk_app.domain.catalog.io import read_json_bytes
from desk_app.domain.errors import ValidationError
from desk_app.paths import resources_dir

SAMPLE_PATH = resources_dir() / "catalog" / "sample_catalog.json"
RAW = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))


def raw() -> dict:
    return copy.deepcopy(RAW)


def refused(data: dict | bytes, name: str = "catalog.json") -> ValidationError:
    blob = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode("utf-8")
    with pytest.raises(ValidationError) as exc:
        read_json_bytes(blob, name)
    return exc.value


def test_round_trip_is_lossless():
    catalog = read_json_file(SAMPLE_PATH)
    assert catalog_from_dict(catalog_to_dict(catalog)) == catalog
    assert catalog.catalog_version == RAW["catalog_version"] and catalog.format_version == 1


def test_utf8_bom_is_accepted():
    blob = b"\xef\xbb\xbf" + SAMPLE_PATH.read_bytes()
    assert len(read_json_bytes(blob, "bom.json").items) == len(RAW["items"])


def test_gbk_file_is_recognised_and_refused_in_chinese():
    blob = json.dumps(raw(), ensure_ascii=False).encode("gbk")
    err = refused(blob, "gbk.json")
    assert "GBK" in err.message and "UTF-8" in err.message and err.field == "file"


def test_binary_garbage_is_not_called_gbk():
    err = refused(b"\x00\xff\xfe\x80\x81" * 10, "junk.json")
    assert "GBK" not in err.message and "UTF-8" in err.message


def test_xlsx_renamed_to_json_is_named():
    err = refused(b"PK\x03\x04rest-of-zip", "catalog.json")
    assert ".xlsx" in err.message


def test_json_syntax_error_names_line_and_column():
    err = refused(b'{"format_version": 1,\n "items": [}', "broken.json")
    assert "第 2 行" in err.message and "列" in err.message


def test_missing_field_names_item_and_field():
    data = raw()
    del data["items"][2]["promised_limit"]
    err = refused(data)
    assert "第 3 个事项" in err.message and "promised_limit" in err.message and "承诺办结时限" in err.message
    assert err.field == "承诺办结时限"


def test_missing_material_field_names_material():
    data = raw()
    del data["items"][1]["materials"][0]["source_channel"]
    err = refused(data)
    assert "第 2 个事项" in err.message and "第 1 项材料" in err.message and "来源渠道" in err.message


def test_wrong_value_type_names_field():
    data = raw()
    data["items"][4]["fee_charged"] = "maybe"
    err = refused(data)
    assert "第 5 个事项" in err.message and "是否收费" in err.message


def test_duplicate_item_codes_name_both_items():
    data = raw()
    data["items"][7]["item_code"] = data["items"][2]["item_code"]
    err = refused(data)
    assert "重复" in err.message and "第 3 个事项" in err.message and "第 8 个事项" in err.message


def test_item_with_500_materials_is_refused():
    data = raw()
    data["items"][-1]["materials"] = data["items"][-1]["materials"][:1] * 500
    err = refused(data)
    assert f"第 {len(RAW['items'])} 个事项" in err.message and "500" in err.message
    assert str(MAX_MATERIALS_PER_ITEM) in err.message and err.field == "申请材料"


def test_50_mb_file_is_refused_before_reading(tmp_path: Path):
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: the size check must not read it
    with pytest.raises(ValidationError) as exc:
        read_json_file(big)
    assert "50.0 MB" in exc.value.message and "上限" in exc.value.message


@pytest.mark.parametrize("mutate, fragment", [
    (lambda d: d.pop("format_version"), "format_version"),
    (lambda d: d.update(format_version=99), "99"),
    (lambda d: d.update(catalog_version=""), "catalog_version"),
    (lambda d: d.update(items=[]), "没有任何事项"),
    (lambda d: d.update(format="something-else"), "格式标识"),
    (lambda d: d.update(items={"a": 1}), "列表"),
])
def test_header_problems(mutate, fragment):
    data = raw()
    mutate(data)
    assert fragment in refused(data).message


def test_top_level_must_be_an_object():
    assert "顶层" in refused(b"[1, 2, 3]").message


def test_missing_file(tmp_path: Path):
    with pytest.raises(ValidationError) as exc:
        read_json_file(tmp_path / "nope.json")
    assert "找不到" in exc.value.message
