"""Wakes long polls on every desk-central process behind a load balancer: PostgreSQL LISTEN/NOTIFY.

A push's transaction sends ``NOTIFY`` for each hall it numbered events in; PostgreSQL delivers it only
when that transaction commits, so a woken long poll always finds the events. Each process listens on
one connection in a thread of its own. Lost notifications (the listener reconnecting) are covered by
the long poll's periodic re-check. SQLite is one process: the in-process notifier is enough there.
"""
from __future__ import annotations

import asyncio
import logging
import threading
from typing import Callable

from sqlalchemy import text
from sqlalchemy.engine import Connection

CHANNEL = "desk_hall_pushed"
_NOTIFY = text(f"SELECT count(pg_notify('{CHANNEL}', h || ' ' || :sender)) "
               "FROM unnest(CAST(:halls AS text[])) AS h")
log = logging.getLogger(__name__)


def notify_halls(conn: Connection, halls: list[str], sender: str) -> None:
    """Inside the push transaction: tell every process, on commit, that these halls have new events."""
    if conn.dialect.name == "postgresql" and halls:
        conn.execute(_NOTIFY, {"halls": halls, "sender": sender})


class HallListener:
    """A thread that LISTENs and hands each hall woken by another process to ``on_hall`` on the event loop."""

    def __init__(self, dsn: str, sender: str, on_hall: Callable[[str], None], *, reconnect_s: float = 1.0):
        self.dsn, self.sender, self.on_hall, self.reconnect_s = dsn, sender, on_hall, reconnect_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.listening = threading.Event()  # set once LISTEN is in place (tests wait for it)

    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Start listening (again, after ``stop``, on the same loop when none is given)."""
        self._loop = loop or self._loop
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="desk-central-listen", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def _run(self) -> None:
        import psycopg
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.dsn, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    while not self._stop.is_set():
                        for n in conn.notifies(timeout=0.5):
                            hall, _, sender = n.payload.partition(" ")
                            if sender != self.sender:  # our own pushes woke our long polls already
                                self._loop.call_soon_threadsafe(self.on_hall, hall)
            except Exception as exc:  # noqa: BLE001 - the database restarting: listen again shortly
                self.listening.clear()
                if self._stop.is_set():
                    return
                log.warning("LISTEN connection lost (%s); long polls fall back to re-checking", exc)
                self._stop.wait(self.reconnect_s)


__all__ = ["HallListener", "notify_halls", "CHANNEL"]
