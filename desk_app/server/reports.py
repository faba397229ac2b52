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
from desk_app.store.report_rollups import rollup_report, rollup_reports

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
    with db.engine.connect() as conn:  # the rollups, on PostgreSQL and SQLite alike (bench/reports.py)
        return rollup_report(conn, p, dimension, halls, hall_date(now_ms()))


def central_reports(db: ServerDB, p: rp.Period, dimensions: Sequence[str], halls: Sequence[str] | None
                    ) -> dict[str, rp.Report]:
    for d in dimensions:
        if d not in rp.DIMENSIONS:
            raise ValidationError(f"未知的分组“{d}”，可用：{'、'.join(rp.DIMENSIONS)}。", field="by")
    with db.engine.connect() as conn:
        return rollup_reports(conn, p, dimensions, halls, hall_date(now_ms()))


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
