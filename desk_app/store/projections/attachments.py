"""Projection of attachment events into the attachments table (metadata; the bytes are in the BlobStore)."""
from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desk_app.domain.attachments import ATTACHMENT_ADDED
from desk_app.domain.events import Event
from desk_app.store.models import Attachment
from desk_app.store.projectors import projector


@projector("attachment")
def project_attachment(session: Session, sha256: str, events: list[Event]) -> None:
    added = [e for e in events if e.type == ATTACHMENT_ADDED]
    if not added or session.scalar(select(Attachment.sha256).where(Attachment.sha256 == sha256)):
        return  # content-addressed: the first description of a file is kept
    p = added[0].payload
    session.execute(insert(Attachment).values(
        sha256=sha256, size=p["size"], media_type=p["media_type"], filename=p.get("filename", ""),
        hall_id=added[0].hall, case_id=p.get("case_id"), material_id=p.get("material_id"),
        kind=p.get("kind", "scan"), created_at_ms=p.get("created_at_ms", 0),
        upload_state="pending" if added[0].device else "acked"))
