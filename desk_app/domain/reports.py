"""Report statistics: what each figure counts, written once over plain rows (see docs/reports.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Iterable, NamedTuple

# ---------------------------------------------------------------------------------------------- rows
# The few columns each statistic reads, as the services fetch them (SQLite on the PC, PostgreSQL on desk-central).


class TicketRow(NamedTuple):
    hall_id: str
    day: str                  # ISO date of issue, hall-local
    category: str             # prefix, after any transfer
    window_number: int | None  # the window that served (or last held) it
    clerk: str
    status: str
    issued_at_ms: int
    wait_ms: int | None       # issue to first call; None: never called
    service_ms: int | None    # start (or last call) to finish at the serving window; None: not finished
    transfers: int
    no_show: bool             # marked 过号 and never finished afterwards


class CaseRow(NamedTuple):
    hall_id: str
    day: str                  # ISO date the case was opened
    category: str             # the queue category of its ticket ("" without a ticket)
    window_number: int | None
    clerk: str
    status: str
    outcome: str              # the latest decision ("" while still being checked)
    notice_count: int         # one-time notices issued (0 or 1)
    accepted_on: str | None
    due_date: str | None      # promised completion, after any extension
    completed_on: str | None  # result ready, or finished on the spot
    extended: bool


class RatingRow(NamedTuple):
    hall_id: str
    day: str                  # ISO date of the rating
    category: str
    window_number: int | None
    clerk: str
    level: int
    follow_up_due: str | None
    rectified_on: str | None


class ComplaintRow(NamedTuple):
    hall_id: str
    day: str
    category: str             # the queue category of the linked ticket ("" when none)
    window_number: int | None
    kind: str                 # the complaint's own category (domain.complaint.CATEGORIES)
    resolved: bool


# ---------------------------------------------------------------------------------------------- periods
PERIODS = ("day", "week", "month", "range")


@dataclass(frozen=True)
class Period:
    """Inclusive ISO days, hall-local."""
    start: str
    end: str

    @property
    def days(self) -> list[str]:
        d0, d1 = date.fromisoformat(self.start), date.fromisoformat(self.end)
        return [(d0 + timedelta(days=i)).isoformat() for i in range((d1 - d0).days + 1)]


def period(kind: str, anchor: date, end: date | None = None) -> Period:
    """The day, the week (Monday to Sunday), the calendar month containing ``anchor``, or ``anchor``..``end``."""
    if kind == "day":
        return Period(anchor.isoformat(), anchor.isoformat())
    if kind == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        return Period(monday.isoformat(), (monday + timedelta(days=6)).isoformat())
    if kind == "month":
        first = anchor.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return Period(first.isoformat(), (nxt - timedelta(days=1)).isoformat())
    if kind == "range":
        if end is None or end < anchor:
            raise ValueError("a range needs an end on or after its start")
        return Period(anchor.isoformat(), end.isoformat())
    raise ValueError(f"unknown period {kind}")


# ---------------------------------------------------------------------------------------------- definitions
FINISHED = "finished"                 # a ticket's status when served to the end (domain.queue.FINISHED)
NOT_ISSUED = frozenset({"printing", "void"})  # never in the applicant's hand: not counted (DOMAIN.md)
SATISFIED_LEVELS = frozenset({3, 4, 5})  # 非常满意, 满意, 基本满意 count as satisfied (好评)
NEGATIVE_LEVELS = frozenset({1, 2})
CASE_OUTCOMES = ("out_of_scope", "notice", "accept", "accept_deferred", "reject", "finish", "")
PROMISED_OUTCOMES = frozenset({"accept", "accept_deferred"})
DIMENSIONS = ("hall", "category", "window", "clerk", "day")


def percentile(values: list[int] | list[float], q: float, *, presorted: bool = False) -> float | None:
    """Linear interpolation between the closest ranks: PostgreSQL's ``percentile_cont`` and numpy's default."""
    if not values:
        return None
    xs = values if presorted else sorted(values)
    pos = (len(xs) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def is_issued(t: TicketRow) -> bool:
    return t.status not in NOT_ISSUED


def is_served(t: TicketRow) -> bool:
    return t.status == FINISHED


def is_overdue(c: CaseRow, as_of: str) -> bool:
    """A promised case not completed by its promised date (seed 003 §33): completed late, or still open on
    ``as_of`` (the report's date) with the date passed. An extension with its reason moves the date."""
    if c.outcome not in PROMISED_OUTCOMES or not c.due_date:
        return False
    if c.completed_on:
        return c.completed_on > c.due_date
    return c.due_date < as_of and c.status in ("accepted", "accepted_deferred")


def rectified_in_time(r: RatingRow) -> bool:
    return r.rectified_on is not None and (r.follow_up_due is None or r.rectified_on <= r.follow_up_due)


def rectification_due(r: RatingRow, as_of: str) -> bool:
    """A negative rating counts in 差评整改率 once rectified or once its deadline has passed."""
    return r.rectified_on is not None or (r.follow_up_due is not None and r.follow_up_due < as_of)


# ---------------------------------------------------------------------------------------------- figures
@dataclass(frozen=True)
class Figures:
    """Every figure of one group (a hall, a category, a window, a clerk or a day). Times in seconds."""
    tickets_issued: int = 0
    tickets_served: int = 0
    tickets_no_show: int = 0
    tickets_transferred: int = 0
    wait_median_s: float | None = None
    wait_p90_s: float | None = None
    service_median_s: float | None = None
    service_p90_s: float | None = None
    cases: int = 0
    cases_by_outcome: dict[str, int] = field(default_factory=dict)
    notices: int = 0
    notices_per_case: float | None = None
    cases_overdue: int = 0
    cases_extended: int = 0
    ratings: int = 0
    ratings_by_level: dict[int, int] = field(default_factory=dict)
    satisfaction_rate: float | None = None       # 满意率
    negative_ratings: int = 0
    negatives_due: int = 0
    rectified_in_time: int = 0
    rectification_rate: float | None = None      # 差评整改率
    complaints: int = 0
    complaints_resolved: int = 0
    complaints_by_kind: dict[str, int] = field(default_factory=dict)


def ticket_figures(rows: Iterable[TicketRow]) -> dict[str, Any]:
    # comprehensions over the rows rather than one loop of calls: a month is tens of thousands of tickets
    issued_rows = [t for t in rows if t.status not in NOT_ISSUED]
    served = [t.service_ms for t in issued_rows if t.status == FINISHED]
    services = [s for s in served if s is not None]
    waits = [t.wait_ms for t in issued_rows if t.wait_ms is not None]
    return dict(tickets_issued=len(issued_rows), tickets_served=len(served),
                tickets_no_show=sum(1 for t in issued_rows if t.no_show),
                tickets_transferred=sum(1 for t in issued_rows if t.transfers),
                **_quantiles("wait", waits), **_quantiles("service", services))


def _quantiles(name: str, values: list[int]) -> dict[str, float | None]:
    values.sort()
    return {f"{name}_median_s": _s(percentile(values, 0.5, presorted=True)),
            f"{name}_p90_s": _s(percentile(values, 0.9, presorted=True))}


def case_figures(rows: Iterable[CaseRow], as_of: str) -> dict[str, Any]:
    n = notices = overdue = extended = 0
    by_outcome: dict[str, int] = {}
    for c in rows:
        n += 1
        by_outcome[c.outcome] = by_outcome.get(c.outcome, 0) + 1
        notices += c.notice_count
        overdue += is_overdue(c, as_of)
        extended += c.extended
    return dict(cases=n, cases_by_outcome=by_outcome, notices=notices, notices_per_case=ratio(notices, n),
                cases_overdue=overdue, cases_extended=extended)


def rating_figures(rows: Iterable[RatingRow], as_of: str) -> dict[str, Any]:
    n = satisfied = negative = due = in_time = 0
    by_level: dict[int, int] = {}
    for r in rows:
        n += 1
        by_level[r.level] = by_level.get(r.level, 0) + 1
        satisfied += r.level in SATISFIED_LEVELS
        if r.level in NEGATIVE_LEVELS:
            negative += 1
            if rectification_due(r, as_of):
                due += 1
                in_time += rectified_in_time(r)
    return dict(ratings=n, ratings_by_level=by_level, satisfaction_rate=ratio(satisfied, n),
                negative_ratings=negative, negatives_due=due, rectified_in_time=in_time,
                rectification_rate=ratio(in_time, due))


def complaint_figures(rows: Iterable[ComplaintRow]) -> dict[str, Any]:
    n = resolved = 0
    by_kind: dict[str, int] = {}
    for c in rows:
        n += 1
        resolved += c.resolved
        by_kind[c.kind] = by_kind.get(c.kind, 0) + 1
    return dict(complaints=n, complaints_resolved=resolved, complaints_by_kind=by_kind)


def _s(ms: float | None) -> float | None:
    return None if ms is None else ms / 1000.0


_KEYS: dict[str, Callable[[Any], Any]] = {
    "hall": lambda r: r.hall_id,
    "category": lambda r: r.category,
    "window": lambda r: r.window_number,
    "clerk": lambda r: getattr(r, "clerk", ""),
    "day": lambda r: r.day,
}


def _group(rows: Iterable[Any], key: Callable[[Any], Any]) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = {}
    for r in rows:
        out.setdefault(key(r), []).append(r)
    return out


@dataclass(frozen=True)
class Report:
    """The figures of a period: the total and one entry per value of the chosen dimension, in key order."""
    period: Period
    dimension: str
    as_of: str
    total: Figures
    groups: dict[Any, Figures]


def compute(period_: Period, dimension: str, tickets: list[TicketRow], cases: list[CaseRow],
            ratings: list[RatingRow], complaints: list[ComplaintRow], *, as_of: str) -> Report:
    """Every figure of the period, in total and per ``dimension`` (hall, category, window, clerk or day)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension}")
    key = _KEYS[dimension]

    def figures(t: list[TicketRow], c: list[CaseRow], r: list[RatingRow], k: list[ComplaintRow]) -> Figures:
        return Figures(**ticket_figures(t), **case_figures(c, as_of), **rating_figures(r, as_of),
                       **complaint_figures(k))

    gt, gc, gr, gk = (_group(x, key) for x in (tickets, cases, ratings, complaints))
    return assemble(period_, dimension, as_of, figures(tickets, cases, ratings, complaints), {
        k: (lambda k=k: figures(gt.get(k, []), gc.get(k, []), gr.get(k, []), gk.get(k, [])))
        for k in set(gt) | set(gc) | set(gr) | set(gk)})


def assemble(period_: Period, dimension: str, as_of: str, total: Figures,
             groups: dict[Any, Callable[[], Figures]]) -> Report:
    """The report from its total and each group's figures (computed here, in key order; rows and rollups alike)."""
    keys = sorted(groups, key=lambda v: (v is None, str(v) if v is not None else ""))
    if dimension == "window":
        keys = sorted(keys, key=lambda v: (v is None, v if v is not None else 0))
    if len(keys) == 1:  # one hall (the PC's usual report): its group is the total, computed once
        return Report(period_, dimension, as_of, total, {keys[0]: total})
    return Report(period_, dimension, as_of, total, {k: groups[k]() for k in keys})


# ---------------------------------------------------------------------------------------------- labels
# Chinese names of the figures, in the order of the screen, the XLSX and the PDF (one place for all three).
FIGURE_LABELS: tuple[tuple[str, str, str], ...] = (
    # (field, label, format: int | s | ratio | num)
    ("tickets_issued", "取号数", "int"),
    ("tickets_served", "办结号数", "int"),
    ("tickets_no_show", "过号数", "int"),
    ("tickets_transferred", "转移数", "int"),
    ("wait_median_s", "等候时间中位数(分)", "min"),
    ("wait_p90_s", "等候时间P90(分)", "min"),
    ("service_median_s", "办理时间中位数(分)", "min"),
    ("service_p90_s", "办理时间P90(分)", "min"),
    ("cases", "办件数", "int"),
    ("notices", "一次性告知数", "int"),
    ("notices_per_case", "一次性告知率", "ratio"),
    ("cases_overdue", "超期办件数", "int"),
    ("cases_extended", "延期办件数", "int"),
    ("ratings", "评价数", "int"),
    ("satisfaction_rate", "满意率", "ratio"),
    ("negative_ratings", "差评数", "int"),
    ("rectification_rate", "差评整改率", "ratio"),
    ("complaints", "办不成事反映数", "int"),
)
OUTCOME_LABELS = {"out_of_scope": "非本部门", "notice": "一次性告知", "accept": "受理", "accept_deferred": "容缺受理",
                  "reject": "不予受理", "finish": "即办办结", "": "审查中"}
LEVEL_LABELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
DIMENSION_LABELS = {"hall": "大厅", "category": "业务类别", "window": "窗口", "clerk": "工作人员", "day": "日期"}


def figure_value(fig: Figures, name: str, fmt: str) -> float | int | None:
    """The figure as shown: minutes for times (one decimal), ratios as fractions (the views format percent)."""
    v = getattr(fig, name)
    if v is None:
        return None
    if fmt == "min":
        return round(v / 60.0, 1)
    if fmt == "ratio":
        return round(v, 4)
    return v


def format_figure(value: float | int | None, fmt: str) -> str:
    if value is None:
        return "—"
    if fmt == "ratio":
        return f"{value * 100:.1f}%"
    if fmt == "min":
        return f"{value:.1f}"
    return str(value)


def group_label(dimension: str, key: Any, names: dict[str, str] | None = None) -> str:
    """How a group is named on the screen and in the export."""
    if dimension == "window":
        return f"{key}号窗口" if key is not None else "未到窗口"
    if dimension == "category":
        return (f"{key} {names.get(key, '')}".strip() if names else str(key)) if key else "无号票"
    if dimension == "clerk":
        return key or "（无）"
    if dimension == "hall":
        return names.get(key, key) if names else key
    return str(key)
