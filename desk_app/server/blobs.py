"""desk-central's attachment store: resumable chunked uploads, verified by SHA-256 before they are kept."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from desk_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desk_app.server.core import ServerDB, now_ms
from desk_app.store.blobs import BlobStore
from desk_app.store.models.server import BlobUpload
from desk_app.sync.protocol import BlobStatus

MAX_BLOB_BYTES = 200 * 1024 * 1024


class ServerBlobs:
    """Finished files live in a BlobStore layout; partial ones in ``.partial/`` until their hash checks out."""

    def __init__(self, db: ServerDB, root: Path):
        self.db = db
        self.store = BlobStore(root)
        self.partial = root / ".partial"
        self.partial.mkdir(parents=True, exist_ok=True)

    def status(self, hall_id: str, sha: str, size: int) -> BlobStatus:
        with self.db.read() as s:
            up = s.get(BlobUpload, sha)
        if up is not None and up.complete and self.store.has(sha):
            return BlobStatus(sha256=sha, size=up.size, received=up.size, complete=True)
        received = self._partial(sha).stat().st_size if self._partial(sha).exists() else 0
        return BlobStatus(sha256=sha, size=size or (up.size if up else 0), received=received, complete=False)

    def _partial(self, sha: str) -> Path:
        return self.partial / sha

    def write_chunk(self, hall_id: str, sha: str, size: int, offset: int, data: bytes) -> BlobStatus:
        if size > MAX_BLOB_BYTES:
            raise ValidationError(f"附件超过 {MAX_BLOB_BYTES // 1024 // 1024} MB，服务器不接收。", field="size")
        with self.db.write() as s:  # serialises writers of the same file across threads
            up = s.get(BlobUpload, sha, with_for_update=True)
            if up is not None and up.complete and self.store.has(sha):
                return BlobStatus(sha256=sha, size=up.size, received=up.size, complete=True)
            part = self._partial(sha)
            have = part.stat().st_size if part.exists() else 0
            if offset != have:
                # The PC resumes from what the server really has (e.g. after a cut connection).
                raise ConflictError(f"续传位置不符：服务器已有 {have} 字节。", field="offset", detail=str(have))
            if offset + len(data) > size:
                raise ValidationError("分块超出文件大小。", field="size")
            with open(part, "ab") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            received = offset + len(data)
            if up is None:
                up = BlobUpload(sha256=sha, hall_id=hall_id, size=size, received=received)
                s.add(up)
            up.size, up.received, up.updated_at_ms = size, received, now_ms()
            if received < size:
                return BlobStatus(sha256=sha, size=size, received=received, complete=False)
            digest = _sha256_file(part)
            if digest != sha:
                part.unlink(missing_ok=True)
                up.received = 0
                raise ValidationError("附件校验失败（SHA-256 不符），服务器已丢弃，请重新上传。",
                                      field="sha256", detail="hash_mismatch")
            target = self.store.path(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, target)
            up.complete = True
            return BlobStatus(sha256=sha, size=size, received=size, complete=True)

    def content_path(self, hall_id: str, sha: str) -> Path:
        with self.db.read() as s:
            up = s.get(BlobUpload, sha)
        if up is None or not up.complete or not self.store.has(sha):
            raise NotFoundError("服务器上没有这个附件。", field="sha256")
        return self.store.path(sha)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
