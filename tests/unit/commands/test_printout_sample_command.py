"""`desk-app printout sample KIND --out FILE` for every kind, and --escpos for the ticket."""
from __future__ import annotations

import pytest

from desk_app.cli import main
from desk_app.printing import KINDS

from tests.pdf_support import pdf_pages_text
from tests.escpos_parser import parse


@pytest.mark.parametrize("kind", KINDS)
def test_sample_pdf_for_every_kind(kind, tmp_path, capsys):
    out = tmp_path / f"{kind}.pdf"
    assert main(["printout", "sample", kind, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert pdf_pages_text(out.read_bytes())[0]
    assert "已生成" in capsys.readouterr().out


@pytest.mark.parametrize("width", ["58", "80"])
def test_sample_ticket_escpos(width, tmp_path):
    out = tmp_path / "t.bin"
    assert main(["printout", "sample", "ticket", "--escpos", "--width", width, "--out", str(out)]) == 0
    parsed = parse(out.read_bytes())
    assert "A023" in parsed.lines and parsed.qr and parsed.cuts == 1


def test_unknown_kind_and_escpos_misuse_are_refused(tmp_path, capsys):
    assert main(["printout", "sample", "nonsense", "--out", str(tmp_path / "x")]) == 2
    assert "未知的文书种类" in capsys.readouterr().err
    assert main(["printout", "sample", "acceptance-notice", "--escpos", "--out", str(tmp_path / "x")]) == 2
