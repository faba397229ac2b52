"""The acceptance notice through the real CUPS transport to virtual printers: the text arrives, the log records it."""
from __future__ import annotations

import subprocess

import pytest

from desk_app.devices.doc_printer_cups import CupsPrinter
from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings
from desk_app.ui.printing.pipeline import PrintPipeline
from tests.cups_support import CUPS_PDF, PDF_DIRECT, ensure_virtual_printers, output_of
from tests.print_support import issue, print_service


@pytest.fixture
def runner(qtbot):
    r = Runner(MessageBridge())
    yield r
    r.shutdown()


def _pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("queue, delay, expected", [
    # a PDF-direct printer gets the PDF itself: the Chinese text is there
    (PDF_DIRECT, 3, ["受理通知书", "示例市政务服务中心", "王䶮", "SL20261123-0042"]),
    # a PostScript printer (cups-pdf re-renders through ghostscript, losing the fonts' Unicode map): the
    # case number and the item code still read back, proof that this very document went through
    (CUPS_PDF, 10, ["SL20261123-0042", "11370600MB28532950400011100100001"]),
])
def test_acceptance_notice_through_cups(qtbot, runner, store, data_dir, tmp_path, queue, delay, expected):
    ensure_virtual_printers()
    service = print_service(store, data_dir)
    doc = issue(service, "acceptance-notice")
    settings = Settings(tmp_path / "settings.json")
    settings.set("printing.printers", {"acceptance-notice": queue})
    settings.set("printing.status_delay_s", delay)
    pipeline = PrintPipeline(runner, settings, service, runner.bridge, actor="clerk5", transport=CupsPrinter())
    with qtbot.waitSignal(pipeline.job_sent, timeout=30000) as sent:
        pipeline.print_document(doc)
    job = sent.args[1]
    assert job.transport == "cups" and job.printer == queue and job.job_id.startswith(queue + "-")
    with qtbot.waitSignal(pipeline.job_finished, timeout=(delay + 30) * 1000) as finished:
        pass
    assert finished.args[1] == "printed", finished.args[2]
    out = output_of(queue, job.job_id)
    assert out is not None, f"{queue} wrote nothing for {job.job_id}"
    text = _pdftotext(out)
    for part in expected:
        assert part in text
    qtbot.waitUntil(lambda: service.log()[0].job_state == "printed", timeout=20000)
    entry = service.log()[0]
    assert (entry.kind, entry.number, entry.printer, entry.reprint) == ("acceptance-notice", doc.number, queue, 0)
    from desk_app.store.models.printing import PrintLog
    with store.read() as s:
        assert s.get(PrintLog, doc.print_id).job_id == job.job_id
