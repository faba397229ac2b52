"""The retention purge: the personal data of cases, appointments and complaints past the retention period, erased."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import or_, select

from desk_app.domain import complaint as c
from desk_app.domain import intake as d
from desk_app.domain import queue_appointments as qa
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.domain.timeutil import hall_date
from desk_app.store.database import Store, UnitOfWork
from desk_app.store.models import Case
from desk_app.store.models.intake_extra import Complaint
from desk_app.store.models.queue import Appointment
from desk_app.store.purged_files import all_purged_cases

MAX_YEARS = 100


@dataclass(frozen=True)
class PurgeResult:
    cutoff: str              # cases closed, appointments booked for and complaints resolved before this day
    case_numbers: tuple[str, ...]
    files_deleted: int       # this PC's scans and archived printouts of purged cases deleted
    appointment_codes: tuple[str, ...] = ()
    complaint_numbers: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return len(self.case_numbers) + len(self.appointment_codes) + len(self.complaint_numbers)


def closed_on(row: Any) -> str:
    """The day a terminal case closed: its result or finish day, else the day it was decided or opened."""
    state = row.state or {}
    return row.completed_on or (state.get("decision") or {}).get("decided_on") or state.get("opened_on") or ""


def cutoff_day(today: date, years: int) -> str:
    if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= MAX_YEARS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "保存期限应为 1 至 {max_years} 年的整数，收到“{years}”。"),
                              max_years=MAX_YEARS, years=years, field="retention_years")
    try:
        return today.replace(year=today.year - years).isoformat()
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28).isoformat()


def complaint_closed_on(row: Any) -> str:
    """The day a resolved complaint was resolved, else the day it was recorded (events that lack the day)."""
    state = row.state or {}
    return state.get("resolved_on") or state.get("recorded_on") or ""


def _due_appointments(session: Any, hall_id: str, cutoff: str) -> list[Any]:
    """Appointments whose slot day is before the cutoff, whatever became of them, that still name someone (a
    purged one names no one: so each is purged once)."""
    a = Appointment
    return session.execute(select(a.id, a.code, a.day).where(
        a.hall_id == hall_id, a.day < cutoff, a.day != "",
        or_(a.name != "", a.phone != "", a.resident_id != "")).order_by(a.day, a.code)).all()


def _due_complaints(session: Any, hall_id: str, cutoff: str) -> list[Any]:
    """Resolved complaints resolved before the cutoff that still name someone and were not purged yet."""
    rows = session.execute(select(Complaint.id, Complaint.number, Complaint.state).where(
        Complaint.hall_id == hall_id, Complaint.status == c.RESOLVED).order_by(Complaint.number)).all()
    return [r for r in rows if not (r.state or {}).get("pii_purged_on") and "" < complaint_closed_on(r) < cutoff
            and ((r.state or {}).get("complainant_name") or (r.state or {}).get("phone"))]


def _due_rows(session: Any, hall_id: str, cutoff: str) -> list[Any]:
    rows = session.execute(select(Case.id, Case.case_number, Case.completed_on, Case.state).where(
        Case.hall_id == hall_id, Case.status.in_(sorted(d.TERMINAL)))).all()
    return [r for r in rows if not (r.state or {}).get("pii_purged_on") and "" < closed_on(r) < cutoff]


@dataclass(frozen=True)
class _Due:
    """The rows a purge with this cutoff erases: cases, appointments, complaints."""
    cutoff: str
    cases: list[Any]
    appointments: list[Any]
    complaints: list[Any]

    def result(self, files_deleted: int = 0) -> PurgeResult:
        return PurgeResult(self.cutoff, tuple(r.case_number for r in self.cases), files_deleted,
                           tuple(a.code for a in self.appointments), tuple(r.number for r in self.complaints))


def _due(session: Any, hall_id: str, today: date, years: int) -> _Due:
    cutoff = cutoff_day(today, years)
    return _Due(cutoff, _due_rows(session, hall_id, cutoff), _due_appointments(session, hall_id, cutoff),
                _due_complaints(session, hall_id, cutoff))


def purge(uow: UnitOfWork, years: int) -> PurgeResult:
    """Erase the personal data of every case closed, appointment booked for and complaint resolved before the
    cutoff, in this transaction. The cases' files (scans, archived printouts: they carry the person too) are
    deleted once it has committed, by the store, as on every replica that folds the purge
    (Store.delete_purged_files)."""
    today = hall_date(uow.now_ms())
    due = _due(uow.session, uow.hall_id, today, years)
    on = today.isoformat()
    for r in due.cases:
        uow.emit(d.CASE_PII_PURGED, f"case:{r.id}", {"purged_on": on, "closed_on": closed_on(r),
                                                       "retention_years": years})
    for a in due.appointments:
        uow.emit(qa.APPOINTMENT_PII_PURGED, f"appointment:{a.id}", {"purged_on": on, "day": a.day,
                                                                     "retention_years": years})
    for r in due.complaints:
        uow.emit(c.COMPLAINT_PII_PURGED, f"complaint:{r.id}", {
            "purged_on": on, "resolved_on": complaint_closed_on(r), "retention_years": years})
    return due.result()


class RetentionService:
    def __init__(self, store: Store, *, actor: str = ""):
        self.store = store
        self.actor = actor

    def due(self, years: int) -> PurgeResult:
        """What a purge would erase now (the dry run): nothing is written."""
        with self.store.read() as s:
            return _due(s, self.store.hall_id, hall_date(self.store.now_ms()), years).result()

    def purge(self, years: int, *, dry_run: bool = False) -> PurgeResult:
        """Purge, then delete this PC's files of purged cases, also those an earlier purge left behind (a crash
        between its commit and the deletion)."""
        if dry_run:
            return self.due(years)
        with self.store.write(self.actor) as uow:
            result = purge(uow, years)
        with self.store.read() as s:
            leftover = all_purged_cases(s, self.store.hall_id)
        swept = self.store.delete_purged_files({self.store.hall_id: leftover}) if leftover else 0
        return replace(result, files_deleted=uow.files_deleted + swept)


__all__ = ["PurgeResult", "RetentionService", "cutoff_day", "purge"]
