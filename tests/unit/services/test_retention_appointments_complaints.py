"""The retention purge of appointments (by slot day) and complaints (by resolution day): blanked, their earlier
events' sealed values replaced, the chain still verifies, the boundary day kept, a replica erases its copy too."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.domain import complaint as c
from desk_app.domain import queue_appointments as qa
from desk_app.domain.errors import PermissionDenied
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import ms_of
from desk_app.services.authorization import Actor, AuthorizedStore
from desk_app.services.complaints import ComplaintService
from desk_app.services.queue.appointments import AppointmentService, book_appointment
from desk_app.services.retention import RetentionService
from desk_app.store.database import Store
from desk_app.store.models import EventRow, QueueCategory
from desk_app.store.models.intake_extra import Complaint
from desk_app.store.models.queue import Appointment
from desk_app.store.reducer import row_to_event
from tests.conftest import HALL_ID
from tests.intake_support import VALID_ID
from tests.intake_support import clock, hall  # noqa: F401 - shared fixtures
from tests.unit.services.test_retention import _chain_ok

NAME = "欧阳娜娜"
PHONE = "13912345678"


def _book(store: Store, day: datetime) -> str:
    with store.write("guide1") as uow:
        if not uow.session.scalar(select(QueueCategory.id).where(QueueCategory.prefix == "A")):
            uow.session.add(QueueCategory(id=new_id(), hall_id=HALL_ID, prefix="A", name="综合业务", sort_order=1))
            uow.session.flush()
        start = ms_of(day)
        return book_appointment(uow, None, "A", start, start + 30 * 60_000, name=NAME, phone=PHONE,
                                resident_id=VALID_ID)


def _events(store: Store, aggregate: str) -> list[EventRow]:
    with store.read() as s:
        return list(s.scalars(select(EventRow).where(EventRow.aggregate == aggregate).order_by(EventRow.hlc)))


def _all_events(store: Store) -> list:
    with store.read() as s:
        return [row_to_event(r) for r in s.scalars(select(EventRow).order_by(EventRow.device_seq))]


def _appointment(store: Store, appt_id: str):
    day = _row(store, Appointment, appt_id).day
    return next(a for a in AppointmentService(store).of_day(day) if a.id == appt_id)


def _row(store: Store, model, row_id: str):
    with store.read() as s:
        row = s.get(model, row_id)
        s.expunge(row)
        return row


def test_an_appointment_older_than_the_retention_loses_its_booker_and_the_boundary_day_keeps_it(
        hall, clock) -> None:  # noqa: F811
    old = _book(hall, datetime(2026, 11, 23, 10, 0))
    edge = _book(hall, datetime(2026, 11, 24, 10, 0))  # exactly ten years before the purge day: kept
    with hall.write("guide1") as uow:
        from desk_app.services.queue.appointments import cancel_appointment
        cancel_appointment(uow, old, reason="不来了")  # whatever became of it, the slot day decides
    assert "sm4g1:" in _row(hall, Appointment, old).name  # sealed at rest before the purge
    clock.set(datetime(2036, 11, 24, 9, 0))
    retention = RetentionService(hall, actor="supervisor1")
    code = _row(hall, Appointment, old).code
    due = retention.due(10)
    assert due.cutoff == "2026-11-24" and due.appointment_codes == (code,) and due.total == 1
    assert _appointment(hall, old).name == NAME  # the dry run wrote nothing
    assert retention.purge(11).appointment_codes == ()

    result = retention.purge(10)
    assert result.appointment_codes == (code,) and result.case_numbers == ()
    gone = _appointment(hall, old)
    assert (gone.name, gone.phone, gone.resident_id) == ("", "", "") and gone.status == qa.CANCELLED
    assert gone.code == code and gone.category == "A"  # what was booked stays
    row = _row(hall, Appointment, old)
    assert (row.name, row.phone, row.resident_id) == ("", "", "")
    kept = _appointment(hall, edge)
    assert (kept.name, kept.phone, kept.resident_id) == (NAME, PHONE, VALID_ID)
    events = _events(hall, f"appointment:{old}")
    assert [e.type for e in events].count(qa.APPOINTMENT_PII_PURGED) == 1
    booked = next(e for e in events if e.type == qa.APPOINTMENT_BOOKED)
    assert "sm4g1:" not in booked.payload and booked.payload.count("purged:") == 3
    assert any("sm4g1:" in e.payload for e in _events(hall, f"appointment:{edge}"))
    assert _chain_ok(hall)  # erased, and every link still verifies
    assert retention.purge(10).appointment_codes == ()  # once


def _complaint(service: ComplaintService, clock, day: datetime, *, resolve: bool = True) -> str:
    clock.set(day)
    cid = service.record(category="not_done", description="材料齐全仍未受理", complainant_name=NAME, phone=PHONE).id
    if resolve:
        service.resolve(cid, "已当场受理", satisfied=True)
    return cid


def test_a_complaint_resolved_longer_ago_than_the_retention_loses_its_complainant(hall, clock) -> None:  # noqa: F811
    service = ComplaintService(hall, actor="duty1", window_number=30)
    old = _complaint(service, clock, datetime(2026, 11, 23, 10, 0))
    edge = _complaint(service, clock, datetime(2026, 11, 24, 10, 0))  # resolved on the cutoff day: kept
    open_ = _complaint(service, clock, datetime(2026, 11, 20, 10, 0), resolve=False)  # never resolved: kept
    assert "sm4g1:" in _row(hall, Complaint, old).state["complainant_name"]
    clock.set(datetime(2036, 11, 24, 9, 0))
    retention = RetentionService(hall, actor="supervisor1")
    number = service.get(old).number
    assert retention.due(10).complaint_numbers == (number,)
    assert service.get(old).complainant_name == NAME

    result = retention.purge(10)
    assert result.complaint_numbers == (number,) and result.total == 1
    state = service.get(old)
    assert (state.complainant_name, state.phone) == ("", "") and state.pii_purged_on == "2036-11-24"
    assert state.status == c.RESOLVED and state.description == "材料齐全仍未受理"  # the record of the work stays
    assert "sm4g1:" not in str(_row(hall, Complaint, old).state)
    for kept in (edge, open_):
        assert (service.get(kept).complainant_name, service.get(kept).phone) == (NAME, PHONE)
    events = _events(hall, f"complaint:{old}")
    assert [e.type for e in events].count(c.COMPLAINT_PII_PURGED) == 1
    recorded = next(e for e in events if e.type == c.COMPLAINT_RECORDED)
    assert "sm4g1:" not in recorded.payload and recorded.payload.count("purged:") == 2
    assert _chain_ok(hall)
    assert retention.purge(10).complaint_numbers == ()  # once


def test_a_purge_of_an_unresolved_complaint_erases_nothing(hall, clock) -> None:  # noqa: F811
    service = ComplaintService(hall, actor="duty1", window_number=30)
    cid = _complaint(service, clock, datetime(2026, 11, 23, 10, 0), resolve=False)
    with hall.write("supervisor1") as uow:  # not what the service does: a replica may still receive one
        uow.emit(c.COMPLAINT_PII_PURGED, f"complaint:{cid}", {"purged_on": "2026-11-23", "retention_years": 10})
    assert service.get(cid).complainant_name == NAME
    assert any("sm4g1:" in e.payload for e in _events(hall, f"complaint:{cid}"))


def test_only_the_roles_of_the_case_purge_may_purge_appointments_and_complaints(hall, clock) -> None:  # noqa: F811
    appt = _book(hall, datetime(2026, 11, 23, 10, 0))
    clock.set(datetime(2036, 12, 1, 9, 0))
    clerk = AuthorizedStore(hall, Actor("clerk5", "clerk", 5))
    with pytest.raises(PermissionDenied) as err:
        RetentionService(clerk).purge(10)
    assert "appointment.pii_purged" in err.value.message
    assert _appointment(hall, appt).name == NAME
    supervisor = AuthorizedStore(hall, Actor("super1", "supervisor"))
    assert RetentionService(supervisor).purge(10).appointment_codes
    assert _appointment(hall, appt).name == ""


def test_a_replica_that_folds_the_purges_erases_its_copies_too(hall, data_dir, clock) -> None:  # noqa: F811
    appt = _book(hall, datetime(2026, 11, 23, 10, 0))
    complaint = _complaint(ComplaintService(hall, actor="duty1"), clock, datetime(2026, 11, 23, 11, 0))
    before = _all_events(hall)  # what the second PC pulled before the purge: sealed
    clock.set(datetime(2037, 1, 5, 9, 0))
    result = RetentionService(hall).purge(10)
    assert len(result.appointment_codes) == len(result.complaint_numbers) == 1
    purges = [e for e in _all_events(hall) if e.id not in {b.id for b in before}]
    other = Store.open(data_dir / "pc2.db")
    other.set_meta("hall_id", HALL_ID)
    other.cipher = hall.cipher
    try:
        other.apply_remote(before)
        assert _appointment(other, appt).name == NAME
        assert any("sm4g1:" in e.payload for e in _events(other, f"appointment:{appt}"))
        other.apply_remote(purges)
        for agg in (f"appointment:{appt}", f"complaint:{complaint}"):
            assert not any("sm4g1:" in e.payload for e in _events(other, agg)), agg
        assert _appointment(other, appt).name == ""
        assert ComplaintService(other).get(complaint).complainant_name == ""
    finally:
        other.close()
