"""WAL checkpoints in the pauses between use cases, so none of them pays for copying the log back.

SQLite's automatic checkpoint runs inside the commit that crosses the threshold: one issue-ticket in a
few dozen would wait for a thousand pages to be copied and synced. Here a daemon thread runs a PASSIVE
checkpoint (it never takes the write lock) once the writer has been quiet for a moment, which at a
service window is nearly always: run during a burst of writes its fsync of the database file would
compete with the commits' own. The writer keeps a much higher automatic threshold as the safety net
for a burst that never pauses.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

WRITER_AUTOCHECKPOINT_PAGES = 20_000  # ~80 MB of WAL before the writer would checkpoint itself


class Checkpointer:
    def __init__(self, path: Path, *, idle_s: float = 0.3):
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
        self._idle_s = idle_s
        self._stop = threading.Event()
        self._last_write = 0.0
        self._dirty = False
        self.runs = 0
        self._thread = threading.Thread(target=self._run, name="wal-checkpointer", daemon=True)
        self._thread.start()

    def wrote(self) -> None:
        """The writer committed (called after every write; a plain assignment, no lock)."""
        self._last_write = time.monotonic()
        self._dirty = True

    def _run(self) -> None:
        while not self._stop.wait(self._idle_s / 2):
            if self._dirty and time.monotonic() - self._last_write >= self._idle_s:
                self._dirty = False  # cleared first: a commit during the checkpoint asks for another
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
