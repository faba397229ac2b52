"""The printout-kind registry is complete (template, builder, sample that renders, label) and the only kind list."""
from __future__ import annotations

import ast
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

import desk_app
from desk_app.domain import printout_kinds
from desk_app.domain.errors import ValidationError
from desk_app.domain.printout_kinds import KINDS, LABEL_CONTEXT, REGISTRY, TICKET, printout_kind
from desk_app.printing import render_pdf
from desk_app.printing.documents import cn_date
from desk_app.printing.samples import sample
from desk_app.printing.templates import base_dir
from desk_app.services.printout_data import BUILDERS
from tests.pdf_support import pdf_pages_text

PKG = Path(desk_app.__file__).parent
REGISTRY_FILE = Path(printout_kinds.__file__)

# The ticket prints its id only inside the QR code: no text to find.
NOT_PRINTED_AS_TEXT = {(TICKET, "ticket_id")}


def _printed(value: Any) -> str:
    """What a sample value looks like in the PDF's text (whitespace removed, as pdf_pages_text gives it)."""
    if isinstance(value, (date, datetime)) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d.*", value)):
        value = cn_date(value)
    elif isinstance(value, dict):
        value = value["name"]
    elif isinstance(value, list):  # the first entry's own text: a material, a reason, a handed item, a figure
        first = value[0]
        value = next(first[k] for k in ("name", "text", "label") if k in first)
    return re.sub(r"\s+", "", str(value))


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_a_template_a_builder_a_label_and_a_sample_that_renders_its_required_keys(kind) -> None:
    assert (base_dir() / f"{kind}.toml").is_file()
    assert callable(BUILDERS[kind])
    assert re.search(r"[\u4e00-\u9fff]", REGISTRY[kind].label)
    data = sample(kind)
    text = "".join(pdf_pages_text(render_pdf(kind, data)))
    for key in printout_kind(kind).required:
        if (kind, key) not in NOT_PRINTED_AS_TEXT:
            assert _printed(data[key]) in text, (kind, key)


def test_builders_are_registered_for_the_registered_kinds_only() -> None:
    assert sorted(BUILDERS) == sorted(KINDS)


def test_an_unknown_kind_is_refused_in_chinese_naming_the_kinds_there_are() -> None:
    with pytest.raises(ValidationError, match="未知的文书种类：notice") as err:
        render_pdf("notice", sample(printout_kinds.ONE_TIME_NOTICE))
    assert all(k in err.value.message for k in KINDS)


def test_each_label_is_marked_for_lupdate_in_the_label_context() -> None:
    marked = set()
    for node in ast.walk(ast.parse(REGISTRY_FILE.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
            context, text = (a.value for a in node.args)
            if context != "Errors":  # the registry's own error message
                assert context == LABEL_CONTEXT
                marked.add(text)
    assert marked == {k.label for k in REGISTRY.values()}


def _spelled_kinds(path: Path, codes: set[str]) -> set[str]:
    """The kind codes a module spells in its string literals (docstrings left out: they may name a kind)."""
    source = path.read_text(encoding="utf-8")
    codes = {c for c in codes if c in source}  # most modules name none: no need to parse them
    if not codes:
        return set()
    # a code followed by ":" is a scanned code's prefix, e.g. the ticket QR's "ticket:<id>", not a kind
    spelling = re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, codes))})(?![\w:-])")
    tree = ast.parse(source)
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return {m for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            for m in spelling.findall(node.value)}


def test_no_module_but_the_registry_spells_a_kind_code() -> None:
    # "ticket" also names the ticket aggregate and a scanned code everywhere else: only printing/ must not spell it.
    codes = set(KINDS) - {TICKET}
    spelled = {}
    for path in sorted(PKG.rglob("*.py")):
        if path == REGISTRY_FILE:
            continue
        found = _spelled_kinds(path, codes | ({TICKET} if path.is_relative_to(PKG / "printing") else set()))
        if found:
            spelled[str(path.relative_to(PKG))] = sorted(found)
    assert spelled == {}


def test_the_spelling_check_finds_a_kind_list(tmp_path) -> None:
    planted = tmp_path / "planted.py"
    planted.write_text('"""Names one-time-notice in its docstring: allowed."""\n'
                       'HELP = "ticket, one-time-notice, materials-receipt"\nPATH = "printouts/refusal-notice.toml"\n'
                       'NOT_A_KIND = ("pre-one-time-notice", "ticket:{ticket_id}")\n', encoding="utf-8")
    assert _spelled_kinds(planted, set(KINDS)) == {TICKET, "one-time-notice", "materials-receipt", "refusal-notice"}
