"""WAL checkpoints on a thread of their own, so no use case pays for copying the log back into the database.

SQLite's automatic checkpoint runs inside the commit that crosses the threshold: one issue-ticket in a
few dozen would wait for a thousand pages to be copied and synced. Here a daemon thread runs a PASSIVE
checkpoint (it never takes the write lock, so writers are not blocked) about once a second. The writer
keeps a much higher automatic threshold as a safety net should this thread ever fall behind.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

WRITER_AUTOCHECKPOINT_PAGES = 20_000  # ~80 MB of WAL before the writer would checkpoint itself


class Checkpointer:
    def __init__(self, path: Path, *, interval_s: float = 1.0):
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
        self._interval_s = interval_s
        self._stop = threading.Event()
        self.runs = 0
        self._thread = threading.Thread(target=self._run, name="wal-checkpointer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self._interval_s):
            self.checkpoint()

    def checkpoint(self) -> None:
        try:
            self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self.runs += 1
        except sqlite3.Error as exc:  # busy or I/O trouble: the next round (or the writer's safety net) retries
            log.warning("WAL checkpoint failed: %s", exc)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._conn.close()
