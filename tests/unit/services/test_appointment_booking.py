"""Booking appointments: slots and capacity from the rules, the booker's data, codes, cancelling, check-in."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from desk_app.domain import appointment_booking as ab
from desk_app.domain import queue as q
from desk_app.domain.errors import ConflictError, ValidationError
from desk_app.domain.scan_payload import classify
from desk_app.domain.timeutil import hall_date
from desk_app.services.queue.appointments import AppointmentService
from desk_app.services.queue import QueueService

from tests.unit.services.queue_fixtures import Clock, open_hall

RULES = ab.SlotRules(capacity=2)
ID = "11010519491231002X"


@pytest.fixture
def clock() -> Clock:
    return Clock()  # 2026-11-23 09:00


@pytest.fixture
def hall(tmp_path: Path, clock: Clock):
    s = open_hall(tmp_path / "hall.db", clock)
    yield s
    s.close()


@pytest.fixture
def appts(hall) -> AppointmentService:
    return AppointmentService(hall, RULES, actor="guide1")


def _slot(appts: AppointmentService, clock: Clock, n: int, days: int = 0):
    s = appts.slots(hall_date(clock.ms) + timedelta(days=days), "A")[n]
    return s.start_ms, s.end_ms


def test_the_days_slots_follow_the_rules(appts: AppointmentService, clock: Clock) -> None:
    slots = appts.slots(hall_date(clock.ms), "A")
    assert len(slots) == 6 + 7 and all(s.capacity == 2 and s.booked == 0 for s in slots)  # 9-12, 13:30-17
    rules = ab.SlotRules.from_settings({"queue.appointment_hours": "08:30-09:30", "queue.appointment_slot_min": 20,
                                        "queue.appointment_capacity": "x"}.get)
    assert len(ab.day_slots(hall_date(clock.ms), rules)) == 3 and rules.capacity == ab.SlotRules().capacity
    with pytest.raises(ValidationError, match="格式不对"):
        ab.parse_hours("9点到12点")


def test_book_a_slot_until_it_is_full_then_cancel_frees_a_place(appts: AppointmentService, clock: Clock) -> None:
    start, end = _slot(appts, clock, 2)
    a = appts.book("A", start, end, name="王小明", phone="138 0013 8000", resident_id=ID.lower())
    assert a.code.startswith("YY1123") and classify(a.code).kind == "appointment"
    assert a.phone == "13800138000" and a.resident_id == ID and a.source == "guide_desk"
    appts.book("A", start, end, name="李四", phone="13900139000")
    with pytest.raises(ConflictError, match="预约已满"):
        appts.book("A", start, end, name="张三", phone="13700137000")
    assert appts.book("B", start, end, name="张三", phone="13700137000").category == "B"  # per category
    appts.cancel(a.id)
    assert appts.slots(hall_date(clock.ms), "A")[2].booked == 1
    appts.book("A", start, end, name="张三", phone="13700137000")


@pytest.mark.parametrize("kw, message", [
    ({"name": "", "phone": "13800138000"}, "姓名"),
    ({"name": "王5", "phone": "13800138000"}, "不含数字"),
    ({"name": "王小明", "phone": "12345"}, "11 位"),
    ({"name": "王小明", "phone": "13800138000", "resident_id": "110105194912310021"}, "校验"),
])
def test_bad_booker_data_is_refused_with_a_reason(appts, clock, kw, message) -> None:
    start, end = _slot(appts, clock, 3)
    with pytest.raises(ValidationError, match=message):
        appts.book("A", start, end, **kw)
    assert appts.of_day(hall_date(clock.ms).isoformat()) == []


def test_past_far_or_made_up_slots_are_refused(appts: AppointmentService, clock: Clock) -> None:
    clock.advance(minutes=45)  # 09:45: the 09:00 slot is over
    start, end = _slot(appts, clock, 0)
    with pytest.raises(ValidationError, match="已经过去"):
        appts.book("A", start, end, name="王小明", phone="13800138000")
    start, end = _slot(appts, clock, 0, days=8)
    with pytest.raises(ValidationError, match="7 天以内"):
        appts.book("A", start, end, name="王小明", phone="13800138000")
    start, end = _slot(appts, clock, 3)
    with pytest.raises(ValidationError, match="不是本大厅的预约时段"):
        appts.book("A", start + 60_000, end + 60_000, name="王小明", phone="13800138000")


def test_a_booked_code_checks_in_and_cannot_be_cancelled_after(appts, hall, clock) -> None:
    start, end = _slot(appts, clock, 1)  # 09:30
    a = appts.book("A", start, end, name="王小明", phone="13800138000")
    queue = QueueService(hall, q.QueueConfig(priority_policy="strict"))
    t = queue.check_in(a.code, handed_out=True)
    assert t.appointment_on_time and t.appointment_id == a.id
    with pytest.raises(ValidationError, match="已签到"):
        appts.cancel(a.id)
    assert appts.of_day(a.day)[0].status == "checked_in"


def test_days_off_have_no_slots_and_cannot_be_booked(hall, clock: Clock) -> None:
    from desk_app.domain.workdays import WorkdayCalendar
    appts = AppointmentService(hall, RULES, calendar=WorkdayCalendar())
    saturday = hall_date(clock.ms) + timedelta(days=5)   # 2026-11-28
    assert appts.slots(saturday, "A") == []
    start, end = ab.day_slots(saturday, RULES)[0]
    with pytest.raises(ValidationError, match="不是工作日"):
        appts.book("A", start, end, name="王小明", phone="13800138000")
    with pytest.raises(ValidationError, match="已停用"):
        monday = ab.day_slots(hall_date(clock.ms) + timedelta(days=7), RULES)[0]
        appts.book("D", *monday, name="王小明", phone="13800138000")
    assert len(appts.slots(hall_date(clock.ms) + timedelta(days=7), "A")) == 13
