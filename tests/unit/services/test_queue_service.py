"""Queue use cases against a real store: issuing, the calling order in SQL, recall cap, hold, transfer, tidal, day close."""
from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from desk_app.domain import queue as q
from desk_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desk_app.services.queue import QueueService, issue_ticket
from desk_app.store.database import Store
from desk_app.store.models import Ticket

from tests.unit.services.queue_fixtures import Clock, clock, hall  # noqa: F401 - shared fixtures


@pytest.fixture
def svc(hall: Store) -> QueueService:
    return QueueService(hall, q.QueueConfig(priority_policy="strict"), actor="guide1")


def issue(svc: QueueService, clock: Clock, cat: str = "A", **kw):
    clock.advance(seconds=10)
    return svc.issue(cat, handed_out=True, **kw)


# ------------------------------------------------------------------ issuing
def test_ticket_counts_only_once_printed_and_a_failed_print_is_void(svc: QueueService, clock: Clock) -> None:
    t = svc.issue("A")
    assert not t.counted and svc.ticket(t.id).status == q.PRINTING
    assert svc.waiting_counts() == {}
    with pytest.raises(NotFoundError, match="暂无等候"):
        svc.call_next(1)  # a ticket still printing is nobody's turn yet
    svc.confirm_handed_out(t.id)
    assert svc.waiting_counts() == {"A": 1}
    bad = svc.issue("A")
    svc.print_failed(bad.id, "缺纸")
    assert svc.ticket(bad.id).status == q.VOID and svc.waiting_counts() == {"A": 1}
    with pytest.raises(ConflictError, match="作废"):
        svc.confirm_handed_out(bad.id)
    assert svc.issue("A").number == "A003"  # the void number is a gap, never reused


def test_issue_reports_people_ahead_and_an_estimate(svc: QueueService, clock: Clock) -> None:
    for _ in range(3):
        issue(svc, clock)
    t = issue(svc, clock)
    # Nothing served yet today: 8 minutes a person; windows 1 and 3 serve A (window 9 is inactive).
    assert (t.ahead, t.estimate_min, t.category_name) == (3, round(3 * 8 / 2), "综合业务")
    assert svc.estimates()["A"] == round(4 * 8 / 2)
    for minutes in (4, 6):  # two services today, 5 minutes a person on average
        called = svc.call_next(1)
        svc.start_service(called.id, 1)
        clock.advance(minutes=minutes)
        svc.finish(called.id, 1)
    t = issue(svc, clock)
    assert (t.ahead, t.estimate_min) == (2, round(2 * 5 / 2))
    svc.pause_window(3)  # one window left for A
    t = issue(svc, clock)
    assert (t.ahead, t.estimate_min) == (3, 3 * 5)
    first_b = issue(svc, clock, "B")
    assert (first_b.ahead, first_b.estimate_min) == (0, 0)  # nobody ahead: called at once


def test_closed_and_inactive_categories_issue_nothing(svc: QueueService, clock: Clock, hall: Store) -> None:
    with pytest.raises(ValidationError, match="停止取号"):
        svc.issue("D")
    svc.close_category_for_day("C")
    with pytest.raises(ValidationError, match="社保医保.*停止取号"):
        svc.issue("C")
    svc.close_category_for_day("C", reopen=True)
    assert svc.issue("C").number == "C001"
    with pytest.raises(ValidationError, match="没有业务类别"):
        svc.issue("Q")
    with hall.read() as s:
        assert len(s.scalars(select(Ticket.id)).all()) == 1


# ------------------------------------------------------------------ calling
def test_call_next_follows_the_window_profile(svc: QueueService, clock: Clock) -> None:
    b = issue(svc, clock, "B")
    a = issue(svc, clock, "A")
    c = issue(svc, clock, "C")
    assert svc.call_next(2).id == b.id          # window 2 serves B only
    svc.finish(b.id, 2)
    with pytest.raises(NotFoundError, match="暂无等候"):
        svc.call_next(2)
    assert svc.call_next(1).id == a.id
    assert svc.call_next(4).id == c.id


def test_calling_with_nobody_waiting_is_a_clear_message(svc: QueueService) -> None:
    with pytest.raises(NotFoundError, match="本窗口的业务暂无等候的号码"):
        svc.call_next(1)


def test_a_window_must_finish_its_ticket_before_calling_the_next(svc: QueueService, clock: Clock) -> None:
    issue(svc, clock)
    issue(svc, clock)
    t = svc.call_next(1)
    with pytest.raises(ConflictError, match="还未办结"):
        svc.call_next(1)
    svc.start_service(t.id, 1)
    svc.finish(t.id, 1)
    assert svc.call_next(1).number == "A002"


def test_paused_and_closed_windows_do_not_call(svc: QueueService, clock: Clock) -> None:
    issue(svc, clock)
    svc.pause_window(1, reason="午休")
    with pytest.raises(ValidationError, match="已暂停"):
        svc.call_next(1)
    assert svc.window(1).paused and svc.window(1).pause_reason == "午休"
    svc.resume_window(1)
    with pytest.raises(ValidationError, match="未开放"):
        svc.call_next(9)
    with pytest.raises(NotFoundError, match="未配置"):
        svc.call_next(77)
    assert svc.call_next(1).number == "A001"


def test_window_category_order_then_longest_wait_fallback(svc: QueueService, clock: Clock) -> None:
    b = issue(svc, clock, "B")
    a = issue(svc, clock, "A")
    assert svc.call_next(1).id == a.id  # A before B at window 1, although B waited longer
    # window 4 serves C, and finally any category's longest wait
    assert svc.call_next(4).id == b.id


def _states(hall: Store) -> list[q.TicketState]:
    with hall.read() as s:
        rows = s.scalars(select(Ticket)).all()
        return [q.TicketState(id=r.id, hall_id=r.hall_id, day=r.day, category=r.category, seq=r.seq,
                              number=r.number, status=r.status, priority_group=r.priority_group,
                              appointment_id=r.appointment_id, issued_at_ms=r.issued_at_ms,
                              issued_hlc=r.issued_hlc, window_number=r.window_number,
                              appt_slot_ms=r.appt_slot_ms, transferred_in=r.transferred_in,
                              target_window=r.target_window, target_clerk=r.target_clerk,
                              comes_back=r.comes_back) for r in rows]


@pytest.mark.parametrize("seed", range(8))
def test_sql_calling_order_matches_the_domain_rules(hall: Store, clock: Clock, seed: int) -> None:
    """The fast SQL ordering and the reference order_key of domain/queue.py choose the same tickets."""
    rnd = random.Random(seed)
    cfg = q.QueueConfig(priority_policy=rnd.choice(["strict", "interleave:2"]))
    svc = QueueService(hall, cfg)
    for i in range(25):
        clock.advance(seconds=rnd.randint(1, 30))
        group = rnd.choice(["", "", "", "elderly", "pregnant"])
        if rnd.random() < 0.25:
            code = f"AP{seed}{i:05d}"
            svc.book_appointment(code, rnd.choice("AB"), clock.ms + rnd.randint(-20, 40) * 60_000,
                                 clock.ms + 60 * 60_000)
            try:
                svc.check_in(code, priority_group=group, handed_out=True)
            except ValidationError:
                pass  # too early
        else:
            svc.issue(rnd.choice("ABC"), priority_group=group, handed_out=True)
    # a transfer in, to make that key matter
    t = svc.call_next(2)
    svc.transfer(t.id, 2, reason="需综合窗口办理", to_category="A")
    lanes: dict[int, list[bool]] = {1: [], 3: []}
    for _ in range(30):
        clock.advance(seconds=30)
        window = rnd.choice([1, 3])
        profile = q.WindowProfile(number=window, categories=svc.window(window).categories)
        expected = q.pick_next(_states(hall), profile, clock.ms, q.prefer_priority(cfg, lanes[window]))
        try:
            got = svc.call_next(window)
        except NotFoundError:
            assert expected is None
            continue
        assert expected is not None and got.id == expected.id
        lanes[window].insert(0, bool(got.priority_group))
        # holds and transfers change which calls count as the window's latest: only with strict priority,
        # where that history does not matter, so the reference's lane list stays right
        step = rnd.random() if cfg.interleave_n is None else 1.0
        if step < 0.2:  # held and resumed: it comes back first at this window
            svc.hold(got.id, window)
            svc.resume(got.id, window)
        elif step < 0.3:  # sent to the other window: only that window may call it
            svc.transfer(got.id, window, reason="转窗口", to_window=4 - window)
        elif step < 0.45:  # sent to a category: it keeps its waiting time and goes first there
            svc.transfer(got.id, window, reason="转类别", to_category=rnd.choice("ABC"))
        else:
            svc.finish(got.id, window)


def test_interleave_policy_at_a_window(hall: Store, clock: Clock) -> None:
    svc = QueueService(hall, q.QueueConfig(priority_policy="interleave:2"))
    for i in range(6):
        issue(svc, clock, priority_group="elderly" if i % 2 else "")
    served = []
    for _ in range(6):
        clock.advance(seconds=5)
        t = svc.call_next(1)
        served.append(bool(t.priority_group))
        svc.finish(t.id, 1)
    assert served == [True, False, False, True, False, True]


# ------------------------------------------------------------------ recall, no-show, serve again
def test_recall_cap_then_no_show_then_served_again_the_same_day(hall: Store, clock: Clock) -> None:
    svc = QueueService(hall, q.QueueConfig(recall_cap=2))
    issue(svc, clock)
    t = svc.call_next(1)
    assert not svc.recall(t.id, 1).became_no_show
    r = svc.recall(t.id, 1)
    assert not r.became_no_show and r.ticket.recall_count == 2
    r = svc.recall(t.id, 1)
    assert r.became_no_show and r.ticket.status == q.NO_SHOW
    with pytest.raises(ConflictError):
        svc.recall(t.id, 1)
    issue(svc, clock)
    busy = svc.call_next(3)
    with pytest.raises(ConflictError, match="还未办结"):
        svc.serve_again(t.number, 3)
    svc.finish(busy.id, 3)
    again = svc.serve_again(t.number.lower(), 3, clerk="c3")
    assert again.status == q.CALLED and again.window_number == 3
    with pytest.raises(ConflictError, match="不是过号"):
        svc.serve_again(t.number, 1)


def test_no_show_is_not_served_again_the_next_day(svc: QueueService, clock: Clock) -> None:
    issue(svc, clock)
    t = svc.call_next(1)
    svc.no_show(t.id, 1)
    clock.advance(minutes=24 * 60)
    with pytest.raises(NotFoundError, match="当天"):
        svc.serve_again(t.number, 1)


def test_only_the_window_holding_a_ticket_acts_on_it(svc: QueueService, clock: Clock) -> None:
    issue(svc, clock)
    t = svc.call_next(1)
    for action in (lambda: svc.finish(t.id, 3), lambda: svc.no_show(t.id, 3), lambda: svc.recall(t.id, 3)):
        with pytest.raises(ConflictError, match="1 号窗口"):
            action()


# ------------------------------------------------------------------ hold and transfer
def test_hold_then_resume_comes_back_first_to_the_same_window(svc: QueueService, clock: Clock) -> None:
    issue(svc, clock)
    issue(svc, clock, priority_group="elderly")
    first = svc.call_next(1)
    assert first.priority_group == "elderly"
    svc.start_service(first.id, 1)
    svc.hold(first.id, 1, reason="回家取户口本")
    assert [h.id for h in svc.held(1)] == [first.id] and svc.current(1) is None
    second = svc.call_next(1)
    svc.finish(second.id, 1)
    issue(svc, clock, priority_group="disabled")
    svc.resume(first.id, 1)
    assert svc.call_next(3).priority_group == "disabled"  # another window never takes it
    assert svc.call_next(1).id == first.id


def test_transfer_keeps_the_original_waiting_time(svc: QueueService, clock: Clock) -> None:
    early = issue(svc, clock, "A")
    for _ in range(3):
        issue(svc, clock, "B")
    t = svc.call_next(1)
    assert t.id == early.id
    clock.advance(minutes=20)
    moved = svc.transfer(t.id, 1, reason="属不动产业务", to_category="B")
    assert moved.category == "B" and moved.transferred_in and moved.issued_at_ms == early.issued_at_ms
    assert svc.window_queue(2)[0].id == early.id
    assert svc.call_next(2).id == early.id


def test_each_calling_rule_beats_issue_order(svc: QueueService, clock: Clock, hall: Store) -> None:
    """Each special kind of ticket, issued last, is still called before older ordinary tickets of its category."""
    older = [issue(svc, clock, "A") for _ in range(3)]
    # transferred in from B: first among A although issued after every A ticket
    moved = issue(svc, clock, "B")
    assert svc.call_next(2).id == moved.id
    svc.transfer(moved.id, 2, reason="属综合业务", to_category="A")
    assert svc.call_next(3).id == moved.id
    svc.finish(moved.id, 3)
    # a priority group (strict policy)
    elderly = issue(svc, clock, "A", priority_group="elderly")
    assert svc.call_next(3).id == elderly.id
    # held and resumed: back first at its own window, before the priority ticket issued after it
    svc.hold(elderly.id, 3)
    issue(svc, clock, "A", priority_group="disabled")
    svc.resume(elderly.id, 3)
    assert svc.call_next(3).id == elderly.id
    svc.finish(elderly.id, 3)
    assert svc.call_next(3).priority_group == "disabled"
    svc.finish(svc.current(3).id, 3)
    assert svc.call_next(3).id == older[0].id


def test_transfer_to_a_window_or_clerk_and_bad_targets(svc: QueueService, clock: Clock) -> None:
    issue(svc, clock)
    t = svc.call_next(1)
    with pytest.raises(ValidationError, match="转移原因"):
        svc.transfer(t.id, 1, reason=" ", to_window=2)
    svc.pause_window(2)
    with pytest.raises(ValidationError, match="2 号窗口已暂停"):
        svc.transfer(t.id, 1, reason="专窗办理", to_window=2)
    with pytest.raises(ValidationError, match="未开放"):
        svc.transfer(t.id, 1, reason="专窗办理", to_window=9)
    with pytest.raises(ValidationError, match="停止取号"):
        svc.transfer(t.id, 1, reason="x", to_category="D")
    with pytest.raises(ValidationError, match="工作人员"):
        svc.transfer(t.id, 1, reason="x", to_clerk="nobody")
    assert svc.ticket(t.id).status == q.CALLED  # nothing was lost on the way
    svc.resume_window(2)
    svc.transfer(t.id, 1, reason="专窗办理", to_window=2)
    with pytest.raises(NotFoundError):
        svc.call_next(3)  # bound to window 2
    got = svc.call_next(2)
    svc.transfer(got.id, 2, reason="请李工处理", to_clerk="li")
    with pytest.raises(NotFoundError):
        svc.call_next(1, clerk="wang")
    assert svc.call_next(1, clerk="li").id == t.id


# ------------------------------------------------------------------ tidal windows
def test_tidal_switch_changes_what_the_window_calls(svc: QueueService, clock: Clock) -> None:
    a = issue(svc, clock, "A")
    b = issue(svc, clock, "B")
    info = svc.switch_categories(3, ["B"])
    assert info.categories == ("B",)
    assert svc.call_next(3).id == b.id
    svc.switch_categories(3, None)
    assert svc.window(3).categories == ("A",)
    svc.finish(b.id, 3)
    assert svc.call_next(3).id == a.id
    with pytest.raises(ValidationError, match="不是潮汐窗口"):
        svc.switch_categories(2, ["A"])
    with pytest.raises(ValidationError, match="至少选择"):
        svc.switch_categories(3, [])


# ------------------------------------------------------------------ end of day
def test_end_of_day_closes_every_open_ticket_and_stops_issuing(svc: QueueService, clock: Clock) -> None:
    for _ in range(3):
        issue(svc, clock)
    printing = svc.issue("B")
    called = svc.call_next(1)
    done = svc.call_next(3)
    svc.finish(done.id, 3)
    result = svc.close_day()
    assert result.closed_tickets == 3  # the waiting one, the called one, the printing one
    assert svc.ticket(called.id).status == q.CLOSED and svc.ticket(printing.id).status == q.CLOSED
    assert svc.ticket(done.id).status == q.FINISHED
    with pytest.raises(ValidationError, match="今日叫号已结束"):
        svc.issue("A")
    clock.advance(minutes=24 * 60)
    assert svc.issue("A").number == "A001"  # a new day, a new sequence


# ------------------------------------------------------------------ reads for the display
def test_recent_calls_board_and_estimates(svc: QueueService, clock: Clock) -> None:
    for _ in range(4):
        issue(svc, clock)
    t1 = svc.call_next(1)
    clock.advance(seconds=5)
    t3 = svc.call_next(3)
    calls = svc.recent_calls()
    assert [(c.number, c.window_number) for c in calls] == [(t3.number, 3), (t1.number, 1)]
    board = {b.number: b.serving for b in svc.window_board()}
    assert board[1] == t1.number and board[2] is None and 9 not in board
    svc.start_service(t1.id, 1)
    clock.advance(minutes=6)
    svc.finish(t1.id, 1)
    cats = {c.prefix: c for c in svc.categories()}
    assert cats["A"].waiting == 2 and cats["A"].estimate_min == 6  # 2 ahead × 6 min ÷ 2 windows
    assert cats["D"].active is False
    assert svc.category_for_item("X", "不动产") == "B"


def test_issue_ticket_function_still_counts_at_once_for_other_callers(hall: Store) -> None:
    with hall.write() as uow:
        t = issue_ticket(uow, "A")
    assert t.counted
    with hall.read() as s:
        assert s.get(Ticket, t.id).status == q.WAITING
