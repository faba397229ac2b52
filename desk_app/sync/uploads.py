"""The attachment upload queue: resumable chunks, verified by SHA-256 on the server, never sent twice.

It runs on its own thread so a big scan never delays event sync; the sync agent holds back only an
event that refers to a file (and later events of its aggregate) until this queue reports the file
acknowledged (BlobUpload.complete); the other events are pushed meanwhile.
"""
from __future__ import annotations

import hashlib
import json
import logging
import random
import threading
from typing import Callable

from sqlalchemy import select

from desk_app.domain.errors import KnownError, NetworkError
from desk_app.store.blobs import BlobStore
from desk_app.store.database import Store
from desk_app.store.models import EventRow
from desk_app.store.models.server import BlobUpload
from desk_app.sync.client import SyncClient, SyncRefused
from desk_app.sync.protocol import CHUNK_BYTES

log = logging.getLogger(__name__)
MAX_HASH_RETRIES = 3


class _Stopped(Exception):
    """stop() was called: the upload ends between two chunks and resumes from there next time."""


class Uploader:
    def __init__(self, store: Store, client: SyncClient, blobs: BlobStore, *, chunk_bytes: int = CHUNK_BYTES,
                 on_acked: Callable[[str], None] | None = None, backoff_max: float = 30.0,
                 on_problem: Callable[[str, str], None] | None = None):
        """``on_problem(sha, reason)``: a local file cannot be sent (corrupt or gone); the clerk must re-scan."""
        self.store, self.client, self.blobs = store, client, blobs
        self.chunk_bytes = chunk_bytes
        self.on_acked = on_acked
        self.on_problem = on_problem
        self.backoff_max = backoff_max
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ queue
    def wanted(self) -> list[str]:
        """Files referred to by events still waiting in the outbox and not yet acknowledged, oldest first."""
        with self.store.read() as s:
            payloads = s.scalars(select(EventRow.payload).where(
                EventRow.origin == "local", EventRow.push_state == "pending",
                EventRow.payload.contains('"attachments"')).order_by(EventRow.device_seq)).all()
            shas: list[str] = []
            for p in payloads:
                for sha in json.loads(p).get("attachments") or []:
                    if isinstance(sha, str) and sha not in shas:
                        shas.append(sha)
            done = set(s.scalars(select(BlobUpload.sha256).where(BlobUpload.sha256.in_(shas),
                                                                 BlobUpload.complete.is_(True))))
            bad = set(s.scalars(select(BlobUpload.sha256).where(BlobUpload.sha256.in_(shas),
                                                                BlobUpload.problem != "")))
        # A file marked corrupt is tried again only once its copy is sound again (the same page re-scanned).
        return [sha for sha in shas if sha not in done and (sha not in bad or self.blobs.verify(sha))]

    def upload_all(self) -> int:
        n = 0
        for sha in self.wanted():
            self._check_stop()
            if self.upload(sha):
                n += 1
        return n

    def upload(self, sha: str) -> bool:
        """Send one file, resuming from what the server already holds; retried on a hash mismatch.

        A local copy that no longer hashes to its name (a flipped bit on disk) or that is gone is not
        sent: the server would refuse it forever and hold up every file behind it. It is marked, the
        clerk is told to re-scan, and False is returned.
        """
        try:
            data = self.blobs.read_stored(sha)  # sealed as kept: desk-central stores it so
        except KnownError:
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != sha:
            self._mark_problem(sha, "missing" if data is None else "corrupt", len(data or b""))
            return False
        size = len(data)
        self._record(sha, size, 0, False)
        for _ in range(MAX_HASH_RETRIES):
            st = self.client.blob_status(sha, size)
            offset = st.received
            if st.complete:
                break
            try:
                while offset < size:
                    self._check_stop()
                    chunk = data[offset:offset + self.chunk_bytes]
                    try:
                        st = self.client.put_chunk(sha, size, offset, chunk)
                    except SyncRefused as exc:
                        if exc.status == 409 and exc.detail is not None:
                            offset = int(exc.detail)  # the server has a different amount: resume there
                            continue
                        raise
                    offset = st.received
                    self._record(sha, size, offset, st.complete)
                if st.complete:
                    break
            except SyncRefused as exc:
                if exc.detail == "hash_mismatch":
                    log.warning("upload of %s refused (hash mismatch), sending again", sha[:12])
                    continue
                raise
        else:
            raise NetworkError("附件多次上传校验失败，稍后自动重试。")
        self._record(sha, size, size, True)
        if self.on_acked is not None:
            self.on_acked(sha)
        return True

    def _mark_problem(self, sha: str, problem: str, size: int) -> None:
        log.error("attachment %s is %s locally: not sent, the clerk must scan it again", sha[:12], problem)
        with self.store.write() as uow:
            row = uow.session.get(BlobUpload, sha)
            first = row is None or row.problem != problem
            if row is None:
                row = BlobUpload(sha256=sha, hall_id=self.store.hall_id, size=size)
                uow.session.add(row)
            row.problem, row.updated_at_ms = problem, self.store.now_ms()
        if first and self.on_problem is not None:
            reason = ("本机保存的附件已损坏（校验不符）" if problem == "corrupt" else "本机找不到这个附件的文件")
            self.on_problem(sha, reason + "，未能上传。请重新扫描该材料。")

    def _record(self, sha: str, size: int, received: int, complete: bool) -> None:
        with self.store.write() as uow:
            row = uow.session.get(BlobUpload, sha)
            if row is None:
                row = BlobUpload(sha256=sha, hall_id=self.store.hall_id, size=size)
                uow.session.add(row)
            row.size, row.received, row.complete = size, received, complete or row.complete
            row.problem = ""
            row.updated_at_ms = self.store.now_ms()

    # ------------------------------------------------------------------ thread
    def _check_stop(self) -> None:
        if self._stop.is_set():
            raise _Stopped()

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="sync-upload", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 15.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                self.upload_all()
                failures = 0
                timeout = 10.0
            except _Stopped:
                return
            except Exception as exc:  # noqa: BLE001 - keep the queue alive
                if not isinstance(exc, KnownError):
                    log.exception("upload failed")
                failures += 1
                timeout = random.uniform(0, min(self.backoff_max, 0.5 * 2 ** min(failures, 10)))
            self._wake.wait(timeout)
            self._wake.clear()
