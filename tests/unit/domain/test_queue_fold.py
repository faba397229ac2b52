"""The ticket fold: same events in any order give the same state; invalid events become recorded conflicts."""
from __future__ import annotations

import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.domain import queue as q
from desk_app.domain.events import Event
from desk_app.domain.hlc import Timestamp

HALL = "hall-1"


class Log:
    """Builds events with increasing HLCs on a few devices, as windows would emit them."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self._n = itertools.count(1)

    def add(self, type_: str, ticket: str, device: str = "dev-a", wall: int | None = None, **payload) -> Event:
        n = next(self._n)
        hlc = Timestamp(wall if wall is not None else 1_000_000 + n, 0, device).encode()
        ev = Event(id=f"{n:08d}-{device}", hall=HALL, device=device, device_seq=n, hlc=hlc, type=type_,
                   schema_version=1, actor=device, aggregate=f"ticket:{ticket}", payload=payload)
        self.events.append(ev)
        return ev

    def issue(self, ticket: str = "t1", number: str = "A001", **kw) -> Event:
        return self.add(q.TICKET_ISSUED, ticket, day="2026-11-23", category=number[0], seq=int(number[1:]),
                        number=number, issued_at_ms=1_000, **kw)


def test_issue_then_lifecycle() -> None:
    log = Log()
    log.issue()
    log.add(q.TICKET_CALLED, "t1", window=5, clerk="c5", at_ms=2_000)
    log.add(q.TICKET_RECALLED, "t1", window=5, at_ms=2_500)
    log.add(q.TICKET_SERVICE_STARTED, "t1", window=5, at_ms=3_000)
    log.add(q.TICKET_FINISHED, "t1", window=5, at_ms=9_000)
    s = q.fold_ticket(log.events)
    assert s.status == q.FINISHED and s.window_number == 5 and s.recall_count == 1
    assert s.started_at_ms == 3_000 and s.finished_at_ms == 9_000 and s.conflicts == []


def test_not_counted_until_handed_out_and_void_on_print_failure() -> None:
    log = Log()
    log.issue(handed_out=False)
    assert q.fold_ticket(log.events).status == q.PRINTING
    ok = Log()
    ok.issue(handed_out=False)
    ok.add(q.TICKET_HANDED_OUT, "t1", at_ms=1)
    assert q.fold_ticket(ok.events).status == q.WAITING
    log.add(q.TICKET_PRINT_FAILED, "t1", at_ms=1)
    assert q.fold_ticket(log.events).status == q.VOID
    log.add(q.TICKET_CALLED, "t1", window=1, at_ms=2)  # a void ticket can never be called
    s = q.fold_ticket(log.events)
    assert s.status == q.VOID and len(s.conflicts) == 1


def test_double_call_offline_earlier_hlc_wins_and_loser_is_recorded() -> None:
    log = Log()
    log.issue()
    late = log.add(q.TICKET_CALLED, "t1", device="pc-8", wall=2_000_050, window=8, at_ms=50)
    log.add(q.TICKET_CALLED, "t1", device="pc-5", wall=2_000_010, window=5, at_ms=10)
    log.add(q.TICKET_SERVICE_STARTED, "t1", device="pc-8", wall=2_000_060, window=8, at_ms=60)
    for perm in (log.events, list(reversed(log.events))):
        s = q.fold_ticket(perm)
        assert s.status == q.CALLED and s.window_number == 5
        assert [c["window"] for c in s.conflicts] == [8, 8]
        assert s.conflicts[0]["event_id"] == late.id and s.conflicts[0]["device"] == "pc-8"


def test_terminal_states_never_change() -> None:
    log = Log()
    log.issue()
    log.add(q.TICKET_CALLED, "t1", window=1, at_ms=1)
    log.add(q.TICKET_FINISHED, "t1", window=1, at_ms=2)
    log.add(q.TICKET_CLOSED, "t1", at_ms=3)
    log.add(q.TICKET_CALLED, "t1", window=2, at_ms=4)
    s = q.fold_ticket(log.events)
    assert s.status == q.FINISHED and len(s.conflicts) == 2


def test_transfer_keeps_issue_time_and_marks_transferred_in() -> None:
    log = Log()
    log.issue()
    log.add(q.TICKET_CALLED, "t1", window=1, at_ms=5_000)
    log.add(q.TICKET_TRANSFERRED, "t1", window=1, at_ms=6_000, reason="材料属不动产", to_category="B",
            to_window=None, to_clerk="")
    s = q.fold_ticket(log.events)
    assert s.status == q.WAITING and s.category == "B" and s.transferred_in
    assert s.issued_at_ms == 1_000 and s.window_number is None
    assert s.extra["history"][-1]["reason"] == "材料属不动产"


def test_hold_then_resume_returns_first_to_its_window() -> None:
    log = Log()
    log.issue()
    log.add(q.TICKET_CALLED, "t1", window=3, at_ms=1)
    log.add(q.TICKET_SERVICE_STARTED, "t1", window=3, at_ms=2)
    log.add(q.TICKET_HELD, "t1", window=3, at_ms=3, reason="回去取户口本")
    assert q.fold_ticket(log.events).status == q.HELD
    log.add(q.TICKET_RESUMED, "t1", window=3, at_ms=4)
    s = q.fold_ticket(log.events)
    assert s.status == q.WAITING and s.comes_back and s.target_window == 3


def test_no_show_then_served_again() -> None:
    log = Log()
    log.issue()
    log.add(q.TICKET_CALLED, "t1", window=2, at_ms=1)
    log.add(q.TICKET_NO_SHOW, "t1", window=2, at_ms=2)
    assert q.fold_ticket(log.events).status == q.NO_SHOW
    log.add(q.TICKET_SERVED_AGAIN, "t1", window=4, clerk="c4", at_ms=3)
    s = q.fold_ticket(log.events)
    assert s.status == q.CALLED and s.window_number == 4


# ------------------------------------------------------------------ property: order never matters
ACTIONS = ["call", "recall", "no_show", "again", "start", "hold", "resume", "transfer", "finish", "close"]


def _script(draw_actions: list[tuple[str, int, str]]) -> list[Event]:
    """Events as several windows on several devices might emit them, valid or not."""
    log = Log()
    log.issue()
    wall = 2_000_000
    for action, window, device in draw_actions:
        wall += random.Random(wall).randint(0, 3)  # equal walls happen: ties break by id
        p = {"window": window, "at_ms": wall}
        t = {"call": q.TICKET_CALLED, "recall": q.TICKET_RECALLED, "no_show": q.TICKET_NO_SHOW,
             "again": q.TICKET_SERVED_AGAIN, "start": q.TICKET_SERVICE_STARTED, "hold": q.TICKET_HELD,
             "resume": q.TICKET_RESUMED, "transfer": q.TICKET_TRANSFERRED, "finish": q.TICKET_FINISHED,
             "close": q.TICKET_CLOSED}[action]
        if action == "transfer":
            p.update(reason="r", to_category="B", to_window=None, to_clerk="")
        log.add(t, "t1", device=device, wall=wall, **p)
    return log.events


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(1, 3), st.sampled_from(["pc1", "pc2", "pc3"])),
                max_size=12),
       st.randoms(use_true_random=False))
def test_any_permutation_of_the_same_events_gives_the_same_ticket(actions, rnd) -> None:
    events = _script(actions)
    expected = q.fold_ticket(events)
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert q.fold_ticket(shuffled) == expected
    assert q.fold_ticket(shuffled + shuffled[:3]) == expected  # duplicates (re-delivery) change nothing
