"""Report rollups: each report row's share of its day's measures, and the figures of domain/reports.py from their sums.

A row (ticket, case, rating, complaint) adds ``(measure, value, n)`` entries to the group of its day, hall,
category, window and clerk. Summing a period's entries and calling ``figures`` gives exactly the row path's
``Figures`` (``reports.compute``), except medians and p90, which come from time buckets: a time is counted at the
start of its bucket, 10 s wide below 10 minutes and 60 s wide above, so a rolled-up quantile is at most one bucket
(10 s, or 60 s past 10 minutes) below the exact one. Figures that depend on the report's date (overdue cases,
negative ratings due) keep the date they turn on as the value, and are decided when the report is made.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

from desk_app.domain import reports as rp

Entry = tuple[str, str, int]   # (measure, value, n)
Sums = Mapping[tuple[str, str], int]

FINE_MS, COARSE_MS, FINE_UNTIL_MS = 10_000, 60_000, 600_000
NO_WINDOW = -1  # the rollup's key for "no window" (a key column cannot be NULL)
WAIT, SERVICE = "wait", "service"
_OPEN_PROMISED = ("accepted", "accepted_deferred")  # as rp.is_overdue
# Measures counted per value (a bucket, a date, an outcome, a level, a kind); the others' value is "".
_BY_VALUE = frozenset({WAIT, SERVICE, "outcome", "case_open_due", "level", "negative_pending_due", "complaint_kind"})


def bucket_ms(ms: int) -> int:
    """The start of the time bucket of ``ms``."""
    return ms - ms % (FINE_MS if ms < FINE_UNTIL_MS else COARSE_MS)


def ticket_entries(t: rp.TicketRow) -> Iterator[Entry]:
    yield "tickets", "", 1  # every row, issued or not: its group exists as on the row path
    if not rp.is_issued(t):
        return
    yield "tickets_issued", "", 1
    served = rp.is_served(t)
    if served:
        yield "tickets_served", "", 1
        if t.service_ms is not None:
            yield SERVICE, str(bucket_ms(t.service_ms)), 1
    if t.no_show:
        yield "tickets_no_show", "", 1
    if t.transfers:
        yield "tickets_transferred", "", 1
    if t.wait_ms is not None:
        yield WAIT, str(bucket_ms(t.wait_ms)), 1


def case_entries(c: rp.CaseRow) -> Iterator[Entry]:
    yield "cases", "", 1
    yield "outcome", c.outcome, 1
    if c.notice_count:
        yield "notices", "", c.notice_count
    if c.extended:
        yield "cases_extended", "", 1
    if c.outcome in rp.PROMISED_OUTCOMES and c.due_date:
        if c.completed_on:
            if c.completed_on > c.due_date:
                yield "cases_late", "", 1
        elif c.status in _OPEN_PROMISED:
            yield "case_open_due", c.due_date, 1  # overdue once the report's date is past it


def rating_entries(r: rp.RatingRow) -> Iterator[Entry]:
    yield "ratings", "", 1
    yield "level", str(r.level), 1
    if r.level not in rp.NEGATIVE_LEVELS:
        return
    if r.rectified_on is not None:
        yield "negatives_rectified", "", 1
        if rp.rectified_in_time(r):
            yield "rectified_in_time", "", 1
    elif r.follow_up_due is not None:
        yield "negative_pending_due", r.follow_up_due, 1  # due once the report's date is past it


def complaint_entries(k: rp.ComplaintRow) -> Iterator[Entry]:
    yield "complaints", "", 1
    if k.resolved:
        yield "complaints_resolved", "", 1
    yield "complaint_kind", k.kind, 1


def group_key(row: Any) -> tuple[str, str, str, int, str]:
    """(hall, day, category, window, clerk) of a report row; complaints have no clerk ("", as on the row path)."""
    w = row.window_number
    return (row.hall_id, row.day, row.category or "", NO_WINDOW if w is None else w, getattr(row, "clerk", "") or "")


ENTRIES = {rp.TicketRow: ticket_entries, rp.CaseRow: case_entries, rp.RatingRow: rating_entries,
           rp.ComplaintRow: complaint_entries}


def entries(row: Any) -> Iterator[Entry]:
    return ENTRIES[type(row)](row)


def _histogram_percentile(hist: list[tuple[int, int]], q: float) -> float | None:
    """rp.percentile over the values the sorted ``(value, count)`` histogram stands for."""
    n = sum(c for _v, c in hist)
    if n <= 0:
        return None
    pos = (n - 1) * q
    lo = int(pos)
    hi = min(lo + 1, n - 1)
    lo_v = hi_v = None
    seen = 0
    for v, c in hist:
        seen += c
        if lo_v is None and lo < seen:
            lo_v = v
        if hi < seen:
            hi_v = v
            break
    assert lo_v is not None and hi_v is not None
    return lo_v + (hi_v - lo_v) * (pos - lo)


def _quantiles(name: str, hist: list[tuple[int, int]]) -> dict[str, float | None]:
    hist.sort()
    median, p90 = _histogram_percentile(hist, 0.5), _histogram_percentile(hist, 0.9)
    return {f"{name}_median_s": None if median is None else median / 1000.0,
            f"{name}_p90_s": None if p90 is None else p90 / 1000.0}


def figures(sums: Sums, as_of: str) -> rp.Figures:
    """The figures of a group from the sums of its entries over the period (``as_of``: the report's date)."""
    one: dict[str, int] = {}
    by: dict[str, dict[str, int]] = {}
    for (measure, value), n in sums.items():
        if not n:
            continue
        if measure in _BY_VALUE:
            by.setdefault(measure, {})[value] = n
        else:
            one[measure] = n
    g = one.get
    levels = {int(v): n for v, n in by.get("level", {}).items()}
    cases, notices, ratings = g("cases", 0), g("notices", 0), g("ratings", 0)
    satisfied = sum(n for lv, n in levels.items() if lv in rp.SATISFIED_LEVELS)
    due = g("negatives_rectified", 0) + sum(n for d, n in by.get("negative_pending_due", {}).items() if d < as_of)
    in_time = g("rectified_in_time", 0)
    overdue = g("cases_late", 0) + sum(n for d, n in by.get("case_open_due", {}).items() if d < as_of)
    return rp.Figures(
        tickets_issued=g("tickets_issued", 0), tickets_served=g("tickets_served", 0),
        tickets_no_show=g("tickets_no_show", 0), tickets_transferred=g("tickets_transferred", 0),
        **_quantiles("wait", [(int(v), n) for v, n in by.get(WAIT, {}).items()]),
        **_quantiles("service", [(int(v), n) for v, n in by.get(SERVICE, {}).items()]),
        cases=cases, cases_by_outcome=dict(by.get("outcome", {})), notices=notices,
        notices_per_case=rp.ratio(notices, cases), cases_overdue=overdue, cases_extended=g("cases_extended", 0),
        ratings=ratings, ratings_by_level=levels, satisfaction_rate=rp.ratio(satisfied, ratings),
        negative_ratings=sum(n for lv, n in levels.items() if lv in rp.NEGATIVE_LEVELS), negatives_due=due,
        rectified_in_time=in_time, rectification_rate=rp.ratio(in_time, due),
        complaints=g("complaints", 0), complaints_resolved=g("complaints_resolved", 0),
        complaints_by_kind=dict(by.get("complaint_kind", {})))


def report(period: rp.Period, dimension: str, as_of: str,
           sums: Iterable[tuple[Any, str, str, int]]) -> rp.Report:
    """The report of ``period`` by ``dimension`` from ``(group key, measure, value, n)`` sums (key None: no window)."""
    groups: dict[Any, dict[tuple[str, str], int]] = {}
    total: dict[tuple[str, str], int] = {}
    for key, measure, value, n in sums:
        g = groups.setdefault(key, {})
        g[(measure, value)] = g.get((measure, value), 0) + n
        total[(measure, value)] = total.get((measure, value), 0) + n
    return rp.assemble(period, dimension, as_of, figures(total, as_of),
                       {k: (lambda s=s: figures(s, as_of)) for k, s in groups.items() if any(s.values())})
