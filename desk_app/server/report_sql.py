"""desk-central's reports aggregated inside PostgreSQL: the definitions of domain/reports.py as SQL.

Fetching a month of 100 halls' rows took longer than the goal by itself (bench/reports.py), so on PostgreSQL the
figures are counted and their percentiles taken (``percentile_cont``, the interpolation of
``domain.reports.percentile``) by the database, per group and in total (GROUPING SETS). The integration tests
check these against the same hand-computed figures as the PC's fold.
"""
from __future__ import annotations

from typing import Any, Sequence

from sqlalchemy import Connection, text

from desk_app.domain import reports as rp
from desk_app.store.report_rows import day_bounds_ms

_DAY_OF = "to_char(to_timestamp(({col} + 28800000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"  # UTC+8
_KEYS = {
    "tickets": {"hall": "t.hall_id", "category": "t.category", "window": "t.window_number", "clerk": "t.clerk",
                "day": "t.day"},
    "cases": {"hall": "c.hall_id", "category": "coalesce(t.category, '')", "window": "c.window_number",
              "clerk": "c.clerk", "day": _DAY_OF.format(col="c.opened_at_ms")},
    "ratings": {"hall": "r.hall_id", "category": "coalesce(t.category, '')", "window": "r.window_number",
                "clerk": "r.clerk", "day": _DAY_OF.format(col="r.rated_at_ms")},
    "complaints": {"hall": "k.hall_id", "category": "coalesce(t.category, '')", "window": "k.window_number",
                   "clerk": "substr(k.id, 1, 0)", "day": _DAY_OF.format(col="k.recorded_at_ms")},  # no clerk: ''
}
_ISSUED = "t.status NOT IN ('printing', 'void')"


def _hall_filter(col: str, halls: Sequence[str] | None) -> str:
    return "" if halls is None else f" AND {col} = ANY(:halls)"


def _rows(conn: Connection, sql: str, params: dict[str, Any]) -> list[Any]:
    return list(conn.execute(text(sql), params))


def aggregate_report(conn: Connection, p: rp.Period, dimension: str, halls: Sequence[str] | None,
                     as_of: str) -> rp.Report:
    lo, hi = day_bounds_ms(p)
    params: dict[str, Any] = {"start": p.start, "end": p.end, "lo": lo, "hi": hi, "as_of": as_of,
                              "halls": list(halls) if halls is not None else None}
    acc: dict[Any, dict[str, Any]] = {}
    total_key = object()

    def slot(key: Any, grouped: int) -> dict[str, Any]:
        return acc.setdefault(total_key if grouped else key, {})

    k = _KEYS["tickets"][dimension]
    for r in _rows(conn, f"""
        SELECT {k} AS key, GROUPING({k}) AS g,
          count(*) FILTER (WHERE {_ISSUED}),
          count(*) FILTER (WHERE {_ISSUED} AND t.status = 'finished'),
          count(*) FILTER (WHERE {_ISSUED} AND t.no_show),
          count(*) FILTER (WHERE {_ISSUED} AND t.transfers > 0),
          percentile_cont(0.5) WITHIN GROUP (ORDER BY t.wait_ms) FILTER (WHERE {_ISSUED}),
          percentile_cont(0.9) WITHIN GROUP (ORDER BY t.wait_ms) FILTER (WHERE {_ISSUED}),
          percentile_cont(0.5) WITHIN GROUP (ORDER BY t.service_ms) FILTER (WHERE t.status = 'finished'),
          percentile_cont(0.9) WITHIN GROUP (ORDER BY t.service_ms) FILTER (WHERE t.status = 'finished')
        FROM tickets t WHERE t.day >= :start AND t.day <= :end{_hall_filter('t.hall_id', halls)}
        GROUP BY GROUPING SETS (({k}), ())""", params):
        f = slot(r[0], r[1])
        f.update(tickets_issued=r[2], tickets_served=r[3], tickets_no_show=r[4], tickets_transferred=r[5],
                 wait_median_s=_s(r[6]), wait_p90_s=_s(r[7]), service_median_s=_s(r[8]), service_p90_s=_s(r[9]))

    k = _KEYS["cases"][dimension]
    overdue = ("c.outcome IN ('accept', 'accept_deferred') AND c.due_date IS NOT NULL AND CASE WHEN c.completed_on"
               " IS NOT NULL THEN c.completed_on > c.due_date ELSE c.due_date < :as_of AND c.status IN"
               " ('accepted', 'accepted_deferred') END")
    for r in _rows(conn, f"""
        SELECT {k} AS key, GROUPING({k}) AS g, c.outcome, GROUPING(c.outcome) AS go, count(*),
          coalesce(sum(c.notice_count), 0), count(*) FILTER (WHERE {overdue}),
          count(*) FILTER (WHERE c.extension_reason <> '')
        FROM cases c LEFT OUTER JOIN tickets t ON t.id = c.ticket_id
        WHERE c.opened_at_ms >= :lo AND c.opened_at_ms < :hi{_hall_filter('c.hall_id', halls)}
        GROUP BY GROUPING SETS (({k}, c.outcome), ({k}), (c.outcome), ())""", params):
        f = slot(r[0], r[1])
        if r[3]:  # the group's whole
            f.update(cases=r[4], notices=r[5], cases_overdue=r[6], cases_extended=r[7],
                     notices_per_case=rp.ratio(r[5], r[4]))
        else:
            f.setdefault("cases_by_outcome", {})[r[2] or ""] = r[4]

    k = _KEYS["ratings"][dimension]
    due = "(r.rectified_on IS NOT NULL OR (r.follow_up_due IS NOT NULL AND r.follow_up_due < :as_of))"
    in_time = "r.rectified_on IS NOT NULL AND (r.follow_up_due IS NULL OR r.rectified_on <= r.follow_up_due)"
    for r in _rows(conn, f"""
        SELECT {k} AS key, GROUPING({k}) AS g, r.level, GROUPING(r.level) AS gl, count(*),
          count(*) FILTER (WHERE r.level >= 3), count(*) FILTER (WHERE r.level <= 2),
          count(*) FILTER (WHERE r.level <= 2 AND {due}), count(*) FILTER (WHERE r.level <= 2 AND {due} AND {in_time})
        FROM ratings r LEFT OUTER JOIN cases c ON c.id = r.case_id LEFT OUTER JOIN tickets t ON t.id = c.ticket_id
        WHERE r.rated_at_ms >= :lo AND r.rated_at_ms < :hi AND r.status = 'submitted' AND r.level IS NOT NULL
          {_hall_filter('r.hall_id', halls)}
        GROUP BY GROUPING SETS (({k}, r.level), ({k}), (r.level), ())""", params):
        f = slot(r[0], r[1])
        if r[3]:
            f.update(ratings=r[4], satisfaction_rate=rp.ratio(r[5], r[4]), negative_ratings=r[6], negatives_due=r[7],
                     rectified_in_time=r[8], rectification_rate=rp.ratio(r[8], r[7]))
        else:
            f.setdefault("ratings_by_level", {})[r[2]] = r[4]

    k = _KEYS["complaints"][dimension]
    for r in _rows(conn, f"""
        SELECT {k} AS key, GROUPING({k}) AS g, k.category, GROUPING(k.category) AS gk, count(*),
          count(*) FILTER (WHERE k.status = 'resolved')
        FROM complaints k LEFT OUTER JOIN tickets t ON t.id = k.ticket_id
        WHERE k.recorded_at_ms >= :lo AND k.recorded_at_ms < :hi{_hall_filter('k.hall_id', halls)}
        GROUP BY GROUPING SETS (({k}, k.category), ({k}), (k.category), ())""", params):
        f = slot(r[0], r[1])
        if r[3]:
            f.update(complaints=r[4], complaints_resolved=r[5])
        else:
            f.setdefault("complaints_by_kind", {})[r[2]] = r[4]

    total = rp.Figures(**acc.pop(total_key, {}))
    keys = sorted(acc, key=lambda v: (v is None, v if dimension == "window" and v is not None else str(v or "")))
    return rp.Report(p, dimension, as_of, total, {key: rp.Figures(**acc[key]) for key in keys})


def _s(ms: float | None) -> float | None:
    return None if ms is None else float(ms) / 1000.0
