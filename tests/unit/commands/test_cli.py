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


def _all_help_texts(parser) -> list[tuple[str, str]]:
    """Every (sub)command's help, walked from the parser tree."""
    import argparse
    found = [(parser.prog, parser.format_help())]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _all_help_texts(sub)
    return found


@pytest.mark.parametrize("module", ["desk_app.cli", "desk_app.server.cli"])
def test_every_subcommand_help_is_chinese(module) -> None:
    import importlib
    import re
    parser = importlib.import_module(module).build_parser()
    helps = _all_help_texts(parser)
    assert len(helps) > 8
    for prog, text in helps:
        assert text.startswith("用法：") and "用法：用法：" not in text, prog
        # argparse's English headings and its -h text must not show through anywhere.
        for english in ("usage:", "options:", "positional arguments", "show this help"):
            assert english not in text, (prog, english)
        assert re.search(r"[\u4e00-\u9fff]", text.split("\n", 2)[-1]), prog


@pytest.mark.parametrize("module, prog", [("desk_app.cli", "desk-app"), ("desk_app.server.cli", "desk-central")])
def test_version_option(module, prog, capsys) -> None:
    import importlib
    from desk_app import __version__
    with pytest.raises(SystemExit) as exc:
        importlib.import_module(module).main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"{prog} {__version__}"


@pytest.mark.parametrize("argv, expected", [
    (["printout", "sample"], "缺少必需的参数：kind, --out"),
    (["bogus"], "无效的选项 'bogus'"),
    (["db", "upgrade", "--nope"], "无法识别的参数：--nope"),
    (["printout", "sample", "ticket", "--out", "x", "--width", "99"], "参数 --width：无效的选项"),
])
def test_argument_errors_are_chinese(argv, expected, capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert expected in err and "error:" not in err and err.startswith("用法：")
