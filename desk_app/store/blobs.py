"""Content-addressed file store: each attachment is kept once, under its SHA-256, in the data directory."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from desk_app.domain.errors import NotFoundError, StorageError


class BlobStore:
    """Files at ``root/ab/cd/<sha256>``; writes are atomic (temp file, fsync, rename)."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path(sha)
        if target.exists() and self.verify(sha):
            return sha  # already kept: content addressing makes a second copy pointless
        # (a copy that no longer matches its name is replaced: re-scanning is how a clerk mends it)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise StorageError(f"附件无法保存到本机磁盘：{exc.strerror}。请检查磁盘空间后重试。") from exc
        return sha

    def read(self, sha256: str) -> bytes:
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise NotFoundError(f"本机没有这个附件（{sha256[:12]}…），请等待同步完成后再打开。") from None

    def verify(self, sha256: str) -> bool:
        """True when the stored file still hashes to its name (detects disk corruption)."""
        p = self.path(sha256)
        return p.exists() and hashlib.sha256(p.read_bytes()).hexdigest() == sha256
