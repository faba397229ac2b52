"""The daily report cover's figures and data: today's counts from the queue, case and rating tables of this store.

``daily_figures`` is the one figure source: the reports work (real statistics) replaces it, the cover's
layout and the print path stay as they are.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import func, select

from desk_app.domain import intake as d
from desk_app.domain import queue as q
from desk_app.domain.timeutil import hall_day
from desk_app.store.database import Store
from desk_app.store.models.intake import Case, Rating
from desk_app.store.models.queue import Ticket

_DAY_MS = 86_400_000


def daily_figures(session: Any, hall_id: str, day: str, now_ms: int) -> list[dict[str, Any]]:
    """Label/value pairs for ``day`` (ISO date, hall-local), in the cover's order."""
    tickets = dict(session.execute(
        select(Ticket.status, func.count()).where(Ticket.hall_id == hall_id, Ticket.day == day)
        .group_by(Ticket.status)).all())
    issued = sum(n for s, n in tickets.items() if s not in (q.PRINTING, q.VOID))
    # Cases opened today: the window opens at most a day before ``now``; the hall day decides.
    rows = session.execute(select(Case.id, Case.outcome, Case.opened_at_ms, Case.accepted_on, Case.state).where(
        Case.hall_id == hall_id, Case.opened_at_ms >= now_ms - 2 * _DAY_MS)).all()
    today = [r for r in rows if hall_day(r.opened_at_ms) == day]
    outcomes = Counter(r.outcome for r in today)
    delivered = sum(1 for r in rows if ((r.state or {}).get("delivery") or {}).get("delivered_on") == day)
    levels = [lvl for (lvl,) in session.execute(select(Rating.level).where(
        Rating.hall_id == hall_id, Rating.level.is_not(None), Rating.rated_at_ms >= now_ms - 2 * _DAY_MS,
        Rating.case_id.in_([r.id for r in today] or [""])))]
    good = sum(1 for lvl in levels if lvl >= 3)
    return [
        {"label": "取号数", "value": issued},
        {"label": "过号数", "value": tickets.get(q.NO_SHOW, 0)},
        {"label": "收件数", "value": len(today)},
        {"label": "受理数", "value": outcomes[d.ACCEPT] + outcomes[d.ACCEPT_DEFERRED]},
        {"label": "其中容缺受理", "value": outcomes[d.ACCEPT_DEFERRED]},
        {"label": "即办办结", "value": outcomes[d.FINISH]},
        {"label": "一次性告知", "value": outcomes[d.NOTICE]},
        {"label": "不予受理", "value": outcomes[d.REJECT]},
        {"label": "非本部门事项", "value": outcomes[d.OUT_OF_SCOPE]},
        {"label": "出件数", "value": delivered},
        {"label": "评价数", "value": len(levels)},
        {"label": "满意率", "value": f"{good / len(levels):.1%}" if levels else "—"},
    ]


def daily_cover_data(store: Store, *, prepared_by: str, day: str | None = None) -> dict[str, Any]:
    """The daily-report-cover document (without its number: the print service numbers it)."""
    from desk_app.services.intake import hall_facts
    now = store.now_ms()
    day = day or hall_day(now)
    with store.read() as s:
        hall = hall_facts(s, store.hall_id)
        figures = daily_figures(s, store.hall_id, day, now)
    return {"hall": {"name": hall.name, "department": hall.department, "phone": hall.phone, "code": hall.code},
            # the whole hall: "window" only satisfies the common fields, the cover prints the scope
            "clerk": prepared_by, "window": "全中心", "scope": "全中心", "date": day, "report_date": day,
            "prepared_by": prepared_by,
            "figures": figures}
