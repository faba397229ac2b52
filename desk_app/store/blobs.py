"""Content-addressed file store: each attachment is kept once, under its SHA-256, in the data directory.

With the hall's data key (``cipher``) a file is sealed before it touches the disk (FieldCipher.seal_blob,
deterministic) and addressed by the SHA-256 of the sealed bytes: dedupe, the upload queue and desk-central's
hash check work unchanged on bytes that only the hall's PCs can open.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from typing import Callable

from desk_app.domain.errors import QT_TRANSLATE_NOOP, KnownError, NotFoundError, StorageError
from desk_app.store.field_crypto import FieldCipher


class BlobStore:
    """Files at ``root/ab/cd/<sha256>``; writes are atomic (temp file, fsync, rename)."""

    def __init__(self, root: Path, fetcher: "Callable[[str], bytes] | None" = None,
                 cipher: "FieldCipher | None" = None):
        self.root = Path(root)
        self.cipher = cipher
        # Where a file missing here comes from (desk-central's copy, set when sync starts): a scan made at
        # another window is fetched the first time it is opened, then kept here like any other file.
        self.fetcher = fetcher

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def put(self, data: bytes) -> str:
        """Keep a file's content (sealed when there is a data key); returns its address."""
        return self._put_stored(self.cipher.seal_blob(data) if self.cipher is not None else data)

    def _put_stored(self, data: bytes) -> str:
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
            raise StorageError(QT_TRANSLATE_NOOP("Errors", "附件无法保存到本机磁盘：{strerror}。请检查磁盘空间后重试。"),
                               strerror=exc.strerror) from exc
        return sha

    def read(self, sha256: str) -> bytes:
        """The file's bytes; fetched through ``fetcher`` (and kept) when this PC does not have it.

        Call it off the UI thread: fetching waits on the network.
        """
        return self._open(self.read_stored(sha256))

    def _open(self, stored: bytes) -> bytes:
        return self.cipher.open_blob(stored) if self.cipher is not None else stored

    def read_stored(self, sha256: str) -> bytes:
        """The bytes as kept (sealed): what is uploaded, and what desk-central keeps."""
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            if self.fetcher is None:
                raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "本机没有这个附件（{sha256}…），请等待同步完成后再打开。"),
                                    sha256=sha256[:12]) from None
        try:
            data = self.fetcher(sha256)
        except KnownError as exc:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "本机没有这个附件（{sha256}…），也暂时无法从中心服务器取回：{message}"),
                                sha256=sha256[:12], message=exc.message
                                ) from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "从中心服务器取回的附件（{sha256}…）校验不符，未保存。请稍后重试。"),
                                sha256=sha256[:12])
        self._put_stored(data)
        return data

    def verify(self, sha256: str) -> bool:
        """True when the stored file still hashes to its name (detects disk corruption)."""
        p = self.path(sha256)
        return p.exists() and hashlib.sha256(p.read_bytes()).hexdigest() == sha256
