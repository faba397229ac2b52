"""The print log records each job's fate; a reprint is marked, counted and has its own job; the daily cover."""
from __future__ import annotations

import io

import pypdf
import pytest

from desk_app.domain.errors import ValidationError
from tests.print_support import issue, print_service


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_job_reports_fill_the_print_log_and_a_reprint_is_marked(store, data_dir):
    svc = print_service(store, data_dir)
    doc = issue(svc)
    assert doc.print_id
    assert [(e.reprint, e.job_state) for e in svc.log()] == [(0, "")]   # issued, not yet at a printer
    svc.report_job(doc.printout_id, doc.print_id, actor="clerk5", state="sent", printer="office", transport="cups",
                   job="office-7")
    svc.report_job(doc.printout_id, doc.print_id, actor="clerk5", state="printed", printer="office",
                   transport="cups", job="office-7")
    again = svc.reprint(doc.printout_id, actor="clerk5")
    assert again.reprint == 1 and again.print_id != doc.print_id and "补打" in _text(again.pdf)
    assert "补打" not in _text(doc.pdf)
    svc.report_job(doc.printout_id, again.print_id, actor="clerk5", state="unknown", printer="office",
                   message="打印机没有回答")
    log = sorted(svc.log(), key=lambda e: e.reprint)
    assert [(e.reprint, e.job_state, e.printer) for e in log] == [(0, "printed", "office"), (1, "unknown", "office")]
    assert log[1].job_message == "打印机没有回答"
    info = svc.documents(doc.case_id)[0]
    assert (info.print_count, info.reprint_count, info.last_job_state) == (2, 1, "unknown")
    latest = svc.printed_document(doc.printout_id)
    assert latest.reprint == 1 and latest.print_id == again.print_id and latest.pdf == again.pdf
    with pytest.raises(ValidationError):
        svc.report_job(doc.printout_id, doc.print_id, actor="clerk5", state="maybe")


def test_daily_cover_has_todays_figures(store, data_dir):
    from desk_app.services.queue import issue_ticket
    with store.write() as uow:
        issue_ticket(uow, "A")
        issue_ticket(uow, "A")
    svc = print_service(store, data_dir)
    doc = svc.issue_daily_cover(actor="super1", prepared_by="陈值班长")
    assert doc.kind == "daily-report-cover" and "日报" in doc.number
    text = _text(doc.pdf)
    assert "取号数" in text and "受理数" in text and "陈值班长" in text
    from desk_app.services.daily_cover import daily_figures
    from desk_app.domain.timeutil import hall_day
    with store.read() as s:
        figures = {f["label"]: f["value"] for f in daily_figures(s, store.hall_id, hall_day(store.now_ms()),
                                                                  store.now_ms())}
    assert figures["取号数"] == 2 and figures["受理数"] == 0 and figures["满意率"] == "—"
