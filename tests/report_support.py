"""A small fixed hall day (2026-11-23) written as events, whose every report figure is computed by hand below."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from desk_app.domain import complaint as k
from desk_app.domain import intake as d
from desk_app.domain import queue as q
from desk_app.domain import rating as r
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import ms_of
from desk_app.store.database import Store

DAY = "2026-11-23"
TODAY = datetime(2026, 12, 10, 9, 0)  # the reports are asked for on this day


def at(hh: int, mm: int, day: int = 23, month: int = 11) -> int:
    return ms_of(datetime(2026, month, day, hh, mm))


class Clock:
    def __init__(self, when: datetime = TODAY):
        self.ms = ms_of(when)

    def __call__(self) -> int:
        return self.ms


def _emit(store: Store, type_: str, aggregate: str, payload: dict[str, Any], actor: str = "") -> None:
    with store.write(actor) as uow:
        uow.emit(type_, aggregate, payload)


def ticket(store: Store, number: str, issued: int, *, handed_out: bool = True) -> str:
    tid = new_id()
    _emit(store, q.TICKET_ISSUED, f"ticket:{tid}", {
        "day": DAY, "category": number[0], "seq": int(number[1:]), "number": number, "issued_at_ms": issued,
        "handed_out": handed_out})
    return tid


def step(store: Store, tid: str, type_: str, at_ms: int, window: int | None = None, **extra: Any) -> None:
    payload: dict[str, Any] = {"at_ms": at_ms, **extra}
    if window is not None:
        payload["window"] = window
    _emit(store, type_, f"ticket:{tid}", payload)


def case(store: Store, ticket_id: str | None, window: int, clerk: str, opened: int, *decisions: dict[str, Any],
         extended_to: str | None = None, ready_on: str | None = None) -> str:
    cid = new_id()
    agg = f"case:{cid}"
    _emit(store, d.CASE_OPENED, agg, {"case_number": f"QD01-20261123-1-{len(decisions)}{cid[-4:]}",
                                      "ticket_id": ticket_id, "window_number": window, "opened_at_ms": opened,
                                      "opened_on": DAY}, actor=clerk)
    for dec in decisions:
        _emit(store, d.CASE_DECIDED, agg, {"decided_on": DAY, "window_number": window, **dec}, actor=clerk)
    if extended_to:
        _emit(store, d.CASE_EXTENDED, agg, {"new_due_date": extended_to, "extra_days": 5, "reason": "需现场核查"}, actor=clerk)
    if ready_on:
        _emit(store, d.CASE_RESULT_READY, agg, {"result_name": "执照", "ready_on": ready_on}, actor=clerk)
    return cid


def rating(store: Store, case_id: str, window: int, clerk: str, level: int | None, *,
           due: str | None = None, rectified_on: str | None = None) -> str:
    rid = new_id()
    agg = f"rating:{rid}"
    _emit(store, r.RATING_REQUESTED, agg, {"case_id": case_id, "window_number": window, "clerk": clerk,
                                           "requested_at_ms": at(10, 0)})
    if level is None:
        _emit(store, r.RATING_LEFT_PENDING, agg, {"at_ms": at(10, 1)})
        return rid
    _emit(store, r.RATING_SUBMITTED, agg, {"level": level, "reasons": [], "text": "", "rated_at_ms": at(10, 1),
                                           "rated_on": DAY, "follow_up_due": due})
    if rectified_on:
        _emit(store, r.RATING_RECTIFIED, agg, {"note": "已整改", "on": rectified_on}, actor="super1")
    return rid


def complaint(store: Store, ticket_id: str | None, kind: str, *, resolved: bool) -> str:
    cid = new_id()
    agg = f"complaint:{cid}"
    _emit(store, k.COMPLAINT_RECORDED, agg, {"number": f"TS-{cid[-6:]}", "category": kind, "description": "等了很久",
                                             "ticket_id": ticket_id, "window_number": 9,
                                             "recorded_at_ms": at(11, 0), "recorded_on": DAY})
    if resolved:
        _emit(store, k.COMPLAINT_RESOLVED, agg, {"resolution": "已协调办理", "resolved_on": DAY})
    return cid


def fixed_day(store: Store) -> dict[str, str]:
    """Write the day. Hand-computed figures (the tests assert them):

    tickets issued 5 (T5's print failed: not counted), served 3 (T1 T2 T4), no-show 1 (T3), transferred 1 (T4);
    waits 4, 8, 15, 2 min: median 6 min = 360 s, p90 8 + 0.7 * 7 = 12.9 min = 774 s;
    services 10, 6, 12 min: median 10 min = 600 s, p90 10 + 0.8 * 2 = 11.6 min = 696 s;
    cases 5: accept 3, finish 1, reject 1; notices 1 (0.2 per case); overdue 2 (C2 open past its extended
    date, C5 ready after its date); extended 1;
    ratings 5 (one left pending is not counted), one of each level: 满意率 3/5; negative 2, both due, one
    rectified in time: 差评整改率 1/2; complaints 2, one resolved.
    """
    t1 = ticket(store, "A001", at(9, 0))
    step(store, t1, q.TICKET_CALLED, at(9, 4), 1, clerk="clerk1")
    step(store, t1, q.TICKET_SERVICE_STARTED, at(9, 5), 1, clerk="clerk1")
    step(store, t1, q.TICKET_FINISHED, at(9, 15), 1)
    t2 = ticket(store, "A002", at(9, 2))
    step(store, t2, q.TICKET_CALLED, at(9, 10), 3, clerk="clerk3")
    step(store, t2, q.TICKET_FINISHED, at(9, 16), 3)
    t3 = ticket(store, "A003", at(9, 5))
    step(store, t3, q.TICKET_CALLED, at(9, 20), 1, clerk="clerk1")
    step(store, t3, q.TICKET_NO_SHOW, at(9, 22), 1)
    t4 = ticket(store, "B001", at(9, 10))
    step(store, t4, q.TICKET_CALLED, at(9, 12), 2, clerk="clerk2")
    step(store, t4, q.TICKET_SERVICE_STARTED, at(9, 12), 2, clerk="clerk2")
    step(store, t4, q.TICKET_TRANSFERRED, at(9, 20), 2, to_category="A", reason="应到综合窗口")
    step(store, t4, q.TICKET_CALLED, at(9, 30), 1, clerk="clerk1")
    step(store, t4, q.TICKET_SERVICE_STARTED, at(9, 31), 1, clerk="clerk1")
    step(store, t4, q.TICKET_FINISHED, at(9, 43), 1)
    t5 = ticket(store, "B002", at(9, 30), handed_out=False)
    step(store, t5, q.TICKET_PRINT_FAILED, at(9, 30))
    t6 = ticket(store, "B003", at(9, 40))

    c1 = case(store, t1, 1, "clerk1", at(9, 5), {"outcome": "accept", "due_date": "2026-11-30"}, ready_on="2026-11-27")
    c2 = case(store, t2, 3, "clerk3", at(9, 10), {"outcome": "notice", "deadline": "2026-11-30"},
              {"outcome": "accept", "due_date": "2026-12-01"}, extended_to="2026-12-08")
    c3 = case(store, t4, 1, "clerk1", at(9, 31), {"outcome": "finish"})
    c4 = case(store, None, 2, "clerk2", at(10, 0), {"outcome": "reject", "reasons": "不符合法定条件"})
    c5 = case(store, None, 1, "clerk1", at(10, 30), {"outcome": "accept", "due_date": "2026-11-25"},
              ready_on="2026-11-26")

    rating(store, c1, 1, "clerk1", 5)
    rating(store, c2, 3, "clerk3", 4)
    rating(store, c3, 1, "clerk1", 3)
    rating(store, c4, 2, "clerk2", 2, due="2026-11-30", rectified_on="2026-11-28")
    rating(store, c5, 1, "clerk1", 1, due="2026-11-30")
    rating(store, c5, 1, "clerk1", None)

    complaint(store, t6, "slow", resolved=True)
    complaint(store, None, "attitude", resolved=False)
    return {"t1": t1, "t2": t2, "t3": t3, "t4": t4, "t5": t5, "t6": t6}
