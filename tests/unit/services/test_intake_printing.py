"""Decisions with their printouts: numbered, rendered and archived in the decision's transaction."""
from __future__ import annotations

import io

import pdfplumber
import pytest
from sqlalchemy import func, select

from desk_app.domain import intake as d
from desk_app.domain.errors import PrinterError
from desk_app.services.intake import IntakeService
from desk_app.services.pickup import PickupService
from desk_app.printing.renderer import TemplateRenderer
from desk_app.services.printing import PrintService
from desk_app.store.blobs import BlobStore
from desk_app.store.models import Attachment, EventRow
from tests.intake_support import PERSON, add_item
from tests.intake_support import clock, hall  # noqa: F401 - shared fixtures


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(p.extract_text() or "" for p in doc.pages)


def test_acceptance_prints_notice_and_receipt_archived_on_the_case(hall, data_dir) -> None:
    mids = add_item(hall, "X001", "个体工商户设立登记", promised=3,
                    materials=[{"name": f"材料{i}"} for i in range(1, 11)])
    printing = PrintService(hall, BlobStore(data_dir / "blobs"), renderer=TemplateRenderer())
    s = IntakeService(hall, actor="clerk5", window_number=5)
    cid = s.open_case(item_codes=["X001"]).case.id
    s.set_applicant(cid, PERSON)
    for m in mids:
        s.check_material(cid, m, d.RECEIVED, form=d.ORIGINAL, copies=1)
    out = s.decide_and_issue(cid, d.ACCEPT, printing=printing, clerk_name="李娜")
    assert [doc.kind for doc in out.documents] == ["acceptance-notice", "materials-receipt"]
    text = _text(out.documents[0].pdf)
    assert out.case.case_number in text and "2026年11月26日" in text and "张三" in text
    assert "110101199003074477" not in text
    assert "材料10" in _text(out.documents[1].pdf)
    with hall.read() as sess:
        shas = set(sess.scalars(select(Attachment.sha256).where(Attachment.case_id == cid,
                                                                Attachment.kind == "printout")))
    assert shas == {doc.sha256 for doc in out.documents}
    assert [p.kind for p in printing.documents(cid)] == ["acceptance-notice", "materials-receipt"]


def test_failed_printout_leaves_no_decision(hall, data_dir, monkeypatch) -> None:
    mids = add_item(hall, "X001", "个体工商户设立登记", materials=[{"name": "申请书"}])
    s = IntakeService(hall, actor="clerk5", window_number=5)
    cid = s.open_case(item_codes=["X001"]).case.id
    s.set_applicant(cid, PERSON)
    s.check_material(cid, mids[0], d.MISSING)
    with hall.read() as sess:
        before = sess.scalar(select(func.count()).select_from(EventRow))

    def broken(*a, **k):
        raise PrinterError("模板字体缺失")
    import desk_app.printing.pdf as pdf
    monkeypatch.setattr(pdf, "render_pdf", broken)
    with pytest.raises(PrinterError):
        s.decide_and_issue(cid, d.NOTICE, printing=PrintService(hall, BlobStore(data_dir / "blobs"),
                                                                renderer=TemplateRenderer()))
    assert s.get(cid).status == d.CHECKING and s.get(cid).notice_count == 0
    with hall.read() as sess:
        assert sess.scalar(select(func.count()).select_from(EventRow)) == before


def test_every_outcome_renders(hall, data_dir) -> None:
    printing = PrintService(hall, BlobStore(data_dir / "blobs"), renderer=TemplateRenderer())
    mids = add_item(hall, "X001", "个体工商户设立登记", materials=[
        {"name": "申请书"}, {"name": "场所证明", "deferrable": True}])
    inst = add_item(hall, "I001", "社保卡补领", item_type="instant", promised=0, legal=0,
                    materials=[{"name": "身份证"}])
    s = IntakeService(hall, actor="clerk5", window_number=5)

    def case(codes=("X001",)):
        cid = s.open_case(item_codes=list(codes)).case.id
        s.set_applicant(cid, PERSON)
        return cid
    c1 = case()
    s.check_material(c1, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    s.check_material(c1, mids[1], d.DEFERRED)
    out = s.decide_and_issue(c1, d.ACCEPT_DEFERRED, printing=printing)
    assert "场所证明" in _text(out.documents[2].pdf)
    c2 = case()
    s.check_material(c2, mids[0], d.DEFECTIVE, reason_code="unsigned")
    s.check_material(c2, mids[1], d.MISSING)
    assert "缺少签字或盖章" in _text(s.decide_and_issue(c2, d.NOTICE, printing=printing).documents[0].pdf)
    c3 = case()
    assert "区民政局" in _text(s.decide_and_issue(c3, d.OUT_OF_SCOPE, refer_to="区民政局",
                                                 printing=printing).documents[0].pdf)
    c4 = case()
    text = _text(s.decide_and_issue(c4, d.REJECT, reasons="不符合条件", printing=printing).documents[0].pdf)
    assert "不符合条件" in text and "市南区人民政府" in text
    c5 = case(("I001",))
    s.check_material(c5, inst[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    assert s.decide_and_issue(c5, d.FINISH, printing=printing).case.status == d.FINISHED
    # pickup with its receipt
    c6 = case()
    s.check_material(c6, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    s.check_material(c6, mids[1], d.RECEIVED, form=d.COPY, copies=2)
    s.decide_and_issue(c6, d.ACCEPT, printing=printing)
    s.mark_result_ready(c6)
    state, doc = PickupService(hall).hand_out_and_issue(
        c6, printing=printing, method="window", receiver_kind="applicant", receiver_id=PERSON["resident_id"])
    assert state.status == d.DELIVERED and "张三" in _text(doc.pdf)
