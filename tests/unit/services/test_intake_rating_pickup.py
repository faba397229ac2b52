"""Ratings, pickup by barcode, complaints and the supervisor lists at the service layer, with replication."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.domain import intake as d
from desk_app.domain import rating as r
from desk_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desk_app.printing.documents import check as check_document
from desk_app.services import complaints as csvc
from desk_app.services.complaints import ComplaintService
from desk_app.services.intake import IntakeService
from desk_app.services.pickup import PickupService
from desk_app.services.rating import RatingService, load_rating
from desk_app.services.supervision import SupervisionService
from desk_app.store.database import Store
from desk_app.store.models import EventRow, Rating
from desk_app.store.reducer import row_to_event
from tests.conftest import HALL_ID
from tests.intake_support import AGENT_ID, BAD_ID, PERSON, VALID_ID_2, add_item, seed_hall
from tests.intake_support import clock  # noqa: F401 - a shared fixture


@pytest.fixture
def hall(data_dir, clock):
    s = Store.open(data_dir / "pc1.db", now_ms=clock)
    s.set_meta("hall_id", HALL_ID)
    seed_hall(s)
    add_item(s, "X001", "个体工商户设立登记", promised=3, materials=[{"name": "申请书"}])
    yield s
    s.close()


def _accepted_case(store: Store) -> str:
    s = IntakeService(store, actor="clerk5", window_number=5)
    case = s.open_case(item_codes=["X001"]).case
    s.set_applicant(case.id, PERSON)
    s.check_material(case.id, case.materials[0]["material_id"], d.RECEIVED, form=d.ORIGINAL, copies=1)
    s.decide(case.id, d.ACCEPT)
    return case.id


def _events(store: Store):
    with store.read() as s:
        return [row_to_event(x) for x in s.scalars(select(EventRow).order_by(EventRow.device_seq))]


def _replica(store: Store, path):
    other = Store.open(path)
    other.set_meta("hall_id", HALL_ID)
    other.apply_remote(list(reversed(_events(store))))
    return other


def test_rating_is_never_defaulted_and_pending_when_applicant_leaves(hall, data_dir) -> None:
    cid = _accepted_case(hall)
    rs = RatingService(hall, actor="clerk5", window_number=5)
    req = rs.request(cid)
    assert req.status == r.REQUESTED and req.level is None
    assert rs.request(cid).id == req.id  # asking twice does not make a second rating
    with pytest.raises(ValidationError):
        rs.submit(req.id, level=None)
    left = rs.applicant_left(req.id)
    assert left.status == r.PENDING_RATING and left.level is None
    with hall.read() as s:
        row = s.get(Rating, req.id)
        assert row.level is None and row.status == "pending"
        assert not s.scalars(select(EventRow).where(EventRow.type == r.RATING_SUBMITTED)).all()
    other = _replica(hall, data_dir / "pc2.db")
    try:
        with other.read() as s:
            assert load_rating(s, req.id) == left
    finally:
        other.close()


def test_negative_rating_gets_a_follow_up_deadline_on_the_supervisor_list(hall, clock, data_dir) -> None:
    cid = _accepted_case(hall)
    rs = RatingService(hall, actor="clerk5", window_number=5)
    rid = rs.request(cid).id
    got = rs.submit(rid, level=1, reasons=["runs"], text="跑了三次")
    assert got.follow_up_due == "2026-12-14" and got.follow_status == r.FOLLOW_OPEN  # 15 working days
    with pytest.raises(ConflictError):
        rs.submit(rid, level=5)
    sup = SupervisionService(hall)
    rows = sup.negative_ratings()
    assert [(x.case_number, x.level_label, x.reasons, x.late) for x in rows] == [
        (got.case_number, "非常不满意", ("多次跑动仍未办成",), False)]
    clock.set(datetime(2026, 12, 15, 9))
    assert sup.negative_ratings()[0].late
    rs.follow_up(rid, "已电话回访，解释原因")
    rs.follow_up(rid, "已调整材料清单说明", rectified=True)
    assert sup.negative_ratings() == []
    assert len(sup.negative_ratings(include_rectified=True)) == 1
    other = _replica(hall, data_dir / "pc2.db")
    try:
        with other.read() as s:
            assert load_rating(s, rid) == rs.get(rid)
    finally:
        other.close()


def test_positive_rating_needs_no_follow_up(hall) -> None:
    cid = _accepted_case(hall)
    rs = RatingService(hall)
    rid = rs.request(cid).id
    got = rs.submit(rid, level=5, reasons=["fast"], text="")
    assert got.follow_up_due is None and SupervisionService(hall).negative_ratings() == []
    with pytest.raises(ValidationError):
        rs.follow_up(rid, "x")


def test_pickup_by_barcode_once(hall, data_dir) -> None:
    cid = _accepted_case(hall)
    intake = IntakeService(hall, actor="clerk5", window_number=5)
    number = intake.get(cid).case_number
    ps = PickupService(hall, actor="pickup1", window_number=20)
    with pytest.raises(ValidationError, match="尚未可领取"):
        ps.find(number)
    intake.mark_result_ready(cid)
    with pytest.raises(ValidationError) as e:
        ps.find("garbage")
    assert e.value.field == "barcode"
    with pytest.raises(NotFoundError):
        ps.find("QD01-20261123-0-0999")
    found = ps.find(f"  {number.lower()}\r\n")
    assert found.id == cid
    with pytest.raises(ValidationError, match="不一致"):
        ps.hand_out(cid, method="window", receiver_kind="applicant", receiver_id=VALID_ID_2)
    with pytest.raises(ValidationError) as e:
        ps.hand_out(cid, method="window", receiver_kind="agent", receiver_name="王五", receiver_id=BAD_ID)
    assert e.value.field == "receiver_id"
    done = ps.hand_out(cid, method="window", receiver_kind="agent", receiver_name="王五", receiver_id=AGENT_ID)
    assert done.status == d.DELIVERED and done.delivery["receiver_id_masked"] == "*" * 14 + "0013"
    assert AGENT_ID not in str(done.delivery)
    receipt = intake.document_data(cid, "pickup-receipt", document_number="P-1")
    check_document("pickup-receipt", receipt)
    assert receipt["receiver"]["is_agent"] and receipt["receiver"]["name"] == "王五"
    with pytest.raises(ConflictError, match="不能重复发放") as e:  # the same barcode scanned twice
        ps.find(number)
    assert e.value.field == "barcode"
    other = _replica(hall, data_dir / "pc2.db")
    try:
        assert IntakeService(other).get(cid) == intake.get(cid)
    finally:
        other.close()


def test_pickup_by_post_needs_tracking_number(hall) -> None:
    cid = _accepted_case(hall)
    IntakeService(hall).mark_result_ready(cid)
    ps = PickupService(hall)
    with pytest.raises(ValidationError) as e:
        ps.hand_out(cid, method="post", receiver_kind="applicant", tracking_number="12")
    assert e.value.field == "tracking_number"
    done = ps.hand_out(cid, method="post", receiver_kind="applicant", tracking_number="SF1234567890")
    assert done.delivery["tracking_number"] == "SF1234567890" and done.delivery["receiver_name"] == "张三"


def test_complaint_followed_to_resolution(hall, data_dir) -> None:
    cid = _accepted_case(hall)
    number = IntakeService(hall).get(cid).case_number
    cs = ComplaintService(hall, actor="duty1", window_number=30)
    with pytest.raises(ValidationError) as e:
        cs.record(category="not_done", description="  ")
    assert e.value.field == "description"
    with pytest.raises(NotFoundError) as e:
        cs.record(category="not_done", description="x", case_number="QD01-20261123-0-0099")
    assert e.value.field == "case_number"
    with pytest.raises(ValidationError) as e:
        cs.record(category="not_done", description="x", phone="123")
    assert e.value.field == "phone"
    c = cs.record(category="runs", description="开办企业跑了两次还缺材料", case_number=number,
                  complainant_name="张三", phone="13800138000")
    assert c.case_id == cid and c.status == "recorded" and c.due_date == "2026-11-30"
    assert c.number.startswith("TS-QD01-20261123-") and c.number.endswith("-0001")
    cs.progress(c.id, "已协调市场监管局窗口", handler="值班长")
    done = cs.resolve(c.id, "当场协调办结", satisfied=True)
    assert done.status == "resolved" and len(done.progress) == 1
    with pytest.raises(ValidationError):
        cs.progress(c.id, "再记一笔")
    assert [x.id for x in cs.open_list()] == [c.id]
    other = _replica(hall, data_dir / "pc2.db")
    try:
        with other.read() as s:
            assert csvc.load_complaint(s, c.id) == done
    finally:
        other.close()
