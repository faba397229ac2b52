"""A seeded simulation of a hall's past month (arrivals, waits, service, outcomes, ratings) for the demo's reports.

Every ticket, case, rating and complaint is written as events through the reducer, one transaction a day, like
any use case: the projections, the reports and the other PCs (after sync) see an ordinary history.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Callable

from sqlalchemy import func, select

from desk_app.domain import complaint as k
from desk_app.domain import intake as d
from desk_app.domain import queue as q
from desk_app.domain import rating as r
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import hall_date, ms_of
from desk_app.store.database import Store, UnitOfWork
from desk_app.store.models import QueueCategory, Ticket, Window

DONE_MARK = "demo_history_until"  # meta: the last simulated day, so a second fill adds nothing


@dataclass(frozen=True)
class HistorySummary:
    days: int
    tickets: int
    cases: int
    ratings: int
    complaints: int


# Arrivals per hour (09..16) on an ordinary working day: a morning peak and a smaller one after lunch.
_HOURLY = {9: 26, 10: 30, 11: 20, 12: 8, 13: 14, 14: 22, 15: 18, 16: 10}
_OUTCOMES = (("accept", 0.52), ("finish", 0.25), ("notice", 0.10), ("accept_deferred", 0.06), ("reject", 0.04),
             ("out_of_scope", 0.03))
_LEVELS = ((5, 0.70), (4, 0.18), (3, 0.07), (2, 0.035), (1, 0.015))


def _pick(rng: random.Random, table: tuple[tuple[Any, float], ...]) -> Any:
    x, acc = rng.random(), 0.0
    for value, p in table:
        acc += p
        if x < acc:
            return value
    return table[-1][0]


def _working_days(end: date, days: int) -> list[date]:
    out, cur = [], end - timedelta(days=days)
    while cur < end:
        if cur.weekday() < 5:
            out.append(cur)
        cur += timedelta(days=1)
    return out


def _add_days(day: date, n: int) -> str:
    cur, left = day, n
    while left:
        cur += timedelta(days=1)
        if cur.weekday() < 5:
            left -= 1
    return cur.isoformat()


class _Day:
    """One simulated day written into one unit of work."""

    def __init__(self, uow: UnitOfWork, rng: random.Random, day: date, windows: list[tuple[int, list[str]]],
                 categories: list[str], scale: float):
        self.uow, self.rng, self.day, self.iso = uow, rng, day, day.isoformat()
        self.windows, self.categories, self.scale = windows, categories, scale
        self.free: dict[int, int] = {n: ms_of(datetime(day.year, day.month, day.day, 9, 0)) for n, _ in windows}
        self.seq: dict[str, int] = {}
        self.counts = [0, 0, 0, 0]
        self.pending: dict[str, list[tuple[str, dict[str, Any], str]]] = {}

    def emit(self, type_: str, agg: str, payload: dict[str, Any], actor: str = "", new: bool = False) -> None:
        self.pending.setdefault(agg, []).append((type_, payload, actor))

    def flush(self) -> None:
        # each simulated aggregate is new: its events go in together and it is folded once
        for agg, items in self.pending.items():
            self.uow.emit_all(agg, items)
        self.pending = {}

    def run(self) -> None:
        rng = self.rng
        arrivals = []
        for hour, rate in _HOURLY.items():
            n = max(0, int(rng.gauss(rate * self.scale, math.sqrt(rate * self.scale))))
            for _ in range(n):
                t = ms_of(datetime(self.day.year, self.day.month, self.day.day, hour, rng.randrange(60),
                                   rng.randrange(60)))
                arrivals.append((t, rng.choices(self.categories, weights=[5, 3, 3, 2, 2, 1][:len(self.categories)])[0]))
        for issued, cat in sorted(arrivals):
            self.ticket(issued, cat)
        if rng.random() < 0.6:
            self.complaint(ms_of(datetime(self.day.year, self.day.month, self.day.day, 15, rng.randrange(60))))
        self.flush()

    def ticket(self, issued: int, cat: str) -> None:
        rng = self.rng
        serving = [n for n, cats in self.windows if cat in cats] or [self.windows[0][0]]
        self.seq[cat] = self.seq.get(cat, 0) + 1
        tid = new_id()
        agg = f"ticket:{tid}"
        number = q.format_number(cat, self.seq[cat])
        self.emit(q.TICKET_ISSUED, agg, {"day": self.iso, "category": cat, "seq": self.seq[cat], "number": number,
                                         "issued_at_ms": issued, "handed_out": True}, actor="guide1", new=True)
        self.counts[0] += 1
        window = min(serving, key=lambda n: self.free[n])
        called = max(issued + rng.randrange(20_000, 90_000), self.free[window])
        clerk = f"clerk{window}"
        self.emit(q.TICKET_CALLED, agg, {"window": window, "clerk": clerk, "at_ms": called}, actor=clerk)
        if rng.random() < 0.05:
            self.emit(q.TICKET_NO_SHOW, agg, {"window": window, "at_ms": called + 90_000}, actor=clerk)
            self.free[window] = called + 90_000
            return
        start = called + rng.randrange(30_000, 90_000)
        self.emit(q.TICKET_SERVICE_STARTED, agg, {"window": window, "clerk": clerk, "at_ms": start}, actor=clerk)
        service = int(rng.lognormvariate(math.log(7 * 60_000), 0.45))
        end = start + service
        if rng.random() < 0.03 and len(self.categories) > 1:
            # the wrong category: transferred, keeping its waiting time, and served where it belongs
            other = rng.choice([c for c in self.categories if c != cat])
            moved = start + 120_000
            self.emit(q.TICKET_TRANSFERRED, agg, {"window": window, "at_ms": moved, "reason": "业务类别不符",
                                                  "to_category": other, "to_window": None, "to_clerk": ""},
                      actor=clerk)
            self.free[window] = moved
            window = min([n for n, cats in self.windows if other in cats] or [window], key=lambda n: self.free[n])
            clerk = f"clerk{window}"
            start = max(moved + 60_000, self.free[window])
            self.emit(q.TICKET_CALLED, agg, {"window": window, "clerk": clerk, "at_ms": start}, actor=clerk)
            self.emit(q.TICKET_SERVICE_STARTED, agg, {"window": window, "clerk": clerk, "at_ms": start + 30_000},
                      actor=clerk)
            end = start + 30_000 + service
        self.emit(q.TICKET_FINISHED, agg, {"window": window, "at_ms": end}, actor=clerk)
        self.free[window] = end
        if rng.random() < 0.65:
            self.case(tid, number, window, clerk, start, end)

    def case(self, tid: str, number: str, window: int, clerk: str, opened: int, decided_at: int) -> None:
        rng = self.rng
        cid = new_id()
        agg = f"case:{cid}"
        self.counts[1] += 1
        self.emit(d.CASE_OPENED, agg, {"case_number": f"DEMO-{self.iso.replace('-', '')}-9-{self.counts[1]:04d}",
                                       "ticket_id": tid, "ticket_number": number, "window_number": window,
                                       "opened_at_ms": opened, "opened_on": self.iso}, actor=clerk, new=True)
        outcome = _pick(rng, _OUTCOMES)
        if outcome == "accept_deferred" and (hall_date(self.uow.now_ms()) - self.day).days > 7:
            outcome = "accept"  # an older deferred case has had its materials by now (not simulated)
        decision: dict[str, Any] = {"outcome": outcome, "decided_on": self.iso, "window_number": window}
        if outcome in ("accept", "accept_deferred"):
            decision["due_date"] = _add_days(self.day, 5)
        if outcome in ("notice", "accept_deferred"):
            decision["deadline"] = _add_days(self.day, 5)
        if outcome == "reject":
            decision["reasons"] = "不符合法定条件"
        if outcome == "out_of_scope":
            decision["refer_to"] = "市公安局出入境管理支队"
        self.emit(d.CASE_DECIDED, agg, decision, actor=clerk)
        if outcome == "accept":
            if rng.random() < 0.04:
                self.emit(d.CASE_EXTENDED, agg, {"new_due_date": _add_days(self.day, 10), "extra_days": 7,
                                                     "reason": "需现场核查"},
                          actor=clerk)
            late = rng.random() < 0.05
            ready = _add_days(self.day, rng.randint(6, 8) if late else rng.randint(1, 5))
            if ready < hall_date(self.uow.now_ms()).isoformat():
                self.emit(d.CASE_RESULT_READY, agg, {"result_name": "办理结果", "ready_on": ready}, actor=clerk)
        if rng.random() < 0.7:
            self.rating(cid, window, clerk, decided_at)

    def rating(self, case_id: str, window: int, clerk: str, at: int) -> None:
        rng = self.rng
        rid = new_id()
        agg = f"rating:{rid}"
        self.counts[2] += 1
        self.emit(r.RATING_REQUESTED, agg, {"case_id": case_id, "window_number": window, "clerk": clerk,
                                            "requested_at_ms": at}, actor=clerk, new=True)
        level = _pick(rng, _LEVELS)
        reasons = {5: ["fast"], 4: ["warm"], 3: ["wait"], 2: ["wait"], 1: ["runs"]}[level]
        due = _add_days(self.day, 5) if level in r.NEGATIVE else None
        self.emit(r.RATING_SUBMITTED, agg, {"level": level, "reasons": reasons, "text": "", "rated_at_ms": at + 30_000,
                                            "rated_on": self.iso, "follow_up_due": due}, actor=clerk)
        if due and rng.random() < 0.8:
            self.emit(r.RATING_RECTIFIED, agg, {"note": "已回访并整改", "on": _add_days(self.day, rng.randint(1, 6))},
                      actor="super1")

    def complaint(self, at: int) -> None:
        cid = new_id()
        agg = f"complaint:{cid}"
        self.counts[3] += 1
        kind = self.rng.choice(list(k.CATEGORIES))
        self.emit(k.COMPLAINT_RECORDED, agg, {"number": f"TS{self.iso.replace('-', '')}{self.counts[3]:03d}",
                                              "category": kind, "description": "（演示数据）", "window_number": 9,
                                              "recorded_at_ms": at, "recorded_on": self.iso}, actor="clerk1", new=True)
        if self.rng.random() < 0.7:
            self.emit(k.COMPLAINT_RESOLVED, agg, {"resolution": "已协调办结", "resolved_on": self.iso}, actor="super1")


class HistoryFiller:
    """The simulation day by day, so the demo can write it between the user's own writes (one day a job)."""

    def __init__(self, store: Store, *, days: int = 30, seed: int = 2026, scale: float = 0.75):
        self.store, self.scale = store, scale
        self.rng = random.Random(seed)
        self.today = hall_date(store.now_ms())
        self.days: list[date] = []
        self.totals = [0, 0, 0, 0]
        if store.get_meta(DONE_MARK):
            return
        with store.read() as s:
            self.windows = [(w.number, list(w.categories or [])) for w in s.scalars(
                select(Window).where(Window.hall_id == store.hall_id, Window.active.is_(True),
                                     Window.kind.in_(("general", "sector"))).order_by(Window.number))]
            cats = [c.prefix for c in s.scalars(select(QueueCategory).where(
                QueueCategory.hall_id == store.hall_id, QueueCategory.active.is_(True))
                .order_by(QueueCategory.sort_order))]
            served = {p for _n, cs in self.windows for p in cs}
            self.categories = [c for c in cats if c in served]
            start = (self.today - timedelta(days=days)).isoformat()
            had_past = s.scalar(select(func.count()).select_from(Ticket).where(
                Ticket.hall_id == store.hall_id, Ticket.day >= start, Ticket.day < self.today.isoformat()))
        if self.windows and self.categories and not had_past:  # a hall with a past of its own keeps it
            self.days = _working_days(self.today, days)

    def fill_day(self, i: int) -> None:
        with self.store.write("demo") as uow:
            sim = _Day(uow, self.rng, self.days[i], self.windows, self.categories, self.scale)
            sim.run()
        self.totals = [a + b for a, b in zip(self.totals, sim.counts)]
        if i == len(self.days) - 1:
            self.store.set_meta(DONE_MARK, self.today.isoformat())

    def summary(self) -> HistorySummary:
        return HistorySummary(len(self.days), *self.totals)


def fill_history(store: Store, *, days: int = 30, seed: int = 2026, scale: float = 0.75,
                 progress: Callable[[int, int], None] | None = None) -> HistorySummary:
    """Simulate the working days of the ``days`` before today (idempotent: a filled history is not refilled)."""
    filler = HistoryFiller(store, days=days, seed=seed, scale=scale)
    for i in range(len(filler.days)):
        filler.fill_day(i)
        if progress:
            progress(i + 1, len(filler.days))
    return filler.summary()
