"""KnownError carries a template and parameters; every template raised below the UI is in errors_en.ts, finished."""
from __future__ import annotations

import ast
import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from desk_app.domain import errors
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError, KnownError, ValidationError
from desk_app.domain.printout_kinds import LABEL_CONTEXT

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "translations" / "errors_en.ts"
LAYERS = ("domain", "services", "devices", "store", "printing")
# Being split into packages by another engineer right now: their messages stay plain (a template with no parameters).
NOT_YET: set[str] = set()
ERROR_CLASSES = {name for name, obj in vars(errors).items()
                 if isinstance(obj, type) and issubclass(obj, KnownError)} | {"DataKeyError", "CalendarYearMissing"}


def _modules() -> list[tuple[str, ast.Module]]:
    out = []
    for layer in LAYERS:
        for path in sorted((ROOT / "desk_app" / layer).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            out.append((rel, ast.parse(path.read_text(encoding="utf-8"))))
    return out


def _calls(tree: ast.Module, names: set[str]):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if name in names:
                yield node


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.fixture(scope="module")
def modules():
    return _modules()


@pytest.fixture(scope="module")
def translations() -> dict[tuple[str, str], ET.Element]:
    """(context, source) -> translation: the errors, and the printout kinds' labels (domain/printout_kinds.py)."""
    root = ET.parse(TS).getroot()
    return {(c.findtext("name"), m.findtext("source")): m.find("translation")
            for c in root.iter("context") for m in c.iter("message")}


def test_the_message_is_the_template_filled_and_the_parts_stay_apart() -> None:
    e = ConflictError(QT_TRANSLATE_NOOP("Errors", "办件 {case_number} 已评价，共{n:d}次。"), case_number="C-1", n=2,
                      field="level")
    assert str(e) == e.message == e.args[0] == "办件 C-1 已评价，共2次。"
    assert (e.template, e.params, e.field, e.code) == ("办件 {case_number} 已评价，共{n:d}次。",
                                                        {"case_number": "C-1", "n": 2}, "level", "conflict")


def test_a_template_without_parameters_is_literal_text() -> None:
    assert str(ValidationError('例如 {"review_body": "某某市人民政府"}。')) == '例如 {"review_body": "某某市人民政府"}。'


def test_a_missing_parameter_fails_at_the_raise_site() -> None:
    with pytest.raises(KeyError):
        ValidationError("办件 {case_number} 已评价。", number="C-1")


def test_every_error_raised_below_the_ui_has_a_marked_template(modules) -> None:
    plain = [f"{rel}:{call.lineno}" for rel, tree in modules if rel not in NOT_YET
             for call in _calls(tree, ERROR_CLASSES)
             if call.args and isinstance(call.args[0], (ast.JoinedStr, ast.Constant))]
    assert plain == [], "wrap the message in QT_TRANSLATE_NOOP(\"Errors\", ...) with named parameters"


def test_every_marked_template_is_translated_into_english(modules, translations) -> None:
    marked = {}
    for rel, tree in modules:
        for call in _calls(tree, {"QT_TRANSLATE_NOOP"}):
            context, source = (a.value for a in call.args)
            assert context in (errors.ERRORS_CONTEXT, LABEL_CONTEXT), f"{rel}:{call.lineno}"
            marked[context, source] = f"{rel}:{call.lineno}"
    assert len(marked) > 250
    missing = [where for source, where in marked.items() if source not in translations]
    assert missing == [], "run packaging/update_error_translations.sh and translate the new messages"
    for source in marked:
        translation = translations[source]
        assert translation.get("type") is None and translation.text, source
        assert _placeholders(translation.text) == _placeholders(source[1]), source
