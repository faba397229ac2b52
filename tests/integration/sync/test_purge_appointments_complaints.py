"""The retention purge of appointments and complaints on every replica: the other PC and desk-central erase their
copies, `audit verify` still passes, and a clerk's forged purge is refused by desk-central."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from desk_app.domain import queue_appointments as qa
from desk_app.server import audit, core
from desk_app.services.complaints import ComplaintService
from desk_app.services.retention import RetentionService
from desk_app.store.models import EventRow
from desk_app.store.models.intake_extra import Complaint
from desk_app.store.models.queue import Appointment
from desk_app.store.models.server import Rejection
from tests.integration.sync.conftest import make_pc, sync_round
from tests.intake_support import Clock, seed_hall
from tests.unit.services.test_retention_appointments_complaints import NAME, _appointment, _book, _complaint

STAFF = {"users": [{"username": "guide1", "display_name": "王导办", "role": "guide"},
                   {"username": "duty1", "display_name": "赵反映", "role": "clerk"},
                   {"username": "clerk1", "display_name": "孙受理", "role": "clerk"},
                   {"username": "super1", "display_name": "陈值班长", "role": "supervisor"}]}


def _sealed(db, aggregate: str) -> bool:
    with db.read() as s:
        return any("sm4g1:" in p for p in s.scalars(select(EventRow.payload).where(EventRow.aggregate == aggregate)))


def test_a_purge_reaches_the_other_pc_and_desk_central_and_a_forged_one_is_refused(central, tmp_path, monkeypatch):
    clock = Clock(datetime(2014, 3, 3, 9, 30))  # the hall's time, on desk-central and every PC
    monkeypatch.setattr(core, "now_ms", clock)
    core.publish_reference(central.db, "users", STAFF, hall=central.hall_id)
    a = make_pc(central, tmp_path, "a", now_ms=clock)
    b = make_pc(central, tmp_path, "b", now_ms=clock)
    seed_hall(a.store)
    old = _book(a.store, datetime(2014, 3, 3, 10, 0))
    young = _book(a.store, datetime(2026, 12, 1, 10, 0))  # booked for a day inside the retention: kept
    complaints = ComplaintService(a.store, actor="duty1")
    cid = _complaint(complaints, clock, datetime(2014, 3, 3, 11, 0))
    sync_round(a, b)
    assert _appointment(b.store, old).name == NAME and ComplaintService(b.store).get(cid).complainant_name == NAME
    aggs = (f"appointment:{old}", f"complaint:{cid}")
    assert all(_sealed(db, agg) for db in (b.store, central.db) for agg in aggs)

    clock.set(datetime(2026, 12, 1, 9, 0))
    result = RetentionService(a.store, actor="super1").purge(10)
    assert len(result.appointment_codes) == 1 and len(result.complaint_numbers) == 1
    sync_round(a, b)
    for pc in (a, b):
        assert _appointment(pc.store, old).name == "" and _appointment(pc.store, old).resident_id == ""
        assert ComplaintService(pc.store).get(cid).complainant_name == "", pc.data_dir
        assert _appointment(pc.store, young).name == NAME
    for db in (a.store, b.store, central.db):
        assert not any(_sealed(db, agg) for agg in aggs)
    with central.db.read() as s:
        row = s.get(Appointment, old)
        assert (row.name, row.phone, row.resident_id) == ("", "", "")
        assert "sm4g1:" not in str(s.get(Complaint, cid).state)
        assert "sm4g1:" in s.get(Appointment, young).name
        pushed = s.scalars(select(EventRow.type).where(EventRow.type.like("%.pii_purged"))).all()
    assert sorted(pushed) == ["appointment.pii_purged", "complaint.pii_purged"]  # accepted from the supervisor
    report = audit.verify_all(central.db)
    assert report.ok and report.events == 6, report.breaks  # 2 booked, recorded, resolved, 2 purges

    # a changed program at a clerk's PC writes the purge straight into its outbox: desk-central refuses it
    c = make_pc(central, tmp_path, "c", window=1, now_ms=clock)
    sync_round(c)
    with c.store.write("clerk1") as uow:
        uow.emit(qa.APPOINTMENT_PII_PURGED, f"appointment:{young}", {"purged_on": "2026-12-01", "retention_years": 1})
    c.agent.push_all()
    sync_round(a, b)
    with central.db.read() as s:
        (why,) = s.scalars(select(Rejection.reason)).all()
        assert "sm4g1:" in s.get(Appointment, young).name
    assert why.startswith("权限不符：") and "appointment.pii_purged" in why
    assert _appointment(b.store, young).name == NAME and _sealed(central.db, f"appointment:{young}")
