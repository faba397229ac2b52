"""Report use cases: a period's rows from the projections (SQLite or PostgreSQL), folded by domain/reports.py."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import Connection, select

from desk_app.domain import reports as rp
from desk_app.domain.errors import QT_TRANSLATE_NOOP, StorageError
from desk_app.domain.report_series import HourPoint, WeekPoint, by_hour, by_week
from desk_app.domain.timeutil import hall_date
from desk_app.services.printout_data import report_cover
from desk_app.store.database import Store
from desk_app.store.report_rollups import rollup_report, rollup_reports
from desk_app.store.report_rows import rating_rows, ticket_rows


@dataclass(frozen=True)
class ReportScreen:
    """What the supervisor's report tab shows: the figures by one dimension, and the chart series."""
    report: rp.Report
    hours: list[HourPoint]
    weeks: list[WeekPoint]
    names: dict[str, dict[str, str]]


class ReportService:
    """The supervisor's reports for this PC's hall (on its replicated projections)."""

    def __init__(self, store: Store):
        self.store = store

    def today(self) -> date:
        return hall_date(self.store.now_ms())

    def report(self, p: rp.Period, dimension: str = "hall") -> rp.Report:
        with self.store.engine.connect() as conn:
            return rollup_report(conn, p, dimension, [self.store.hall_id], self.today())

    def tickets(self, p: rp.Period) -> list[rp.TicketRow]:
        with self.store.engine.connect() as conn:
            return ticket_rows(conn, p, [self.store.hall_id])

    def ratings(self, p: rp.Period) -> list[rp.RatingRow]:
        with self.store.engine.connect() as conn:
            return rating_rows(conn, p, [self.store.hall_id])

    def reports(self, p: rp.Period, dimensions: Iterable[str]) -> dict[str, rp.Report]:
        """Several dimensions of one period (the export's sheets)."""
        with self.store.engine.connect() as conn:
            return rollup_reports(conn, p, list(dimensions), [self.store.hall_id], self.today())

    def screen(self, p: rp.Period, dimension: str) -> ReportScreen:
        """The figures from the rollups (as the export's and desk-central's); the charts from the rows."""
        with self.store.engine.connect() as conn:
            halls = [self.store.hall_id]
            report = rollup_report(conn, p, dimension, halls, self.today())
            hours, weeks = by_hour(ticket_rows(conn, p, halls)), by_week(rating_rows(conn, p, halls))
        return ReportScreen(report, hours, weeks, hall_names(self.store))

    def export_xlsx(self, p: rp.Period, path: str | Path, *,
                    progress: Callable[[int, int], None] | None = None) -> Path:
        """The period's workbook written to ``path`` (whole or not at all: a cancelled export leaves no file)."""
        from desk_app.store.report_xlsx import SHEETS, workbook_bytes
        reports = self.reports(p, [d for _s, d in SHEETS])
        data = workbook_bytes(reports, title=f"统计报表 {p.start} 至 {p.end}", names=hall_names(self.store),
                              progress=progress)
        path = Path(path)
        tmp = path.with_name(path.name + ".part")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError(QT_TRANSLATE_NOOP("Errors", "无法保存文件“{path}”：{strerror}。请换一个文件夹或检查磁盘空间。"),
                               path=path, strerror=exc.strerror) from exc
        return path


def cover_figures(fig: rp.Figures) -> list[dict[str, object]]:
    """The figures of the daily/monthly report cover (the print pipeline's daily-report-cover), as shown on screen."""
    return [{"label": label, "value": rp.format_figure(rp.figure_value(fig, name, fmt), fmt)}
            for name, label, fmt in rp.FIGURE_LABELS]


def cover_data(report: rp.Report, hall: object, *, prepared_by: str, window: int | None = None) -> dict[str, object]:
    """The data of the report cover for ``report`` (its total, or one window's figures)."""
    p = report.period
    when = p.start if p.start == p.end else f"{p.start} 至 {p.end}"
    fig = report.groups.get(window, rp.Figures()) if window is not None else report.total
    return report_cover(hall, report_date=when, date=p.end,
                        window=f"{window}号窗口" if window is not None else "全部窗口",
                        scope=f"{window}号窗口" if window is not None else "全中心",
                        prepared_by=prepared_by, figures=cover_figures(fig))


def _names(conn: Connection, hall_id: str) -> dict[str, dict[str, str]]:
    from desk_app.store.models import Hall, QueueCategory
    cats = {r.prefix: r.name for r in conn.execute(select(QueueCategory.prefix, QueueCategory.name)
                                                    .where(QueueCategory.hall_id == hall_id))}
    halls = {r.id: r.name for r in conn.execute(select(Hall.id, Hall.name))}
    return {"category": cats, "hall": halls}


def hall_names(store: Store) -> dict[str, dict[str, str]]:
    with store.engine.connect() as conn:
        return _names(conn, store.hall_id)
