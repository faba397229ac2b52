"""A4 transports without a spooler: the folder printer, IPP bytes, and the CUPS transport's errors and answers."""
from __future__ import annotations

import os
from pathlib import Path
import stat
import struct

import pytest

from desk_app.devices import ipp
from desk_app.devices.doc_printer import FolderPrinter, SentJob, safe_filename
from desk_app.devices.doc_printer_cups import CupsPrinter
from desk_app.domain.errors import PrinterError


def test_folder_printer_writes_whole_files_and_answers_printed(tmp_path):
    p = FolderPrinter(tmp_path)
    a = p.submit(b"%PDF-1 a", printer="", title="受理通知书 SL受〔2026〕01-00001号")
    b = p.submit(b"%PDF-1 b", printer="", title="受理通知书 SL受〔2026〕01-00001号")
    assert a.job_id != b.job_id and Path(a.job_id).read_bytes() == b"%PDF-1 a"
    assert "SL受〔2026〕01-00001号" in a.job_id and not list(tmp_path.rglob("*.part"))
    assert p.status(a).state == "printed"
    os.remove(b.job_id)
    assert p.status(b).state == "failed"
    assert safe_filename('a/b:c*"d') == "a_b_c_d"


def test_folder_printer_full_disk_is_a_chinese_printer_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(PrinterError, match="无法把文书写入文件夹"):
        FolderPrinter(blocker).submit(b"x", printer="", title="t")


def _response(status: int, attrs: list[tuple[int, str, bytes]]) -> bytes:
    body = struct.pack(">BBHI", 2, 0, status, 1) + bytes([ipp.TAG_OPERATION])
    for tag, name, value in attrs:
        body += ipp._attr(tag, name, value)
    return body + bytes([ipp.TAG_END])


def test_ipp_request_and_answer_bytes():
    req = ipp.get_job_request("ipp://localhost/printers/q", 12, "clerk")
    assert req[:4] == b"\x02\x00\x00\x09" and b"job-state-message" in req and req.endswith(b"\x03")
    data = _response(0, [(ipp.TAG_ENUM, "job-state", struct.pack(">i", 8)),
                         (ipp.TAG_TEXT, "job-state-message", "缺纸".encode()),
                         (ipp.TAG_KEYWORD, "job-state-reasons", b"a"), (ipp.TAG_KEYWORD, "", b"b")])
    status, attrs = ipp.parse_response(data)
    assert status == 0 and attrs["job-state"] == [8] and attrs["job-state-message"] == ["缺纸"]
    assert attrs["job-state-reasons"] == ["a", "b"]
    with pytest.raises(ValueError):
        ipp.parse_response(data[:-10])


def _fake_lp(tmp_path, output: str, rc: int = 0) -> str:
    path = tmp_path / "lp"
    path.write_text(f"#!/bin/sh\ncat > {tmp_path}/got.pdf\necho '{output}'\nexit {rc}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_cups_submit_hands_the_pdf_to_lp_and_parses_the_job(tmp_path):
    lp = _fake_lp(tmp_path, "request id is office-laser-42 (1 file(s))")
    job = CupsPrinter(lp=lp).submit(b"%PDF-1.4 notice", printer="office-laser", title="受理通知书", copies=2)
    assert job == SentJob("cups", "office-laser", "office-laser-42")
    assert (tmp_path / "got.pdf").read_bytes() == b"%PDF-1.4 notice"


@pytest.mark.parametrize("output, text", [
    ("lp: The printer or class does not exist.", "找不到打印机“gone”"),
    ("lp: Destination \"gone\" is not accepting jobs.", "暂停接收"),
])
def test_cups_refusals_are_chinese_messages(tmp_path, output, text):
    with pytest.raises(PrinterError, match=text):
        CupsPrinter(lp=_fake_lp(tmp_path, output, rc=1)).submit(b"%PDF", printer="gone", title="t")


def test_cups_missing_lp_and_silent_server(tmp_path, monkeypatch):
    with pytest.raises(PrinterError, match="没有安装 CUPS"):
        CupsPrinter(lp=str(tmp_path / "no-lp")).submit(b"%PDF", printer="", title="t")
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no.sock"))
    st = CupsPrinter().status(SentJob("cups", "q", "q-3"))
    assert st.state == "unknown" and "没有回答" in st.message_cn  # no answer is never "printed"
