"""Translations: no Chinese in ui/ outside tr(), every message of the English .ts finished and compiled, and
the domain's label tables all listed for translation."""
from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desk_app.devices import health
from desk_app.domain import complaint, intake, queue, rating, reports, roles
from desk_app.domain.settings_schema import SCHEMA
from desk_app.services import supervision
from desk_app.ui import labels
from desk_app.ui.devices.health_strip import SHORT_NAMES

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "desk_app" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\U00020000-\U0003ffff]")
TR_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}

# Chinese that is not UI text, each with its reason: (file under desk_app/ui, the literal).
ALLOWED = {
    ("context.py", "演示用户"): "the default user's display name: data, like any staff member's name",
    ("admin/security_page.py", "中文"): "a language is offered under its own name, whatever the UI language",
}


def _ui_sources():
    """(path relative to desk_app/ui, source) of every module of the UI."""
    for path in sorted(UI.rglob("*.py")):
        yield path.relative_to(UI).as_posix(), path.read_text(encoding="utf-8")


def _tools():
    spec = importlib.util.spec_from_file_location("translations_tool", ROOT / "tools" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chinese_outside_tr(source: str) -> list[tuple[int, str]]:
    """Chinese string literals (f-string parts included) that are not the text argument of a translation call;
    docstrings are fine."""
    tree = ast.parse(source)
    fine: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in TR_CALLS:
                # the text itself only: a default inside an argument, tr(labels.get(k, "其他")), is not extracted
                fine.update(id(a) for a in node.args if isinstance(a, ast.Constant))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                fine.add(id(first.value))
    return sorted((n.lineno, n.value) for n in ast.walk(tree)
                  if isinstance(n, ast.Constant) and isinstance(n.value, str) and CJK.search(n.value)
                  and id(n) not in fine)


def test_the_check_finds_chinese_outside_tr_and_passes_what_is_translated():
    found = chinese_outside_tr('''
"""模块说明。"""
def f(self, k):
    """函数说明。"""
    a = self.tr("已翻译") + QCoreApplication.translate("Ctx", "也已翻译") + QT_TRANSLATE_NOOP("Ctx", "待翻译")
    b = QLabel("未翻译")
    c = f"{k}（{a}）"
    return self.tr(LABELS.get(k, "默认"))
''')
    assert [text for _line, text in found] == ["未翻译", "（", "）", "默认"]


def test_no_chinese_literal_in_ui_outside_tr():
    bad = []
    for rel, source in _ui_sources():
        for line, text in chinese_outside_tr(source):
            if (rel, text) not in ALLOWED:
                bad.append(f"desk_app/ui/{rel}:{line}: {text!r}")
    assert not bad, "Chinese outside tr()/translate()/QT_TRANSLATE_NOOP:\n" + "\n".join(bad)


def test_no_alias_of_tr_in_ui():
    """lupdate files ``tr = self.tr; tr("...")`` under no class, where the screen never looks it up."""
    bad = []
    for rel, source in _ui_sources():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Attribute) and node.value.attr == "tr":
                bad.append(f"desk_app/ui/{rel}:{node.lineno}")
    assert not bad, "write self.tr(...) at each call:\n" + "\n".join(bad)


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(c.findtext("name") or "", m.findtext("source") or "", m.find("translation"))
            for c in root.iter("context") for m in c.iter("message")]


PLACEHOLDERS = re.compile(r"%\d|\{\d*\}|\n")


@pytest.mark.parametrize("ts", sorted(TRANSLATIONS.glob("desk_app_*.ts")), ids=lambda p: p.name)
def test_every_message_is_translated_with_its_placeholders(ts):
    unfinished, broken = [], []
    for context, source, tr in _messages(ts):
        text = tr.text or ""
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not text:
            unfinished.append(f"{context}: {source}")
        elif sorted(PLACEHOLDERS.findall(source)) != sorted(PLACEHOLDERS.findall(text)):
            broken.append(f"{context}: {source!r} -> {text!r}")
        elif CJK.search(text) and ts.stem.endswith("_en"):
            broken.append(f"{context}: {source!r} -> {text!r} (Chinese left in the English)")
    assert not unfinished, "run tools/translations.py and translate:\n" + "\n".join(unfinished)
    assert not broken, "\n".join(broken)


def test_the_ts_holds_every_text_of_the_sources(tmp_path):
    """lupdate over today's sources adds nothing and retires nothing: a new tr() text without English fails."""
    tool = _tools()
    for stem in tool.LUPDATE_SOURCES:
        shutil.copy(TRANSLATIONS / f"{stem}_en.ts", tmp_path / f"{stem}_en.ts")
    tool.TRANSLATIONS = tmp_path
    for ts in tool.lupdate():
        stale = [f"{c}: {s} ({tr.get('type')})" for c, s, tr in _messages(ts)
                 if tr.get("type") in ("unfinished", "vanished", "obsolete")]
        assert not stale, f"{ts.name} is behind the sources; run tools/translations.py:\n" + "\n".join(stale)


def test_the_committed_qm_files_are_those_of_the_ts_files(tmp_path):
    ts_files = sorted(TRANSLATIONS.glob("*.ts"))
    assert ts_files
    for qm in _tools().release(ts_files, out_dir=tmp_path):
        committed = TRANSLATIONS / qm.name
        assert committed.exists() and committed.read_bytes() == qm.read_bytes(), \
            f"{committed.name} is stale: run tools/translations.py release and commit it"


def test_fill_finishes_a_message_whose_class_moved_and_drops_the_old_one(tmp_path):
    ts = tmp_path / "x_en.ts"
    ts.write_text('''<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context><name>IntakeScreen</name>
  <message><source>材料审查</source><translation type="vanished">Document check</translation></message>
</context>
<context><name>MaterialsPanel</name>
  <message><source>材料审查</source><translation type="unfinished"></translation></message>
  <message><source>新文字</source><translation type="unfinished"></translation></message>
</context>
</TS>
''', encoding="utf-8")
    assert _tools().fill(ts) == (1, 1)
    assert [(c, s, tr.text, tr.get("type")) for c, s, tr in _messages(ts)] == [
        ("MaterialsPanel", "材料审查", "Document check", None), ("MaterialsPanel", "新文字", None, "unfinished")]


def test_every_domain_label_shown_on_screen_is_listed_for_translation():
    tables = [intake.STATUS_LABELS, intake.MATERIAL_LABELS, intake.DEFECT_REASONS, intake.DELIVERY_METHODS,
              rating.LEVELS, *rating.REASONS.values(), {n: t for n, t, _f in reports.FIGURE_LABELS},
              reports.OUTCOME_LABELS, reports.DIMENSION_LABELS, complaint.CATEGORIES, complaint.STATUS_LABELS,
              roles.ROLES, dict(queue.DEFAULT_PRIORITY_GROUPS), health.KINDS, supervision.ALERT_LABELS,
              {k: s.description for k, s in SCHEMA.items() if k.startswith("security.")}]
    missing = {text for table in tables for text in table.values()} - set(labels.TEXTS)
    assert not missing, f"add to desk_app/ui/labels.py: {sorted(missing)}"


def test_the_status_bar_has_a_short_name_for_every_device_kind():
    assert SHORT_NAMES == health.KINDS  # the same Chinese; the translations are the short ones
