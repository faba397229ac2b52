"""People ahead on an issued ticket: what the calling order puts before it (priority, transfer, appointment)."""
from __future__ import annotations

from pathlib import Path

import pytest

from desk_app.domain import queue as q
from desk_app.services.queue import QueueService
from tests.unit.services.queue_fixtures import Clock, clock, hall, open_hall  # noqa: F401 - shared fixtures


@pytest.fixture
def svc(hall):
    return QueueService(hall, q.QueueConfig(priority_policy="strict", appointment_early_min=30), actor="guide1")


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


@pytest.mark.parametrize("seed", range(6))
def test_issued_ahead_matches_the_domain_rule_on_a_busy_day(tmp_path: Path, seed: int) -> None:
    """The service counts without reading every waiting ticket; it must agree with domain people_ahead."""
    import random

    from desk_app.domain.errors import NotFoundError, ValidationError
    from tests.unit.services.test_queue_service import _states
    rnd = random.Random(seed)
    clock = Clock()
    store = open_hall(tmp_path / "hall.db", clock)
    svc = QueueService(store, q.QueueConfig(priority_policy="strict", appointment_early_min=30))
    try:
        for i in range(40):
            clock.advance(seconds=rnd.randint(1, 40))
            group = rnd.choice(["", "", "", "elderly"])
            roll = rnd.random()
            if roll < 0.2:
                code = f"AH{seed}{i:05d}"
                svc.book_appointment(code, rnd.choice("AB"), clock.ms + rnd.randint(-10, 40) * 60_000,
                                     clock.ms + 60 * 60_000)
                try:
                    t = svc.check_in(code, priority_group=group, handed_out=True)
                except ValidationError:
                    continue  # too early
            elif roll < 0.3:
                try:
                    called = svc.call_next(rnd.choice([1, 2]))
                except NotFoundError:
                    continue
                w = called.window_number
                if rnd.random() < 0.5:
                    svc.transfer(called.id, w, reason="转综合", to_category="A")
                else:
                    svc.hold(called.id, w, reason="取材料")
                    svc.resume(called.id, w)  # waits again, first at its own window only
                continue
            else:
                t = svc.issue(rnd.choice("AB"), priority_group=group, handed_out=True)
            states = _states(store)
            me = next(s for s in states if s.id == t.id)
            assert t.ahead == q.people_ahead(states, me, clock.ms), (seed, i)
    finally:
        store.close()
