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
from desk_app.store.blobs import BlobStore
from desk_app.store.database import Store, UnitOfWork
from desk_app.store.models import Attachment, Case

MAX_YEARS = 100


@dataclass(frozen=True)
class PurgeResult:
    cutoff: str              # cases closed before this day were purged
    case_numbers: tuple[str, ...]
    files_deleted: int       # this PC's scans and archived printouts of those cases


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
    rows = uow.session.execute(select(Case.id, Case.case_number, Case.completed_on, Case.state).where(
        Case.hall_id == uow.hall_id, Case.status.in_(sorted(d.TERMINAL)))).all()
    return [r for r in rows if not (r.state or {}).get("pii_purged_on") and "" < closed_on(r) < cutoff]


def purge(uow: UnitOfWork, years: int, *, dry_run: bool = False) -> tuple[PurgeResult, set[str]]:
    """Erase the personal data of every case closed before the cutoff, in this transaction. Returns the
    result and the addresses of those cases' files (scans, archived printouts: they carry the person too),
    for the caller to delete once the transaction has committed."""
    today = hall_date(uow.now_ms())
    cutoff = cutoff_day(today, years)
    rows = due_cases(uow, cutoff)
    shas: set[str] = set()
    if rows and not dry_run:
        for r in rows:
            uow.emit(d.CASE_PII_PURGED, f"case:{r.id}", {"purged_on": today.isoformat(), "closed_on": closed_on(r),
                                                           "retention_years": years})
        shas = set(uow.session.scalars(select(Attachment.sha256).where(Attachment.case_id.in_([r.id for r in rows]))))
    return PurgeResult(cutoff, tuple(r.case_number for r in rows), 0), shas


class RetentionService:
    def __init__(self, store: Store, *, actor: str = "", blobs: BlobStore | None = None):
        self.store = store
        self.actor = actor
        self.blobs = blobs

    def purge(self, years: int, *, dry_run: bool = False) -> PurgeResult:
        """Purge, then delete this PC's files of the purged cases (after the commit: a crash in between
        leaves files of erased cases, never erased data that is not recorded)."""
        with self.store.write(self.actor) as uow:
            result, shas = purge(uow, years, dry_run=dry_run)
        deleted = 0
        for sha in shas if self.blobs is not None else ():
            path = self.blobs.path(sha)
            if path.exists():
                path.unlink()
                deleted += 1
        return replace(result, files_deleted=deleted)


__all__ = ["PurgeResult", "RetentionService", "cutoff_day", "purge"]
