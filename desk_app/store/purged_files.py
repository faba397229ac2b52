"""The files (scans, archived printouts) of cases whose personal data was purged: which may go, and removing them."""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.attachments import ATTACHMENT_ADDED
from desk_app.domain.events import Event
from desk_app.domain.intake import CASE_PII_PURGED
from desk_app.store.models import Attachment, Case, EventRow


def purged_cases(events: Iterable[Event]) -> dict[str, list[str]]:
    """The cases a batch of events purged, per hall."""
    out: dict[str, list[str]] = {}
    for ev in events:
        if ev.type == CASE_PII_PURGED:
            out.setdefault(ev.hall, []).append(ev.aggregate.split(":", 1)[1])
    return out


def all_purged_cases(session: Session, hall_id: str) -> list[str]:
    """Every case of the hall whose personal data is purged (to sweep files a crash left behind)."""
    rows = session.execute(select(Case.id, Case.state).where(Case.hall_id == hall_id)).all()
    return [cid for cid, state in rows if (state or {}).get("pii_purged_on")]


def files_of_purged(session: Session, hall_id: str, case_ids: Iterable[str]) -> set[str]:
    """The addresses of the files of these purged cases that no other case still refers to.

    Content addressing keeps one file for the same scan in two cases (sealing is deterministic): such a file
    goes only when every case it belongs to is purged. Read after the purge committed (the cases' state)."""
    ids = set(case_ids)
    if not ids:
        return set()
    owners: dict[str, set[str | None]] = {}
    # One read of the hall's file records (not one per case): an attachment row keeps only the first case that
    # added the file, the events name every one.
    for sha, cid in session.execute(select(Attachment.sha256, Attachment.case_id).where(Attachment.hall_id == hall_id)):
        owners.setdefault(sha, set()).add(cid)
    for aggregate, payload in session.execute(select(EventRow.aggregate, EventRow.payload).where(
            EventRow.type == ATTACHMENT_ADDED, EventRow.hall == hall_id)):
        owners.setdefault(aggregate.split(":", 1)[1], set()).add((json.loads(payload) or {}).get("case_id"))
    wanted = {sha: cs for sha, cs in owners.items() if cs & ids}
    others = sorted({c for cs in wanted.values() for c in cs if c and c not in ids})
    purged = set(ids)
    for i in range(0, len(others), 500):
        purged |= {cid for cid, state in session.execute(select(Case.id, Case.state).where(
            Case.id.in_(others[i:i + 500]))) if (state or {}).get("pii_purged_on")}
    return {sha for sha, cs in wanted.items() if all(c in purged for c in cs)}


def delete_files(paths: Iterable[Path]) -> int:
    """Remove these files; a file already gone counts for nothing (folding the purge again is harmless)."""
    n = 0
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        n += 1
    return n


__all__ = ["all_purged_cases", "delete_files", "files_of_purged", "purged_cases"]
