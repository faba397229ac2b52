"""The daily report cover's figures and data: today's counts from the queue, case and rating tables of this store.

``daily_figures`` is the one figure source, now the report statistics (docs/reports.md); the cover's layout and
the print path are the print pipeline's.
"""
from __future__ import annotations

from typing import Any

from desk_app.domain import intake as d
from desk_app.domain.timeutil import hall_day
from desk_app.store.database import Store


def daily_figures(session: Any, hall_id: str, day: str, now_ms: int) -> list[dict[str, Any]]:
    """Label/value pairs for ``day`` (ISO date, hall-local), in the cover's order: the report statistics of
    domain/reports.py (the same figures as the supervisor's screen and the exports), with the outcome counts."""
    from desk_app.domain import reports as rp
    from desk_app.domain.timeutil import hall_date
    from desk_app.store.report_rollups import rollup_report
    fig = rollup_report(session.connection(), rp.Period(day, day), "hall", [hall_id], hall_date(now_ms)).total
    out = []
    for name, label, fmt in rp.FIGURE_LABELS:
        value = rp.figure_value(fig, name, fmt)
        out.append({"label": label, "value": value if fmt == "int" and value is not None
                    else rp.format_figure(value, fmt)})
        if name == "cases":
            o = fig.cases_by_outcome
            out += [{"label": "受理数", "value": o.get(d.ACCEPT, 0) + o.get(d.ACCEPT_DEFERRED, 0)},
                    {"label": "其中容缺受理", "value": o.get(d.ACCEPT_DEFERRED, 0)},
                    {"label": "即办办结", "value": o.get(d.FINISH, 0)},
                    {"label": "不予受理", "value": o.get(d.REJECT, 0)},
                    {"label": "非本部门事项", "value": o.get(d.OUT_OF_SCOPE, 0)}]
    return out


def daily_cover_data(store: Store, *, prepared_by: str, day: str | None = None) -> dict[str, Any]:
    """The daily report cover's document (without its number: the print service numbers it)."""
    from desk_app.services.hall_facts import hall_facts
    from desk_app.services.printout_data import report_cover
    now = store.now_ms()
    day = day or hall_day(now)
    with store.read() as s:
        hall = hall_facts(s, store.hall_id)
        figures = daily_figures(s, store.hall_id, day, now)
    return report_cover(hall, report_date=day, date=day, window="全中心", scope="全中心", prepared_by=prepared_by,
                        figures=figures)
