"""The rows the reports read: one select per kind over a period's indexed range (SQLite and PostgreSQL alike)."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import Connection, Select, and_, select

from desk_app.domain import reports as rp
from desk_app.domain.timeutil import CHINA_TZ, hall_day
from desk_app.store.models import Case, Rating, Ticket
from desk_app.store.models.intake_extra import Complaint

_T, _C, _R, _K = Ticket.__table__, Case.__table__, Rating.__table__, Complaint.__table__


def day_bounds_ms(p: rp.Period) -> tuple[int, int]:
    """Unix ms of the period's first hall-local midnight and of the midnight after its last day."""
    start = datetime.fromisoformat(p.start).replace(tzinfo=CHINA_TZ)
    end = datetime.fromisoformat(p.end).replace(tzinfo=CHINA_TZ) + timedelta(days=1)
    return int(start.timestamp() * 1000), int(end.timestamp() * 1000)


def _halls(col, halls: Sequence[str] | None):
    if halls is None:
        return True
    return col == halls[0] if len(halls) == 1 else col.in_(list(halls))


# The columns of each kind's report rows and the joins that give them their category, with no period yet.
BASE: dict[str, Select] = {
    "tickets": select(_T.c.hall_id, _T.c.day, _T.c.category, _T.c.window_number, _T.c.clerk, _T.c.status,
                      _T.c.issued_at_ms, _T.c.wait_ms, _T.c.service_ms, _T.c.transfers, _T.c.no_show),
    # the category through the ticket's primary key
    "cases": (select(_C.c.hall_id, _C.c.opened_at_ms, _T.c.category, _C.c.window_number, _C.c.clerk,
                     _C.c.status, _C.c.outcome, _C.c.notice_count, _C.c.accepted_on, _C.c.due_date,
                     _C.c.completed_on, _C.c.extension_reason)
              .select_from(_C.outerjoin(_T, _T.c.id == _C.c.ticket_id))),
    "ratings": (select(_R.c.hall_id, _R.c.rated_at_ms, _T.c.category, _R.c.window_number, _R.c.clerk,
                       _R.c.level, _R.c.follow_up_due, _R.c.rectified_on)
                .select_from(_R.outerjoin(_C, _C.c.id == _R.c.case_id).outerjoin(_T, _T.c.id == _C.c.ticket_id))
                .where(_R.c.status == "submitted", _R.c.level.is_not(None))),
    "complaints": (select(_K.c.hall_id, _K.c.recorded_at_ms, _T.c.category, _K.c.window_number, _K.c.category,
                          _K.c.status)
                   .select_from(_K.outerjoin(_T, and_(_T.c.id == _K.c.ticket_id)))),
}


def statements(p: rp.Period, halls: Sequence[str] | None) -> dict[str, Select]:
    """The four selects of a period (the bench runs the same ones on the bare driver)."""
    lo, hi = day_bounds_ms(p)
    return {
        # ix_tickets_open (hall_id, day, ...) bounds the scan to the period's days and covers the columns
        "tickets": BASE["tickets"].where(_halls(_T.c.hall_id, halls), _T.c.day >= p.start, _T.c.day <= p.end),
        # ix_cases_opened covers the columns
        "cases": BASE["cases"].where(_halls(_C.c.hall_id, halls), _C.c.opened_at_ms >= lo, _C.c.opened_at_ms < hi),
        "ratings": BASE["ratings"].where(_halls(_R.c.hall_id, halls), _R.c.rated_at_ms >= lo,
                                         _R.c.rated_at_ms < hi),
        "complaints": BASE["complaints"].where(_halls(_K.c.hall_id, halls), _K.c.recorded_at_ms >= lo,
                                               _K.c.recorded_at_ms < hi),
    }


def fetch(conn: Connection, stmt: Select) -> list[tuple]:
    """The statement's rows as plain tuples from the driver: a month's tens of thousands of rows skip
    SQLAlchemy's result machinery, which cost more than the query itself."""
    c = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})  # IN lists expanded
    dbapi = conn.connection.driver_connection
    if conn.dialect.name == "sqlite":
        return dbapi.execute(str(c), [c.params[k] for k in c.positiontup or ()]).fetchall()
    with dbapi.cursor() as cur:
        cur.execute(str(c), c.params)
        return cur.fetchall()


_DAY_MS = 86_400_000
_OFFSET_MS = 8 * 3_600_000  # UTC+8, no daylight saving (domain/timeutil.py)


def _day_of() -> Callable[[int], str]:
    """hall_day for many timestamps: one date per distinct day, computed once."""
    cache: dict[int, str] = {}

    def day(ms: int) -> str:
        n = (ms + _OFFSET_MS) // _DAY_MS
        d = cache.get(n)
        if d is None:
            d = cache[n] = hall_day(ms)
        return d
    return day


def as_rows(kind: str, raw_rows: Iterable[Sequence[Any]]) -> list[Any]:
    """The driver's tuples of ``BASE[kind]`` (or a longer select starting with its columns) as report rows."""
    if kind == "tickets":
        return [rp.TicketRow._make(r[:11]) for r in raw_rows]
    day = _day_of()
    if kind == "cases":
        return [rp.CaseRow(r[0], day(r[1]), r[2] or "", r[3], r[4] or "", r[5], r[6] or "", r[7] or 0, r[8], r[9],
                           r[10], bool(r[11])) for r in raw_rows]
    if kind == "ratings":
        return [rp.RatingRow(r[0], day(r[1]), r[2] or "", r[3], r[4] or "", r[5], r[6], r[7]) for r in raw_rows]
    return [rp.ComplaintRow(r[0], day(r[1]), r[2] or "", r[3], r[4], r[5] == "resolved") for r in raw_rows]


def rows_of(conn: Connection, kind: str, p: rp.Period, halls: Sequence[str] | None) -> list[Any]:
    return as_rows(kind, fetch(conn, statements(p, halls)[kind]))


def ticket_rows(conn: Connection, p: rp.Period, halls: Sequence[str] | None) -> list[rp.TicketRow]:
    return rows_of(conn, "tickets", p, halls)


def case_rows(conn: Connection, p: rp.Period, halls: Sequence[str] | None) -> list[rp.CaseRow]:
    return rows_of(conn, "cases", p, halls)


def rating_rows(conn: Connection, p: rp.Period, halls: Sequence[str] | None) -> list[rp.RatingRow]:
    return rows_of(conn, "ratings", p, halls)


def complaint_rows(conn: Connection, p: rp.Period, halls: Sequence[str] | None) -> list[rp.ComplaintRow]:
    return rows_of(conn, "complaints", p, halls)


def report_as_of(p: rp.Period, today: date) -> str:
    """The date open cases and rectification deadlines are judged on: the day the report is made, so a past
    month's report shows which of its cases are overdue now (a case completed late stays overdue)."""
    return today.isoformat()


def period_report(conn: Connection, p: rp.Period, dimension: str, halls: Sequence[str] | None,
                  today: date) -> rp.Report:
    """One report: the period's four row sets, folded by the domain's definitions."""
    return rp.compute(p, dimension, ticket_rows(conn, p, halls), case_rows(conn, p, halls),
                      rating_rows(conn, p, halls), complaint_rows(conn, p, halls), as_of=report_as_of(p, today))
