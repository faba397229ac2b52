"""Content-addressed attachments: stored once by SHA-256, recorded by an event that replicates."""
from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from desk_app.domain.errors import NotFoundError
from desk_app.services.attachments import add_attachment
from desk_app.store.blobs import BlobStore
from desk_app.store.database import Store
from desk_app.store.models import Attachment, EventRow


def test_put_is_content_addressed_and_idempotent(tmp_path) -> None:
    blobs = BlobStore(tmp_path / "blobs")
    data = b"%PDF-1.7 scan"
    sha = blobs.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert blobs.put(data) == sha
    assert blobs.read(sha) == data and blobs.verify(sha)
    assert len(list((tmp_path / "blobs").rglob("*"))) == 3  # two fan-out folders and one file
    with pytest.raises(NotFoundError):
        blobs.read("0" * 64)


def test_attachment_recorded_as_event_and_folds_on_another_store(store: Store, tmp_path) -> None:
    blobs = BlobStore(tmp_path / "blobs")
    with store.write("clerk") as uow:
        sha = add_attachment(uow, b"page-1", media_type="application/pdf", filename="scan.pdf",
                             case_id="case-1", material_id="m-1", blobs=blobs)
    with store.read() as s:
        att = s.get(Attachment, sha)
        ev = s.scalars(select(EventRow).where(EventRow.type == "attachment.added")).one()
    assert att.case_id == "case-1" and att.size == 6
    other = Store.open(tmp_path / "other.db")
    from desk_app.store.reducer import row_to_event
    other.apply_remote([row_to_event(ev)])
    with other.read() as s:
        assert s.get(Attachment, sha).material_id == "m-1"
    other.close()
