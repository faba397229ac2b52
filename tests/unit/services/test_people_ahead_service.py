"""People ahead on an issued ticket: what the calling order puts before it (priority, transfer, appointment)."""
from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.domain import queue as q
from desk_app.services.queue import QueueService

from tests.unit.services.queue_fixtures import Clock, open_hall


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def svc(tmp_path: Path, clock: Clock):
    s = open_hall(tmp_path / "hall.db", clock)
    yield QueueService(s, q.QueueConfig(priority_policy="strict", appointment_early_min=30), actor="guide1")
    s.close()


def test_people_ahead_is_the_place_in_the_calling_order(svc: QueueService, clock: Clock) -> None:
    def issue(**kw):
        clock.advance(seconds=10)
        return svc.issue("A", handed_out=True, **kw)

    walk_ins = [issue() for _ in range(3)]
    assert [t.ahead for t in walk_ins] == [0, 1, 2]
    moved = svc.issue("B", handed_out=True)
    svc.call_next(2)
    svc.transfer(moved.id, 2, reason="应办综合业务", to_category="A")  # transferred in, keeps its waiting time
    prio = issue(priority_group="elderly")
    assert prio.ahead == 0                       # was 4 (everyone waiting in A) before
    start = clock.ms + 10 * 60_000
    svc.book_appointment("AHEAD001", "A", start, start + 30 * 60_000)
    appt = svc.check_in("AHEAD001", handed_out=True)
    assert appt.ahead == 2                       # the priority ticket and the transferred one
    last = issue()
    assert last.ahead == 6
    # the calling order itself: a window serving only A calls exactly `ahead` tickets before each
    called = []
    for _ in range(7):
        t = svc.call_next(3)
        called.append(t.id)
        svc.finish(t.id, 3)
    for t in (prio, appt, last):
        assert called.index(t.id) == t.ahead
