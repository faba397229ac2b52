"""Named locks that make a booking's check and its recorded event one step, in this process and across processes."""
from __future__ import annotations

import asyncio
import hashlib
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator

from anyio import to_thread
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from desk_app.domain.errors import ConflictError
from desk_app.server import core

WAIT_S = 10.0  # a booking waits this long for another process's booking of the same day, then is told to retry
_LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL: lock_timeout ran out


def lock_key(name: str) -> int:
    """The 64-bit advisory lock key of ``name`` (a collision of two names only makes them wait for each other)."""
    return int.from_bytes(hashlib.sha256(f"desk-booking:{name}".encode()).digest()[:8], "big", signed=True)


class BookingLocks:
    """Holds named locks for the length of a booking: an asyncio lock per name in this process (so one thread
    at most waits on PostgreSQL per name) and, on PostgreSQL, a transaction-scoped advisory lock per name on a
    connection of its own, released by rolling that transaction back once the booking's event is committed.

    Names are always taken in sorted order, so two bookings wanting the same names never wait on each other
    crosswise. On SQLite (one desk-central process) the asyncio locks are all there is."""

    def __init__(self, db: core.ServerDB, wait_s: float = WAIT_S):
        self.db, self.wait_s = db, wait_s
        self._local: dict[str, list[Any]] = {}  # name -> [lock, users]; dropped when its last user leaves

    @asynccontextmanager
    async def hold(self, *names: str) -> AsyncIterator[None]:
        ordered = sorted(set(names))
        taken: list[asyncio.Lock] = []
        for name in ordered:
            self._local.setdefault(name, [asyncio.Lock(), 0])[1] += 1
        try:
            for name in ordered:
                lock = self._local[name][0]
                await lock.acquire()
                taken.append(lock)
            conn = None if self.db.is_sqlite else await to_thread.run_sync(self._lock_pg, ordered)
            try:
                yield
            finally:
                if conn is not None:
                    await to_thread.run_sync(_release, conn)
        finally:
            for lock in reversed(taken):
                lock.release()
            for name in ordered:
                entry = self._local[name]
                entry[1] -= 1
                if entry[1] == 0:
                    del self._local[name]

    def _lock_pg(self, names: list[str]) -> Any:
        conn = self.db.engine.connect()
        try:
            conn.execute(text(f"SET LOCAL lock_timeout = '{int(self.wait_s * 1000)}ms'"))
            for name in names:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(name)})
            return conn
        except OperationalError as exc:
            _release(conn)
            if getattr(exc.orig, "sqlstate", None) == _LOCK_NOT_AVAILABLE:
                raise ConflictError("同一天的另一笔预约正在处理，请稍后重试。", field="appointment") from exc
            raise
        except BaseException:
            _release(conn)
            raise


def _release(conn: Any) -> None:
    try:
        conn.rollback()  # ends the transaction: its advisory locks go with it
    finally:
        conn.close()
