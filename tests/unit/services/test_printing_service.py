"""PrintService: offline-safe document numbers, the print log as events, PDFs archived as case attachments, 补打."""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from desk_app.domain.errors import NotFoundError, ValidationError
from desk_app.services.printing import PrintService
from desk_app.store.blobs import BlobStore
from desk_app.store.database import Store
from desk_app.store.models import Attachment, EventRow
from desk_app.store.models.printing import PrintLog, Printout
from desk_app.store.reducer import row_to_event
from desk_app.printing.renderer import TemplateRenderer
from desk_app.printing.samples import sample
from tests.conftest import HALL_ID

from tests.pdf_support import pdf_pages_text


@pytest.fixture
def blobs(tmp_path):
    return BlobStore(tmp_path / "blobs")


@pytest.fixture
def service(store, blobs):
    return PrintService(store, blobs, renderer=TemplateRenderer())


def _events(store):
    with store.read() as s:
        return [row_to_event(r) for r in s.scalars(select(EventRow).order_by(EventRow.device_seq))]


def test_issue_numbers_archives_and_logs(store, service, blobs):
    doc = service.issue("one-time-notice", sample("one-time-notice"), actor="李娜")
    series = store.device_id.replace("-", "")[-4:].upper()
    assert doc.number == f"SL告〔2026〕{series}-00001号"
    assert doc.number in "".join(pdf_pages_text(doc.pdf))
    assert doc.sha256 == hashlib.sha256(doc.pdf).hexdigest()
    assert blobs.read(doc.sha256) == doc.pdf
    with store.read() as s:
        att = s.get(Attachment, doc.sha256)
        assert att.case_id == sample("one-time-notice")["case_id"] and att.kind == "printout"
        assert att.media_type == "application/pdf"
        log = s.scalars(select(PrintLog)).all()
        assert [(r.kind, r.actor, r.reprint, r.copies, r.number) for r in log] == [
            ("one-time-notice", "李娜", 0, 2, doc.number)]
        p = s.get(Printout, doc.printout_id)
        assert p.data["applicant"]["id_number"] == "**************1234"  # never kept whole in the event
    assert [e.type for e in _events(store)].count("printout.issued") == 1
    second = service.issue("one-time-notice", sample("one-time-notice"), actor="李娜")
    assert second.number.endswith("-00002号")
    other_kind = service.issue("acceptance-notice", sample("acceptance-notice"), actor="李娜")
    assert other_kind.number == f"SL受〔2026〕{series}-00001号"


def test_enrolled_device_index_is_the_series(store, service):
    store.set_meta("device_index", "3")
    doc = service.issue("materials-receipt", sample("materials-receipt"), actor="李娜")
    assert doc.number == "SL收〔2026〕03-00001号"


def test_reprint_is_marked_counted_and_archived(store, service, blobs):
    doc = service.issue("acceptance-notice", sample("acceptance-notice"), actor="李娜")
    r1 = service.reprint(doc.printout_id, actor="王芳", printer="HP")
    r2 = service.reprint(doc.printout_id, actor="王芳")
    assert (r1.reprint, r2.reprint) == (1, 2)
    assert "补打（第1次）" in "".join(pdf_pages_text(r1.pdf))
    assert "补打（第2次）" in "".join(pdf_pages_text(r2.pdf))
    assert r1.number == doc.number and blobs.has(r1.sha256)
    log = service.log(case_id=doc.case_id)
    assert sorted(e.reprint for e in log) == [0, 1, 2]
    assert {e.actor for e in log} == {"李娜", "王芳"}
    [info] = service.documents(doc.case_id)
    assert (info.print_count, info.reprint_count) == (3, 2)
    with pytest.raises(NotFoundError):
        service.reprint("no-such-id", actor="x")


def test_case_document_without_case_is_refused(service):
    data = sample("acceptance-notice")
    del data["case_id"]
    with pytest.raises(ValidationError) as exc:
        service.issue("acceptance-notice", data, actor="x")
    assert exc.value.field == "case_id"


def test_two_pcs_offline_never_share_a_number_and_replicas_agree(store, service, data_dir, blobs):
    pc2 = Store.open(data_dir / "pc2.db")
    pc2.set_meta("hall_id", HALL_ID)
    try:
        svc2 = PrintService(pc2, blobs, renderer=TemplateRenderer())
        a = [service.issue("one-time-notice", sample("one-time-notice"), actor="a") for _ in range(2)]
        b = [svc2.issue("one-time-notice", sample("one-time-notice"), actor="b") for _ in range(2)]
        assert len({d.number for d in a + b}) == 4
        reprint = service.reprint(a[0].printout_id, actor="a")
        # replicate both ways, in reverse order: the same log on both PCs
        pc2.apply_remote(list(reversed(_events(store))))
        store.apply_remote(_events(pc2))

        def log_of(s):
            with s.read() as ss:
                return sorted((r.number, r.reprint, r.actor, r.sha256) for r in ss.scalars(select(PrintLog)))
        assert log_of(store) == log_of(pc2)
        assert len(log_of(store)) == 5
        assert (a[0].number, 1, "a", reprint.sha256) in log_of(pc2)
    finally:
        pc2.close()
