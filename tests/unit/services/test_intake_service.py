"""Intake use cases end to end at the service layer: every outcome, bad input, replication, deadlines."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select

from desk_app.domain import intake as d
from desk_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desk_app.printing.documents import check as check_document
from desk_app.services import intake as svc
from desk_app.services.intake import IntakeService
from desk_app.services.supervision import SupervisionService
from desk_app.store.database import Store
from desk_app.store.models import Case, CaseMaterial, EventRow
from desk_app.store.reducer import row_to_event
from tests.conftest import HALL_ID
from tests.intake_support import (  # noqa: F401 - clock and hall are shared fixtures
    AGENT_ID, BAD_ID, PERSON, VALID_USCC, Clock, add_item, clock, hall, seed_hall,
)


@pytest.fixture
def mats(hall):
    return add_item(hall, "X001", "个体工商户设立登记", promised=3, materials=[
        {"name": "个体工商户登记申请书"}, {"name": "经营者身份证明"},
        {"name": "经营场所使用证明", "deferrable": True}, {"name": "卫生许可证明", "commitment_allowed": True}])


def _svc(store: Store, window: int = 5) -> IntakeService:
    return IntakeService(store, actor=f"clerk{window}", window_number=window)


def _open_with_applicant(s: IntakeService, codes=("X001",)) -> str:
    case = s.open_case(item_codes=list(codes)).case
    s.set_applicant(case.id, PERSON)
    return case.id


def _receive_all(s: IntakeService, case_id: str, mids: list[str], **special: str) -> None:
    for mid in mids:
        status = special.get(mid, d.RECEIVED)
        kw = {"form": d.ORIGINAL, "copies": 1} if status == d.RECEIVED else {}
        if status == d.DEFECTIVE:
            kw = {"reason_code": "expired"}
        s.check_material(case_id, mid, status, **kw)


def _replica_matches(store: Store, other_path, case_id: str) -> None:
    """Fold the same events into a second store: the case is identical there."""
    with store.read() as sess:
        events = [row_to_event(r) for r in sess.scalars(select(EventRow).order_by(EventRow.device_seq))]
    other = Store.open(other_path)
    other.set_meta("hall_id", HALL_ID)
    other.cipher = store.cipher  # another PC of the hall: the same data key
    try:
        other.apply_remote(list(reversed(events)))  # arrival order does not matter
        with store.read() as a, other.read() as b:
            assert svc.load_case(a, case_id) == svc.load_case(b, case_id)
            row_a, row_b = a.get(Case, case_id), b.get(Case, case_id)
            assert (row_a.status, row_a.due_date, row_a.case_number) == (row_b.status, row_b.due_date,
                                                                         row_b.case_number)
            assert a.scalar(select(func.count()).select_from(CaseMaterial)) == \
                b.scalar(select(func.count()).select_from(CaseMaterial))
    finally:
        other.close()


def test_case_numbers_per_device_and_day(hall, mats, clock) -> None:
    s = _svc(hall)
    unenrolled = s.open_case().case.case_number
    assert 100 <= int(unenrolled.split("-")[2]) <= 999  # before enrolment: a range of its own
    hall.set_meta("device_index", "3")
    a = s.open_case(item_codes=["X001"]).case
    b = s.open_case(item_codes=["X001"]).case
    assert a.case_number == "QD01-20261123-3-0002" and b.case_number == "QD01-20261123-3-0003"
    clock.set(datetime(2026, 11, 24, 9, 0))
    assert s.open_case().case.case_number == "QD01-20261124-3-0001"
    # a database restored from the server has lost its local counter: numbers already used are skipped
    from desk_app.store.models.intake_extra import CaseCounter
    with hall.write() as uow:
        uow.session.query(CaseCounter).delete()
    assert s.open_case().case.case_number == "QD01-20261124-3-0002"


def test_complete_case_is_accepted_with_promised_date_and_replicates(hall, mats, data_dir) -> None:
    s = _svc(hall)
    cid = _open_with_applicant(s)
    _receive_all(s, cid, mats[:3])
    s.check_material(cid, mats[3], d.COMMITTED)
    dec = s.decide(cid, d.ACCEPT)
    assert dec.case.status == d.ACCEPTED and dec.documents == ("acceptance-notice", "materials-receipt")
    assert dec.case.accepted_on == "2026-11-23" and dec.case.due_date == "2026-11-26"  # 3 working days
    for kind in dec.documents:
        check_document(kind, s.document_data(cid, kind, document_number="X-1"))
    receipt = s.document_data(cid, "materials-receipt")
    assert [m["copies_received"] for m in receipt["materials"]] == [1, 1, 1, 0]
    assert receipt["applicant"]["id_number"].endswith("4477") and "1101" not in receipt["applicant"]["id_number"]
    _replica_matches(hall, data_dir / "pc2.db", cid)


def test_incomplete_case_gets_exactly_one_notice(hall, mats, data_dir) -> None:
    s = _svc(hall)
    cid = _open_with_applicant(s)
    _receive_all(s, cid, mats, **{mats[0]: d.MISSING, mats[1]: d.DEFECTIVE})
    with pytest.raises(ValidationError, match="缺少或有误"):
        s.decide(cid, d.ACCEPT)
    dec = s.decide(cid, d.NOTICE)
    assert dec.case.status == d.NOTICE_ISSUED and dec.case.notice_deadline == "2026-12-07"  # 10 working days
    notice = s.document_data(cid, "one-time-notice", document_number="N-1")
    check_document("one-time-notice", notice)
    assert [m["name"] for m in notice["materials"]] == ["个体工商户登记申请书", "经营者身份证明"]
    assert notice["materials"][1]["reason"] == "证件已过有效期"
    with pytest.raises(ConflictError, match="只能出具一次"):
        s.decide(cid, d.NOTICE)
    # the applicant comes back with everything; the same case is accepted
    _receive_all(s, cid, mats[:2])
    s.check_material(cid, mats[1], d.DEFECTIVE, reason_code="unsigned")
    with pytest.raises(ConflictError, match="只能出具一次"):
        s.decide(cid, d.NOTICE)
    s.correct_material(cid, mats[1], "当场补签")                 # correctable on the spot ...
    assert s.get(cid).material(mats[1])["status"] == d.PENDING  # ... and checked again
    s.check_material(cid, mats[1], d.RECEIVED, form=d.ORIGINAL, copies=1)
    assert s.decide(cid, d.ACCEPT).case.status == d.ACCEPTED
    assert len(s.get(cid).corrections) == 1
    _replica_matches(hall, data_dir / "pc2.db", cid)


def test_out_of_scope_refusal_names_the_right_department(hall, mats, data_dir) -> None:
    s = _svc(hall)
    cid = s.open_case(item_codes=["X001"]).case.id
    with pytest.raises(ValidationError) as e:
        s.decide(cid, d.OUT_OF_SCOPE)
    assert e.value.field == "refer_to"
    s.set_applicant(cid, PERSON)
    dec = s.decide(cid, d.OUT_OF_SCOPE, refer_to="区人力资源和社会保障局（3号楼2楼）",
                   reasons="申请事项属于社会保障业务")
    assert dec.case.status == d.REFUSED and dec.documents == ("refusal-notice",)
    data = s.document_data(cid, "refusal-notice", document_number="R-1")
    check_document("refusal-notice", data)
    assert "人力资源" in data["handled_by"]
    with pytest.raises(ConflictError):
        s.check_material(cid, mats[0], d.MISSING)
    _replica_matches(hall, data_dir / "pc2.db", cid)


def test_rejection_with_reasons_and_rights(hall, mats, data_dir) -> None:
    s = _svc(hall)
    cid = _open_with_applicant(s)
    with pytest.raises(ValidationError) as e:
        s.decide(cid, d.REJECT, reasons="  ")
    assert e.value.field == "reasons"
    dec = s.decide(cid, d.REJECT, reasons="经营场所位于禁止经营区域", legal_basis="《市场主体登记管理条例》第十四条")
    assert dec.case.status == d.REJECTED
    data = s.document_data(cid, "rejection-decision", document_number="J-1")
    check_document("rejection-decision", data)
    assert data["review_body"] == "市南区人民政府" and data["court"] == "市南区人民法院"
    _replica_matches(hall, data_dir / "pc2.db", cid)


def test_deferred_acceptance_expiry_is_listed_and_refused(hall, mats, clock, data_dir) -> None:
    s = _svc(hall)
    cid = _open_with_applicant(s)
    with pytest.raises(ValidationError, match="不允许容缺"):
        s.check_material(cid, mats[0], d.DEFERRED)
    _receive_all(s, cid, mats, **{mats[2]: d.DEFERRED})
    dec = s.decide(cid, d.ACCEPT_DEFERRED)
    assert dec.documents == ("acceptance-notice", "materials-receipt", "supplement-notice")
    assert dec.case.supplement_deadline == "2026-11-30"  # 5 working days
    check_document("supplement-notice", s.document_data(cid, "supplement-notice", document_number="S-1"))
    sup = SupervisionService(hall)
    assert [a.kind for a in sup.case_alerts() if a.case_id == cid] == []
    with pytest.raises(ValidationError, match="尚未届满"):
        s.refuse_expired_deferral(cid)
    clock.set(datetime(2026, 12, 1, 9, 0))
    kinds = {a.kind for a in sup.case_alerts() if a.case_id == cid}
    assert "supplement_overdue" in kinds and "overdue" in kinds
    dec = s.refuse_expired_deferral(cid)
    assert dec.case.status == d.REJECTED and "经营场所使用证明" in dec.case.decision["reasons"]
    check_document("rejection-decision", s.document_data(cid, "rejection-decision", document_number="J-2"))
    assert [a for a in sup.case_alerts() if a.case_id == cid] == []
    _replica_matches(hall, data_dir / "pc2.db", cid)


def test_deferred_material_supplied_in_time(hall, mats, clock) -> None:
    s = _svc(hall)
    cid = _open_with_applicant(s)
    _receive_all(s, cid, mats, **{mats[2]: d.DEFERRED})
    s.decide(cid, d.ACCEPT_DEFERRED)
    clock.set(datetime(2026, 11, 25, 9, 0))
    with pytest.raises(ValidationError):
        s.mark_result_ready(cid)
    state = s.receive_supplement(cid, mats[2], form=d.ORIGINAL, copies=1)
    assert state.status == d.ACCEPTED and state.material(mats[2])["supplied_on"] == "2026-11-25"
    assert s.mark_result_ready(cid).status == d.RESULT_READY


def test_instant_item_finishes_on_the_spot(hall, data_dir) -> None:
    mids = add_item(hall, "I001", "社会保障卡补领", item_type="instant", promised=0, legal=0,
                    materials=[{"name": "居民身份证"}])
    s = _svc(hall)
    cid = _open_with_applicant(s, ("I001",))
    _receive_all(s, cid, mids)
    with pytest.raises(ValidationError, match="当场办结"):
        s.decide(cid, d.ACCEPT)
    dec = s.decide(cid, d.FINISH)
    assert dec.case.status == d.FINISHED and dec.case.due_date == "2026-11-23"
    _replica_matches(hall, data_dir / "pc2.db", cid)


def test_extension_needs_reason_and_overdue_without_it(hall, mats, clock) -> None:
    s = _svc(hall)
    sup = SupervisionService(hall)
    a, b = _open_with_applicant(s), _open_with_applicant(s)
    for cid in (a, b):
        _receive_all(s, cid, mats)
        s.decide(cid, d.ACCEPT)  # due 2026-11-26
    with pytest.raises(ValidationError) as e:
        s.extend(a, reason=" ", extra_days=5)
    assert e.value.field == "reason"
    s.extend(a, reason="需征求规划部门意见", extra_days=5)
    assert s.get(a).due_date == "2026-12-03"
    clock.set(datetime(2026, 11, 25, 9, 0))
    assert {(x.case_id, x.kind) for x in sup.case_alerts()} == {(b, "due_soon")}
    clock.set(datetime(2026, 11, 27, 9, 0))
    assert {(x.case_id, x.kind) for x in sup.case_alerts()} == {(b, "overdue")}
    with pytest.raises(ValidationError, match="超期后不能再补办延期"):
        s.extend(b, reason="迟到的理由", extra_days=3)


def test_bad_input_keeps_nothing_half_saved(hall, mats) -> None:
    s = _svc(hall)
    add_item(hall, "R001", "已取消的事项", retired=True)
    with pytest.raises(ValidationError, match="已从事项目录中取消") as e:
        s.open_case(item_codes=["R001"])
    assert e.value.field == "items"
    with pytest.raises(NotFoundError):
        s.open_case(item_codes=["NOPE"])
    cid = s.open_case(item_codes=["X001"]).case.id
    with hall.read() as sess:
        before = sess.scalar(select(func.count()).select_from(EventRow))
    cases = [
        ({**PERSON, "resident_id": BAD_ID}, None, "resident_id", "校验位"),
        ({**PERSON, "phone": "1380013800"}, None, "phone", "11 位"),
        ({"kind": "organisation", "name": "某某公司", "uscc": VALID_USCC[:-1] + "0", "legal_rep": "李四"}, None,
         "uscc", "校验位"),
        (PERSON, {"name": "王五", "resident_id": AGENT_ID}, "power_of_attorney", "授权委托书"),
        (PERSON, {"name": "王五", "resident_id": BAD_ID, "power_of_attorney": True}, "agent_resident_id", "校验位"),
    ]
    for applicant, agent, field, text in cases:
        with pytest.raises(ValidationError, match=text) as e:
            s.set_applicant(cid, applicant, agent)
        assert e.value.field == field
    with hall.read() as sess:
        assert sess.scalar(select(func.count()).select_from(EventRow)) == before
    state = s.set_applicant(cid, {"kind": "organisation", "name": "某某公司", "uscc": VALID_USCC,
                                  "legal_rep": "李四"}, {"name": "王五", "resident_id": AGENT_ID,
                                                        "power_of_attorney": True, "phone": "+86 139 0013 9000"})
    assert state.agent["phone"] == "13900139000" and state.applicant["uscc"] == VALID_USCC


def test_same_ticket_opened_twice_gives_the_same_case(hall, mats) -> None:
    from desk_app.services.queue import issue_ticket
    from desk_app.store.models import QueueCategory
    from desk_app.domain.ids import new_id
    with hall.write() as uow:
        uow.session.add(QueueCategory(id=new_id(), hall_id=HALL_ID, prefix="A", name="综合", sort_order=1))
    with hall.write() as uow:
        t = issue_ticket(uow, "A")
    s = _svc(hall)
    first = s.open_case(ticket_id=t.id)
    again = s.open_case(ticket_id=t.id)
    assert not first.reused and again.reused and again.case.id == first.case.id
    assert first.case.ticket_number == "A001"


def test_case_closed_by_another_window_while_offline(hall, mats, data_dir, clock) -> None:
    """PC2 refuses the case while PC1 is offline and still checking: PC1's later work is refused clearly."""
    s1 = _svc(hall, 5)
    cid = _open_with_applicant(s1)
    with hall.read() as sess:
        shared = [row_to_event(r) for r in sess.scalars(select(EventRow).order_by(EventRow.device_seq))]
    pc2 = Store.open(data_dir / "pc2.db", now_ms=clock)
    pc2.set_meta("hall_id", HALL_ID)
    try:
        pc2.apply_remote(shared)
        s2 = _svc(pc2, 8)
        s2.decide(cid, d.OUT_OF_SCOPE, refer_to="区医保局")
        with pc2.read() as sess:
            from_pc2 = [row_to_event(r) for r in sess.scalars(select(EventRow).where(EventRow.origin == "local"))]
    finally:
        pc2.close()
    clock.set(datetime(2026, 11, 23, 9, 40))  # PC1, still offline, keeps checking after the refusal
    s1.check_material(cid, mats[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    hall.apply_remote(from_pc2)
    state = s1.get(cid)
    assert state.status == d.REFUSED and state.materials[0]["status"] == d.PENDING
    assert len(state.open_conflicts) == 1 and state.open_conflicts[0]["winner_window"] == 8
    assert s1.acknowledge_conflicts(cid).open_conflicts == []
    with pytest.raises(ConflictError, match="8号窗口") as e:
        s1.check_material(cid, mats[1], d.RECEIVED, form=d.ORIGINAL, copies=1)
    assert e.value.field == "case"
