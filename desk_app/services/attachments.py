"""Attachments: keep a file in the blob store and record it (with its case and material) as an event."""
from __future__ import annotations

from desk_app.domain.attachments import ATTACHMENT_ADDED
from desk_app.store.blobs import BlobStore
from desk_app.store.database import UnitOfWork


def add_attachment(uow: UnitOfWork, data: bytes, *, media_type: str, filename: str = "",
                   case_id: str | None = None, material_id: str | None = None, kind: str = "scan",
                   blobs: BlobStore | None = None) -> str:
    """Store ``data`` once by its SHA-256 (in ``blobs``, else the store's) and emit ``attachment.added``;
    returns the hash.

    The file is written before the transaction commits; if the transaction fails, an unreferenced
    file is left behind, which is harmless (it is content-addressed and never listed).
    """
    sha = (blobs or uow.blobs).put(data)
    uow.emit(ATTACHMENT_ADDED, f"attachment:{sha}", {
        "size": len(data), "media_type": media_type, "filename": filename, "case_id": case_id,
        "material_id": material_id, "kind": kind, "created_at_ms": uow.now_ms(),
        "attachments": [sha],
    })
    return sha
