"""Report use cases: a period's rows from the projections (SQLite or PostgreSQL), folded by domain/reports.py."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Iterable, Sequence

from sqlalchemy import Connection, and_, select

from desk_app.domain import reports as rp
from desk_app.domain.errors import StorageError
from desk_app.domain.report_series import HourPoint, WeekPoint, by_hour, by_week
from desk_app.domain.timeutil import CHINA_TZ, hall_date, hall_day
from desk_app.store.database import Store
from desk_app.store.models import Case, Rating, Ticket
from desk_app.store.models.intake_extra import Complaint

_T, _C, _R, _K = Ticket.__table__, Case.__table__, Rating.__table__, Complaint.__table__


def day_bounds_ms(p: rp.Period) -> tuple[int, int]:
    """Unix ms of the period's first hall-local midnight and of the midnight after its last day."""
    from datetime import datetime
    start = datetime.fromisoformat(p.start).replace(tzinfo=CHINA_TZ)
    end = datetime.fromisoformat(p.end).replace(tzinfo=CHINA_TZ) + timedelta(days=1)
    return int(start.timestamp() * 1000), int(end.timestamp() * 1000)


def _halls(col, halls: Sequence[str] | None):
    if halls is None:
        return True
    return col == halls[0] if len(halls) == 1 else col.in_(list(halls))


def ticket_rows(conn: Connection, p: rp.Period, halls: Sequence[str] | None) -> list[rp.TicketRow]:
    # ix_tickets_open (hall_id, day, status) bounds the scan to the period's days.
    q = select(_T.c.hall_id, _T.c.day, _T.c.category, _T.c.window_number, _T.c.clerk, _T.c.status,
               _T.c.issued_at_ms, _T.c.wait_ms, _T.c.service_ms, _T.c.transfers, _T.c.no_show).where(
        _halls(_T.c.hall_id, halls), _T.c.day >= p.start, _T.c.day <= p.end)
    return [rp.TicketRow(*r) for r in conn.execute(q)]


def case_rows(conn: Connection, p: rp.Period, halls: Sequence[str] | None) -> list[rp.CaseRow]:
    lo, hi = day_bounds_ms(p)
    q = (select(_C.c.hall_id, _C.c.opened_at_ms, _T.c.category, _C.c.window_number, _C.c.clerk, _C.c.status,
                _C.c.outcome, _C.c.notice_count, _C.c.accepted_on, _C.c.due_date, _C.c.completed_on,
                _C.c.extension_reason)
         .select_from(_C.outerjoin(_T, _T.c.id == _C.c.ticket_id))
         .where(_halls(_C.c.hall_id, halls), _C.c.opened_at_ms >= lo, _C.c.opened_at_ms < hi))
    return [rp.CaseRow(r[0], hall_day(r[1]), r[2] or "", r[3], r[4] or "", r[5], r[6] or "", r[7] or 0, r[8], r[9],
                       r[10], bool(r[11])) for r in conn.execute(q)]


def rating_rows(conn: Connection, p: rp.Period, halls: Sequence[str] | None) -> list[rp.RatingRow]:
    lo, hi = day_bounds_ms(p)
    q = (select(_R.c.hall_id, _R.c.rated_at_ms, _T.c.category, _R.c.window_number, _R.c.clerk, _R.c.level,
                _R.c.follow_up_due, _R.c.rectified_on)
         .select_from(_R.outerjoin(_C, _C.c.id == _R.c.case_id).outerjoin(_T, _T.c.id == _C.c.ticket_id))
         .where(_halls(_R.c.hall_id, halls), _R.c.rated_at_ms >= lo, _R.c.rated_at_ms < hi,
                _R.c.status == "submitted", _R.c.level.is_not(None)))
    return [rp.RatingRow(r[0], hall_day(r[1]), r[2] or "", r[3], r[4] or "", r[5], r[6], r[7])
            for r in conn.execute(q)]


def complaint_rows(conn: Connection, p: rp.Period, halls: Sequence[str] | None) -> list[rp.ComplaintRow]:
    lo, hi = day_bounds_ms(p)
    q = (select(_K.c.hall_id, _K.c.recorded_at_ms, _T.c.category, _K.c.window_number, _K.c.category, _K.c.status)
         .select_from(_K.outerjoin(_T, and_(_T.c.id == _K.c.ticket_id)))
         .where(_halls(_K.c.hall_id, halls), _K.c.recorded_at_ms >= lo, _K.c.recorded_at_ms < hi))
    return [rp.ComplaintRow(r[0], hall_day(r[1]), r[2] or "", r[3], r[4], r[5] == "resolved")
            for r in conn.execute(q)]


def report_as_of(p: rp.Period, today: date) -> str:
    """The date open cases and rectification deadlines are judged on: the day the report is made, so a past
    month's report shows which of its cases are overdue now (a case completed late stays overdue)."""
    return today.isoformat()


def period_report(conn: Connection, p: rp.Period, dimension: str, halls: Sequence[str] | None,
                  today: date) -> rp.Report:
    """One report: the period's four row sets, folded by the domain's definitions."""
    return rp.compute(p, dimension, ticket_rows(conn, p, halls), case_rows(conn, p, halls),
                      rating_rows(conn, p, halls), complaint_rows(conn, p, halls), as_of=report_as_of(p, today))


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
            return period_report(conn, p, dimension, [self.store.hall_id], self.today())

    def tickets(self, p: rp.Period) -> list[rp.TicketRow]:
        with self.store.engine.connect() as conn:
            return ticket_rows(conn, p, [self.store.hall_id])

    def ratings(self, p: rp.Period) -> list[rp.RatingRow]:
        with self.store.engine.connect() as conn:
            return rating_rows(conn, p, [self.store.hall_id])

    def _rows(self, p: rp.Period) -> tuple[list, list, list, list]:
        with self.store.engine.connect() as conn:
            halls = [self.store.hall_id]
            return (ticket_rows(conn, p, halls), case_rows(conn, p, halls), rating_rows(conn, p, halls),
                    complaint_rows(conn, p, halls))

    def reports(self, p: rp.Period, dimensions: Iterable[str]) -> dict[str, rp.Report]:
        """Several dimensions of one period from one read of its rows (the export's sheets)."""
        rows = self._rows(p)
        as_of = report_as_of(p, self.today())
        return {d: rp.compute(p, d, *rows, as_of=as_of) for d in dimensions}

    def screen(self, p: rp.Period, dimension: str) -> ReportScreen:
        rows = self._rows(p)
        report = rp.compute(p, dimension, *rows, as_of=report_as_of(p, self.today()))
        return ReportScreen(report, by_hour(rows[0]), by_week(rows[2]), hall_names(self.store))

    def export_xlsx(self, p: rp.Period, path: str | Path, *,
                    progress: Callable[[int, int], None] | None = None) -> Path:
        """The period's workbook written to ``path`` (whole or not at all: a cancelled export leaves no file)."""
        from desk_app.services.report_xlsx import SHEETS, workbook_bytes
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
            raise StorageError(f"无法保存文件“{path}”：{exc.strerror}。请换一个文件夹或检查磁盘空间。") from exc
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
    return {"hall": {"name": getattr(hall, "name", ""), "department": getattr(hall, "department", "")
                     or getattr(hall, "name", ""), "code": getattr(hall, "code", ""),
                     **({"phone": hall.phone} if getattr(hall, "phone", "") else {})},
            "report_date": when, "date": p.end, "window": f"{window}号窗口" if window is not None else "全部窗口",
            "prepared_by": prepared_by, "clerk": prepared_by, "figures": cover_figures(fig)}


def _names(conn: Connection, hall_id: str) -> dict[str, dict[str, str]]:
    from desk_app.store.models import Hall, QueueCategory
    cats = {r.prefix: r.name for r in conn.execute(select(QueueCategory.prefix, QueueCategory.name)
                                                    .where(QueueCategory.hall_id == hall_id))}
    halls = {r.id: r.name for r in conn.execute(select(Hall.id, Hall.name))}
    return {"category": cats, "hall": halls}


def hall_names(store: Store) -> dict[str, dict[str, str]]:
    with store.engine.connect() as conn:
        return _names(conn, store.hall_id)
