"""The `desk-app` entry point: Chinese help, version, db upgrade, and a friendly message for known errors."""
from __future__ import annotations

import sqlite3

import pytest

from desk_app.cli import main


def test_help_is_chinese(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for word in ("用法", "演示大厅", "数据库", "事项目录", "文书"):
        assert word in out


def test_version(capsys) -> None:
    assert main(["version"]) == 0
    assert capsys.readouterr().out.startswith("desk-app ")


def test_db_upgrade_creates_schema(tmp_path, capsys) -> None:
    db = tmp_path / "x.db"
    assert main(["db", "upgrade", "--db", str(db)]) == 0
    tables = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"events", "tickets", "cases", "service_items", "attachments"} <= tables
    assert "最新结构" in capsys.readouterr().out
