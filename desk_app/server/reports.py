"""Reports across halls on desk-central: the same rows and definitions as the PCs, read from its database."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain import reports as rp
from desk_app.domain.errors import ValidationError
from desk_app.domain.timeutil import hall_date
from desk_app.server.core import ServerDB, find_hall, now_ms
from desk_app.store.models import Hall, QueueCategory
from desk_app.server.report_sql import aggregate_report
from desk_app.store.report_rows import period_report, period_reports, report_as_of

MAX_DAYS = 366


def parse_period(start: str, end: str) -> rp.Period:
    try:
        d0, d1 = date.fromisoformat(start), date.fromisoformat(end)
    except (TypeError, ValueError):
        raise ValidationError("日期格式应为 YYYY-MM-DD，例如 2026-11-01。", field="from") from None
    if d1 < d0:
        raise ValidationError("结束日期早于开始日期，请检查 --from 与 --to。", field="to")
    if (d1 - d0).days >= MAX_DAYS:
        raise ValidationError(f"统计范围最长 {MAX_DAYS} 天，请分段统计。", field="to")
    return rp.period("range", d0, d1)


def hall_ids(db: ServerDB, halls: Sequence[str] | None) -> list[str] | None:
    """Hall codes or ids to ids (None: every hall); an unknown hall is refused with its name."""
    if not halls:
        return None
    with Session(db.engine) as s:
        return [find_hall(s, h).id for h in halls]


def names(db: ServerDB, halls: Sequence[str] | None) -> dict[str, dict[str, str]]:
    with Session(db.engine) as s:
        hall_names = {h.id: f"{h.code} {h.name}" for h in s.scalars(select(Hall))}
        q = select(QueueCategory.prefix, QueueCategory.name)
        if halls and len(halls) == 1:  # prefixes are per hall: named only when one hall is asked for
            q = q.where(QueueCategory.hall_id == halls[0])
            cats = {r.prefix: r.name for r in s.execute(q)}
        else:
            cats = {}
    return {"hall": hall_names, "category": cats}


def central_report(db: ServerDB, p: rp.Period, dimension: str, halls: Sequence[str] | None) -> rp.Report:
    if dimension not in rp.DIMENSIONS:
        raise ValidationError(f"未知的分组“{dimension}”，可用：{'、'.join(rp.DIMENSIONS)}。", field="by")
    today = hall_date(now_ms())
    with db.engine.connect() as conn:
        if not db.is_sqlite:  # aggregated in the database: see server/report_sql.py and bench/reports.py
            return aggregate_report(conn, p, dimension, halls, report_as_of(p, today))
        return period_report(conn, p, dimension, halls, today)


def central_reports(db: ServerDB, p: rp.Period, dimensions: Sequence[str], halls: Sequence[str] | None
                    ) -> dict[str, rp.Report]:
    if not db.is_sqlite:
        return {d: central_report(db, p, d, halls) for d in dimensions}
    with db.engine.connect() as conn:
        return period_reports(conn, p, dimensions, halls, hall_date(now_ms()))


def figures_json(fig: rp.Figures) -> dict[str, Any]:
    d = asdict(fig)
    d["ratings_by_level"] = {str(k): v for k, v in sorted(fig.ratings_by_level.items())}
    return d


def report_json(report: rp.Report, hall_names: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    n = (hall_names or {}).get(report.dimension)
    return {"period": {"from": report.period.start, "to": report.period.end}, "as_of": report.as_of,
            "dimension": report.dimension, "total": figures_json(report.total),
            "groups": [{"key": k, "label": rp.group_label(report.dimension, k, n), "figures": figures_json(f)}
                       for k, f in report.groups.items()]}
