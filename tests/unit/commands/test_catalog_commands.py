"""`desk-app catalog lint/import`: exit 0 when clean, 1 with lint errors, 2 for unreadable input."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from desk_app.cli import main
from desk_app.paths import resources_dir

DIR = resources_dir() / "catalog"


def test_lint_sample_is_clean(capsys):
    assert main(["catalog", "lint", str(DIR / "sample_catalog.json")]) == 0
    out = capsys.readouterr().out
    assert "0 处错误" in out


def test_lint_sample_xlsx_is_clean(capsys):
    assert main(["catalog", "lint", str(DIR / "sample_catalog.xlsx")]) == 0


def test_lint_defects_exits_1_and_prints_findings(capsys):
    assert main(["catalog", "lint", str(DIR / "defects.json")]) == 1
    out = capsys.readouterr().out
    for rule in ("Q1", "Q5", "Q13"):
        assert rule in out
    assert "警告" in out and "错误" in out


def test_lint_json_format_prints_one_finding_per_line(capsys):
    assert main(["catalog", "lint", str(DIR / "defects.json"), "--format", "json"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    expected = json.loads((DIR / "defects.json").read_text(encoding="utf-8"))["expected"]
    assert len(lines) == len(expected)
    assert set(lines[0]) >= {"item_code", "field", "rule", "severity", "message"}
    assert {(f["item_code"], f["rule"]) for f in lines} == {(e["item_code"], e["rule"]) for e in expected}


def test_lint_warning_only_exits_0(tmp_path: Path, capsys):
    data = json.loads((DIR / "sample_catalog.json").read_text(encoding="utf-8"))
    data["items"][0]["materials"][0]["remarks"] = "带户口薄"
    path = tmp_path / "warn.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["catalog", "lint", str(path)]) == 0
    assert "Q1" in capsys.readouterr().out


def test_lint_unreadable_exits_2_with_chinese_message(tmp_path: Path, capsys):
    path = tmp_path / "gbk.json"
    path.write_bytes((DIR / "sample_catalog.json").read_text(encoding="utf-8").encode("gbk"))
    assert main(["catalog", "lint", str(path)]) == 2
    assert "GBK" in capsys.readouterr().err
    assert main(["catalog", "lint", str(tmp_path / "missing.json")]) == 2
    assert main(["catalog", "lint", str(path), "--format", "json"]) == 2
    assert "GBK" in json.loads(capsys.readouterr().out.splitlines()[-1])["error"]


def _items(db: Path) -> int:
    return sqlite3.connect(db).execute("SELECT count(*) FROM service_items").fetchone()[0]


def test_import_sample_then_defects(tmp_path: Path, capsys):
    db = tmp_path / "local.db"
    assert main(["catalog", "import", str(DIR / "sample_catalog.json"), "--db", str(db)]) == 0
    assert "已导入目录版本" in capsys.readouterr().out
    n = _items(db)
    assert n >= 20
    assert main(["catalog", "import", str(DIR / "defects.json"), "--db", str(db)]) == 1
    assert "未导入任何事项" in capsys.readouterr().err
    assert _items(db) == n
    version = sqlite3.connect(db).execute("SELECT value FROM meta WHERE key='catalog_version'").fetchone()[0]
    assert version == json.loads((DIR / "sample_catalog.json").read_text(encoding="utf-8"))["catalog_version"]


def test_import_unreadable_exits_2(tmp_path: Path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n", encoding="utf-8")
    assert main(["catalog", "import", str(path), "--db", str(tmp_path / "l.db")]) == 2
    assert "CSV" in capsys.readouterr().err


def test_import_uses_data_dir_by_default(data_dir: Path, capsys):
    # data_dir sets DESK_APP_DATA through monkeypatch, so nothing leaks into other tests
    assert main(["catalog", "import", str(DIR / "sample_catalog.xlsx")]) == 0
    assert _items(data_dir / "local.db") >= 20
