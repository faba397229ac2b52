"""desk-central's attachment store: resumable chunked uploads per hall, verified by SHA-256, stored once.

Access is per hall: each hall uploads into its own partial file (another hall can neither read nor wipe
it) and may read a file only once it has sent the complete bytes itself (``BlobAccess``). The same bytes
sent by two halls are kept once.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from desk_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desk_app.server.core import ServerDB, now_ms
from desk_app.store.blobs import BlobStore
from desk_app.store.models.server import BlobAccess, BlobUpload
from desk_app.store.purged_files import delete_files, files_of_purged
from desk_app.sync.protocol import BlobStatus

MAX_BLOB_BYTES = 200 * 1024 * 1024
_HALL_RE = re.compile(r"^[0-9a-fA-F-]{1,64}$")


class ServerBlobs:
    """Finished files live in a BlobStore layout; partial ones in ``.partial/<hall>/`` until their hash checks out."""

    def __init__(self, db: ServerDB, root: Path):
        self.db = db
        self.store = BlobStore(root)
        self.partial = root / ".partial"
        self.partial.mkdir(parents=True, exist_ok=True)
        db.purge_listeners.append(self.delete_purged)

    def delete_purged(self, cases: dict[str, list[str]]) -> int:
        """The retention purge reached desk-central: each hall loses its right to the purged cases' files
        (those no unpurged case of the hall shares), and a file no other hall sent is deleted. Idempotent.
        Returns the files deleted."""
        paths = []
        with self.db.write() as s:
            for hall_id, ids in cases.items():
                for sha in sorted(files_of_purged(s, hall_id, ids)):
                    s.execute(delete(BlobAccess).where(BlobAccess.hall_id == hall_id, BlobAccess.sha256 == sha))
                    if s.scalar(select(BlobAccess.hall_id).where(BlobAccess.sha256 == sha).limit(1)) is None:
                        s.execute(delete(BlobUpload).where(BlobUpload.sha256 == sha))
                        paths.append(self.store.path(sha))
                    self._partial(hall_id, sha).unlink(missing_ok=True)
        return delete_files(paths)  # after the commit: a crash before leaves a file no hall may read

    def status(self, hall_id: str, sha: str, size: int) -> BlobStatus:
        with self.db.read() as s:
            acc = s.get(BlobAccess, (hall_id, sha))
        if acc is not None and acc.complete and self.store.has(sha):
            return BlobStatus(sha256=sha, size=acc.size, received=acc.size, complete=True)
        part = self._partial(hall_id, sha)
        received = part.stat().st_size if part.exists() else 0
        return BlobStatus(sha256=sha, size=size or (acc.size if acc else 0), received=received, complete=False)

    def _partial(self, hall_id: str, sha: str) -> Path:
        if not _HALL_RE.match(hall_id):
            raise ValidationError("大厅编号无效。", field="hall")
        return self.partial / hall_id / sha

    def write_chunk(self, hall_id: str, sha: str, size: int, offset: int, data: bytes) -> BlobStatus:
        if size > MAX_BLOB_BYTES:
            raise ValidationError(f"附件超过 {MAX_BLOB_BYTES // 1024 // 1024} MB，服务器不接收。", field="size")
        for _ in range(3):
            try:
                return self._write_chunk(hall_id, sha, size, offset, data)
            except IntegrityError:
                continue  # two first chunks of the same hall raced to create the row: the retry sees it
        raise ConflictError("附件上传冲突，请稍后重试。")

    def _write_chunk(self, hall_id: str, sha: str, size: int, offset: int, data: bytes) -> BlobStatus:
        with self.db.write() as s:  # serialises writers of the same hall's file across threads
            acc = s.get(BlobAccess, (hall_id, sha), with_for_update=True)
            if acc is not None and acc.complete and self.store.has(sha):
                return BlobStatus(sha256=sha, size=acc.size, received=acc.size, complete=True)
            part = self._partial(hall_id, sha)
            have = part.stat().st_size if part.exists() else 0
            if offset != have:
                # The PC resumes from what the server really has (e.g. after a cut connection).
                raise ConflictError(f"续传位置不符：服务器已有 {have} 字节。", field="offset", detail=str(have))
            if offset + len(data) > size:
                raise ValidationError("分块超出文件大小。", field="size")
            part.parent.mkdir(parents=True, exist_ok=True)
            with open(part, "ab") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            received = offset + len(data)
            if acc is None:
                acc = BlobAccess(hall_id=hall_id, sha256=sha, size=size, received=received)
                s.add(acc)
                s.flush()
            acc.size, acc.received, acc.updated_at_ms = size, received, now_ms()
            if received < size:
                return BlobStatus(sha256=sha, size=size, received=received, complete=False)
            digest = _sha256_file(part)
            if digest != sha:
                part.unlink(missing_ok=True)
                acc.received = 0
                raise ValidationError("附件校验失败（SHA-256 不符），服务器已丢弃，请重新上传。",
                                      field="sha256", detail="hash_mismatch")
            if self.store.has(sha):
                part.unlink(missing_ok=True)  # another hall sent the same bytes: kept once
            else:
                target = self.store.path(sha)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(part, target)
            acc.complete = True
            up = s.get(BlobUpload, sha, with_for_update=True)
            if up is None:
                s.add(BlobUpload(sha256=sha, hall_id=hall_id, size=size, received=size, complete=True,
                                 updated_at_ms=now_ms()))
            else:
                up.size, up.received, up.complete, up.updated_at_ms = size, size, True, now_ms()
            return BlobStatus(sha256=sha, size=size, received=size, complete=True)

    def content_path(self, hall_id: str, sha: str) -> Path:
        with self.db.read() as s:
            acc = s.get(BlobAccess, (hall_id, sha))
        if acc is None or not acc.complete or not self.store.has(sha):
            raise NotFoundError("服务器上没有本大厅的这个附件。", field="sha256")
        return self.store.path(sha)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
