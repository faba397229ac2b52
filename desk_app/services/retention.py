"""The retention purge: the personal data of cases closed longer than the retention period is erased, each
erasure recorded as a ``case.pii_purged`` event (which erases it on every replica: store/projections/intake.py)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select

from desk_app.domain import intake as d
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.domain.timeutil import hall_date
from desk_app.store.database import Store, UnitOfWork
from desk_app.store.models import Case
from desk_app.store.purged_files import all_purged_cases

MAX_YEARS = 100


@dataclass(frozen=True)
class PurgeResult:
    cutoff: str              # cases closed before this day were purged
    case_numbers: tuple[str, ...]
    files_deleted: int       # this PC's scans and archived printouts of purged cases deleted


def closed_on(row: Any) -> str:
    """The day a terminal case closed: its result or finish day, else the day it was decided or opened."""
    state = row.state or {}
    return row.completed_on or (state.get("decision") or {}).get("decided_on") or state.get("opened_on") or ""


def cutoff_day(today: date, years: int) -> str:
    if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= MAX_YEARS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "保存期限应为 1 至 {max_years} 年的整数，收到“{years}”。"), max_years=MAX_YEARS, years=years, field="retention_years")
    try:
        return today.replace(year=today.year - years).isoformat()
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28).isoformat()


def due_cases(uow: UnitOfWork, cutoff: str) -> list[Any]:
    return _due_rows(uow.session, uow.hall_id, cutoff)


def _due_rows(session: Any, hall_id: str, cutoff: str) -> list[Any]:
    rows = session.execute(select(Case.id, Case.case_number, Case.completed_on, Case.state).where(
        Case.hall_id == hall_id, Case.status.in_(sorted(d.TERMINAL)))).all()
    return [r for r in rows if not (r.state or {}).get("pii_purged_on") and "" < closed_on(r) < cutoff]


def purge(uow: UnitOfWork, years: int, *, dry_run: bool = False) -> PurgeResult:
    """Erase the personal data of every case closed before the cutoff, in this transaction. Their files
    (scans, archived printouts: they carry the person too) are deleted once it has committed, by the store, as
    on every replica that folds the purge (Store.delete_purged_files)."""
    today = hall_date(uow.now_ms())
    cutoff = cutoff_day(today, years)
    rows = due_cases(uow, cutoff)
    if rows and not dry_run:
        for r in rows:
            uow.emit(d.CASE_PII_PURGED, f"case:{r.id}", {"purged_on": today.isoformat(), "closed_on": closed_on(r),
                                                           "retention_years": years})
    return PurgeResult(cutoff, tuple(r.case_number for r in rows), 0)


class RetentionService:
    def __init__(self, store: Store, *, actor: str = ""):
        self.store = store
        self.actor = actor

    def due(self, years: int) -> PurgeResult:
        """What a purge would erase now (the dry run): nothing is written."""
        with self.store.read() as s:
            return _due_result(s, self.store.hall_id, hall_date(self.store.now_ms()), years)

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


def _due_result(session: Any, hall_id: str, today: date, years: int) -> PurgeResult:
    cutoff = cutoff_day(today, years)
    return PurgeResult(cutoff, tuple(r.case_number for r in _due_rows(session, hall_id, cutoff)), 0)


__all__ = ["PurgeResult", "RetentionService", "cutoff_day", "purge"]
