"""desk-central's booking API (book, cancel, list; idempotent by external id), on SQLite and PostgreSQL,
and the bookings reaching an enrolled PC through the normal event path, where they check in."""
from __future__ import annotations

import asyncio
import json
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desk_app.domain import queue as q
from desk_app.domain.timeutil import hall_date
from desk_app.paths import resources_dir
from desk_app.domain.errors import ConflictError
from desk_app.server import core
from desk_app.server.appointments import BookingDesk, BookingIn, BookingOut
from desk_app.server.booking_locks import BookingLocks
from desk_app.server.grouppush import PushWriter
from desk_app.server.hall_keys import master_key
from desk_app.services.queue import QueueService
from desk_app.services.queue.appointments import find_by_external_id
from desk_app.store.models.queue import Appointment
from tests.integration.sync.conftest import _pg_url, make_pc


@pytest.fixture
def booking(central):
    """The booking system, enrolled in the hall like a PC; the hall's setup and booking rules published."""
    setup = json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))
    core.publish_reference(central.db, "categories", {"categories": setup["categories"]}, hall=central.hall_id)
    # with a staff list published, desk-central checks every pushed event's actor: the booking API's are the system's
    core.publish_reference(central.db, "users", {"users": setup["users"]}, hall=central.hall_id)
    core.publish_reference(central.db, "settings", {"queue.appointment_capacity": 2,
                                                    "queue.appointment_hours": "00:00-23:59",
                                                    "queue.appointment_slot_min": 60}, hall=central.hall_id)
    token = central.enroll(window=None)["token"]
    return {"Authorization": f"Bearer {token}"}


def _publish(db, hall_id: str, capacity: int) -> None:
    setup = json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))
    core.publish_reference(db, "categories", {"categories": setup["categories"]}, hall=hall_id)
    core.publish_reference(db, "settings", {"queue.appointment_capacity": capacity,
                                            "queue.appointment_hours": "00:00-23:59",
                                            "queue.appointment_slot_min": 60}, hall=hall_id)


def _next_slot(hours: int = 1) -> str:
    """A slot on the next working day (whatever the time of day the test runs), ``hours`` after midnight."""
    from desk_app.domain.workdays import WorkdayCalendar
    day = WorkdayCalendar().add_working_days(hall_date(core.now_ms()), 1)
    return datetime.combine(day, datetime.min.time()).replace(hour=hours).isoformat(timespec="minutes")


def _day_off() -> str:
    """The next Sunday (a day off unless it is an adjusted working day, 调休; then the one after)."""
    from desk_app.domain.workdays import WorkdayCalendar
    cal, day = WorkdayCalendar(), hall_date(core.now_ms()) + timedelta(days=1)
    while cal.is_workday(day):
        day += timedelta(days=1)
    return day.isoformat()


def _req(ext: str, slot: str, **kw):
    return {"external_id": ext, "category": "B", "slot_start": slot, "name": "王小明", "phone": "13800138000",
            "item_name": "不动产登记资料查询", **kw}


def test_book_is_idempotent_by_external_id_and_reaches_the_pc(central, booking, tmp_path):
    slot = _next_slot()
    r = central.client.post("/v1/appointments", json=_req("WX-1001", slot), headers=booking)
    assert r.status_code == 200, r.text
    first = r.json()
    assert first["code"].startswith("YY") and len(first["code"]) == 10 and first["status"] == "booked"
    again = central.client.post("/v1/appointments", json=_req("WX-1001", slot), headers=booking).json()
    assert again["appointment_id"] == first["appointment_id"] and again["duplicate"] is True
    other = central.client.post("/v1/appointments", json=_req("WX-1001", slot, name="李四"), headers=booking)
    assert other.status_code == 409 and "已用于另一预约" in other.json()["message"]
    listed = central.client.get("/v1/appointments", params={"day": first["day"]}, headers=booking).json()
    assert [a["external_id"] for a in listed["appointments"]] == ["WX-1001"]
    # an enrolled PC pulls the booking as an event and checks it in at the guide desk
    pc = make_pc(central, tmp_path, "guide", categories=("A", "B"))
    while pc.agent.pull_once()[1]:
        pass
    with pc.store.read() as s:
        row = s.scalar(select(Appointment).where(Appointment.code == first["code"]))
        shown = find_by_external_id(s, central.hall_id, "WX-1001")
    assert row is not None and row.source == "online" and row.external_id == "WX-1001"
    assert shown.name == "王小明" and shown.phone == "13800138000"
    queue = QueueService(pc.store, q.QueueConfig(appointment_early_min=10 * 24 * 60), actor="guide1")
    t = queue.check_in(first["code"], handed_out=True)
    assert t.appointment_id == row.id and t.category == "B"
    pc.agent.push_all()
    late = central.client.post("/v1/appointments/WX-1001/cancel", json={}, headers=booking)
    assert late.status_code == 409 and "已在大厅签到" in late.json()["message"]


def test_capacity_cancel_and_validation(central, booking):
    slot = _next_slot(2)
    for n in (1, 2):
        assert central.client.post("/v1/appointments", json=_req(f"E{n}", slot), headers=booking).status_code == 200
    full = central.client.post("/v1/appointments", json=_req("E3", slot), headers=booking)
    assert full.status_code == 409 and "预约已满" in full.json()["message"]
    day = central.client.get("/v1/appointments/slots", params={"day": slot[:10], "category": "B"},
                             headers=booking).json()
    assert any(s["booked"] == 2 and s["capacity"] == 2 for s in day)
    c = central.client.post("/v1/appointments/E1/cancel", json={"reason": "改期"}, headers=booking)
    assert c.status_code == 200 and c.json()["status"] == "cancelled"
    assert central.client.post("/v1/appointments/E1/cancel", json={}, headers=booking).json()["duplicate"]
    assert central.client.post("/v1/appointments", json=_req("E3", slot), headers=booking).status_code == 200
    bad = [(_req("E4", slot, category="Z"), 422, "没有业务类别"),
           (_req("E5", slot, phone="12345678901"), 422, "13–19"),
           (_req("E6", "2020-01-01T09:00"), 422, "已经过去"),
           (_req("E9", _day_off() + "T09:00"), 422, "不是工作日"),
           ({**_req("E7", slot), "extra": 1}, 422, None),
           (_req("bad id!", slot), 422, None)]
    for body, status, text in bad:
        r = central.client.post("/v1/appointments", json=body, headers=booking)
        assert r.status_code == status, (body, r.text)
        if text:
            assert text in r.json()["message"]
    assert central.client.post("/v1/appointments/NOPE/cancel", json={}, headers=booking).status_code == 404
    assert central.client.post("/v1/appointments", json=_req("E8", slot)).status_code == 401
    # the booking system's events are chained like a PC's: audit verify finds nothing to flag
    from desk_app.server import audit
    report = audit.verify_all(central.db)
    assert report.events == 4 and report.breaks == [] and report.flagged_on_push == 0, report  # 3 bookings, a cancel


NAME, PHONE, RID = "欧阳晓燕", "13912345678", "11010519491231002X"


def _server_bytes(central) -> bytes:
    """Everything desk-central's database holds: the SQLite file and its WAL, or every PostgreSQL table's rows."""
    if central.db.is_sqlite:
        from pathlib import Path
        path = Path(central.db.engine.url.database)
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    from sqlalchemy import text
    with central.db.engine.connect() as conn:
        tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars().all()
        return "".join(conn.execute(text(f'SELECT coalesce(string_agg(t::text, \'\'), \'\') FROM "{t}" t')).scalar()
                       for t in tables).encode()


def test_personal_data_booked_through_the_api_is_sealed(central, booking, tmp_path):
    """Name, phone and ID are ciphertext in desk-central's rows and events; a PC opens them with the hall key; a
    repeated request still answers duplicate, and another one under the same id is still refused."""
    slot = _next_slot(3)
    req = _req("WX-S1", slot, name=NAME, phone=PHONE, resident_id=RID)
    first = central.client.post("/v1/appointments", json=req, headers=booking)
    assert first.status_code == 200, first.text
    raw = _server_bytes(central)
    assert b"appointment.booked" in raw and first.json()["code"].encode() in raw  # the search does see the rows
    for secret in (NAME, PHONE, RID):
        assert secret.encode() not in raw and secret.encode("unicode_escape") not in raw, secret
    with central.db.read() as s:
        stored = s.scalar(select(Appointment).where(Appointment.external_id == "WX-S1"))
    assert all(v.startswith("sm4g1:") for v in (stored.name, stored.phone, stored.resident_id))
    again = central.client.post("/v1/appointments", json=req, headers=booking)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert again.json()["appointment_id"] == first.json()["appointment_id"]
    for changed in ({"name": "欧阳晓月"}, {"phone": "13912345679"}):
        other = central.client.post("/v1/appointments", json={**req, **changed}, headers=booking)
        assert other.status_code == 409 and "已用于另一预约" in other.json()["message"], changed
    listed = central.client.get("/v1/appointments", params={"day": slot[:10]}, headers=booking).json()
    assert [a["code"] for a in listed["appointments"]] == [first.json()["code"]]
    # a PC of the hall folds it like one of its own bookings and shows the person
    pc = make_pc(central, tmp_path, "guide", categories=("A", "B"))
    while pc.agent.pull_once()[1]:
        pass
    with pc.store.read() as s:
        shown = find_by_external_id(s, central.hall_id, "WX-S1")
    assert (shown.name, shown.phone, shown.resident_id, shown.code) == (NAME, PHONE, RID, first.json()["code"])


# ---------------------------------------------------------------------------- concurrency
@pytest.fixture
def checks_meet(monkeypatch):
    """Each booking waits after its capacity check until the other one has checked too (at most 2 s): with
    nothing held from the check to the commit both then book; with the locks the second one checks only after
    the first one's event is committed (and its wait here has run out)."""
    barrier = threading.Barrier(2, timeout=2)
    real = BookingDesk._slot_state

    def meet(self, *args):
        out = real(self, *args)
        try:
            barrier.wait()
        except threading.BrokenBarrierError:
            pass
        return out
    monkeypatch.setattr(BookingDesk, "_slot_state", meet)


def _dev(enrolled) -> core.DeviceAuth:
    e = enrolled if isinstance(enrolled, dict) else enrolled.model_dump()
    return core.DeviceAuth(e["device_id"], e["hall_id"], e["device_index"], e["window_number"])


def _in_threads(*calls):
    """Run each coroutine function on its own thread and event loop (as two server processes would); the
    results (or exceptions) in order."""
    out: list = [None] * len(calls)

    def run(i):
        try:
            out[i] = asyncio.run(calls[i]())
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            out[i] = exc
    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out


def _appointments(db, hall_id: str, **where) -> list:
    with db.read() as s:
        return list(s.scalars(select(Appointment).where(Appointment.hall_id == hall_id,
                                                        *(getattr(Appointment, k) == v for k, v in where.items()))))


@pytest.fixture
def pg_url(pg_template):
    url, drop = _pg_url(pg_template)
    yield url
    drop()


@pytest.fixture
def two_servers(pg_url, tmp_path):
    """Two desk-central processes as far as booking goes (their own ServerDB, push writer and BookingDesk) on
    one PostgreSQL database, a hall with capacity-1 slots, and its booking system's device."""
    dbs = [core.ServerDB(pg_url), core.ServerDB(pg_url)]
    hall_id = core.create_hall(dbs[0], "H1", "测试大厅")
    _publish(dbs[0], hall_id, capacity=1)
    master = master_key(tmp_path / "blobs")
    dev = _dev(core.enroll(dbs[0], core.create_enrollment_code(dbs[0], hall_id, None), master=master))
    yield dbs, [BookingDesk(db, PushWriter(db).push, master) for db in dbs], dev
    for db in dbs:
        db.dispose()


def _race(desks, dev, slot: str, first: str, second: str) -> list:
    """Process one books ``first`` while process two books ``second``, at once."""
    return _in_threads(lambda: desks[0].book(dev, BookingIn(**_req(first, slot))),
                       lambda: desks[1].book(dev, BookingIn(**_req(second, slot))))


@pytest.mark.postgres
def test_two_server_processes_book_the_last_place_once(two_servers, checks_meet):
    """The last place of a slot goes once; the other process's request is told the slot is full."""
    dbs, desks, dev = two_servers
    slot = _next_slot(4)
    results = _race(desks, dev, slot, "P-1", "P-2")
    booked = [r for r in results if isinstance(r, BookingOut)]
    refused = [r for r in results if isinstance(r, ConflictError)]
    assert len(booked) == 1 and len(refused) == 1, results
    assert "预约已满" in refused[0].message and "请选择其他时段" in refused[0].message
    assert len(_appointments(dbs[1], dev.hall_id, slot_start_ms=int(booked[0].slot_start.timestamp() * 1000))) == 1


@pytest.mark.postgres
def test_two_server_processes_record_one_external_id_once(two_servers, checks_meet):
    """The same booking sent to both processes at once: one appointment, the other answer is its duplicate."""
    dbs, desks, dev = two_servers
    slot = _next_slot(5)
    results = _race(desks, dev, slot, "P-9", "P-9")
    assert all(isinstance(r, BookingOut) for r in results), results
    assert len({r.appointment_id for r in results}) == 1 and sorted(r.duplicate for r in results) == [False, True]
    assert len(_appointments(dbs[0], dev.hall_id, external_id="P-9")) == 1


@pytest.mark.postgres
def test_a_booking_held_up_too_long_by_another_process_is_told_to_retry(two_servers):
    dbs, _desks, _dev = two_servers
    first, second = BookingLocks(dbs[0]), BookingLocks(dbs[1], wait_s=0.3)

    async def held_up():
        async with first.hold("h:day:2026-12-07", "h:external:X"):
            with pytest.raises(ConflictError, match="另一笔预约正在处理，请稍后重试"):
                async with second.hold("h:day:2026-12-07"):
                    pass
        async with second.hold("h:day:2026-12-07"):  # released with the first one's transaction
            return True
    assert asyncio.run(held_up())


def test_two_booking_systems_in_one_process_book_the_last_place_once(central, booking, checks_meet):
    """Two booking systems of one hall calling one desk-central process at once (SQLite and PostgreSQL)."""
    _publish(central.db, central.hall_id, capacity=1)
    desk = BookingDesk(central.db, PushWriter(central.db).push, master_key(central.blobs_dir))
    devs = [_dev(central.enroll(window=None)) for _ in range(2)]
    slot = _next_slot(6)

    async def both():
        return await asyncio.gather(desk.book(devs[0], BookingIn(**_req("Q-1", slot))),
                                    desk.book(devs[1], BookingIn(**_req("Q-2", slot))), return_exceptions=True)
    results = asyncio.run(both())
    assert sorted(type(r).__name__ for r in results) == ["BookingOut", "ConflictError"], results
    assert len(_appointments(central.db, central.hall_id, category="B", day=slot[:10])) == 1
