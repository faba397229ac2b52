"""Appointment check-in at the guide desk: on time, early, late, unknown, used, expired and garbage codes."""
from __future__ import annotations


import pytest
from sqlalchemy import func, select

from desk_app.domain import queue as q
from desk_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desk_app.services.queue import QueueService
from desk_app.store.database import Store
from desk_app.store.models import Ticket

from tests.unit.services.queue_fixtures import Clock, clock, hall  # noqa: F401 - shared fixtures


@pytest.fixture
def svc(hall: Store) -> QueueService:
    return QueueService(hall, q.QueueConfig(priority_policy="strict", appointment_early_min=30,
                                            appointment_late_min=15))


def book(svc: QueueService, clock: Clock, code: str, in_minutes: int, cat: str = "A") -> None:
    start = clock.ms + in_minutes * 60_000
    svc.book_appointment(code, cat, start, start + 30 * 60_000)


def tickets(hall: Store) -> int:
    with hall.read() as s:
        return s.scalar(select(func.count()).select_from(Ticket))


def test_on_time_check_in_goes_ahead_of_walk_ins(svc: QueueService, clock: Clock) -> None:
    walk_in = svc.issue("A", handed_out=True)
    book(svc, clock, "AB123456", in_minutes=10)
    clock.advance(minutes=1)
    t = svc.check_in("yy:ab123456", handed_out=True)
    assert t.appointment_id and t.appointment_on_time and t.number == "A002"
    assert svc.call_next(1).id == t.id  # an appointment, even before its slot, before walk-ins
    svc.finish(t.id, 1)
    assert svc.call_next(1).id == walk_in.id


def test_a_late_check_in_falls_back_to_walk_in_order(svc: QueueService, clock: Clock) -> None:
    book(svc, clock, "LATE0001", in_minutes=0)
    walk_in = svc.issue("A", handed_out=True)
    clock.advance(minutes=20)
    late = svc.check_in("LATE0001", handed_out=True)
    assert late.appointment_id and not late.appointment_on_time
    assert svc.call_next(1).id == walk_in.id


def test_bad_codes_issue_nothing(svc: QueueService, clock: Clock, hall: Store) -> None:
    book(svc, clock, "USED0001", in_minutes=5)
    svc.check_in("USED0001", handed_out=True)
    before = tickets(hall)
    with pytest.raises(ConflictError, match="已签到使用过"):
        svc.check_in("USED0001")
    with pytest.raises(NotFoundError, match="不存在"):
        svc.check_in("NOPE0001")
    with pytest.raises(ValidationError, match="无法识别的预约码"):
        svc.check_in("\x02]C1~~garbage\x03")
    book(svc, clock, "EARLY001", in_minutes=90)
    with pytest.raises(ValidationError, match="最早可提前 30 分钟"):
        svc.check_in("EARLY001")
    book(svc, clock, "OLD00001", in_minutes=10)
    clock.advance(minutes=24 * 60)
    with pytest.raises(ValidationError, match="已过期"):
        svc.check_in("OLD00001")
    assert tickets(hall) == before


def test_check_in_into_a_closed_category_keeps_the_appointment(svc: QueueService, clock: Clock) -> None:
    book(svc, clock, "BBBB0001", in_minutes=5, cat="B")
    svc.close_category_for_day("B")
    with pytest.raises(ValidationError, match="停止取号"):
        svc.check_in("BBBB0001")
    svc.close_category_for_day("B", reopen=True)
    assert svc.check_in("BBBB0001").category == "B"  # the failed attempt did not use the code up
