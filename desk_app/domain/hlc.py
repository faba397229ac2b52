"""Hybrid logical clock: per-device timestamps that never go backwards, even across clock steps and restarts.

A timestamp is (wall milliseconds, logical counter, device). Its string form sorts in the
same order as the tuple, so the database can order events by a plain text column.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

_COUNTER_MAX = 0xFFFF
# How far ahead of "now" a timestamp may be. desk-central refuses events beyond its own now plus this,
# and a PC never adopts a remote clock beyond its own now plus this: one event stamped in the year
# 33658 would otherwise drag every clock of the hall past what the server accepts. A day leaves room
# for a badly set PC (it is flagged) while keeping such a stamp out.
MAX_CLOCK_SKEW_MS = 24 * 3600 * 1000
# How far a PC's own clock follows a remote stamp beyond its (server-corrected) now. A fast PC's events
# are still applied and ordered by their stamps, but the receiving PC does not run hours ahead with them
# (its later events would otherwise carry the fast PC's time): it advances by the logical counter instead.
# An event on an aggregate that already holds a later stamp goes after it (see ``after``), so the fold
# of that aggregate keeps its causal order.
MAX_ADOPT_AHEAD_MS = 5 * 60 * 1000


@dataclass(frozen=True, order=True)
class Timestamp:
    wall_ms: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.wall_ms:015d}.{self.counter:05d}.{self.device}"

    @classmethod
    def decode(cls, text: str) -> "Timestamp":
        wall, counter, device = text.split(".", 2)
        return cls(int(wall), int(counter), device)


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridLogicalClock:
    """One device's clock. ``last`` is restored from storage at start so order survives restarts."""

    def __init__(self, device: str, last: Timestamp | None = None,
                 now_ms: Callable[[], int] = wall_clock_ms):
        self.device = device
        self._now_ms = now_ms
        self._wall = last.wall_ms if last else 0
        self._counter = last.counter if last else 0

    @property
    def last(self) -> Timestamp:
        return Timestamp(self._wall, self._counter, self.device)

    def tick(self) -> Timestamp:
        """A timestamp for a local event, greater than every one this clock has produced or seen."""
        physical = self._now_ms()
        if physical > self._wall:
            self._wall, self._counter = physical, 0
        else:
            self._bump()
        return self.last

    def observe(self, remote: Timestamp) -> Timestamp:
        """Merge a timestamp received from another device, so later local events sort after it.

        A remote clock more than MAX_ADOPT_AHEAD_MS ahead is adopted only up to that bound (see there).
        """
        physical = self._now_ms()
        remote = bounded(remote, physical, MAX_ADOPT_AHEAD_MS)
        wall = max(physical, self._wall, remote.wall_ms)
        if wall == self._wall == remote.wall_ms:
            counter = max(self._counter, remote.counter) + 1
        elif wall == self._wall:
            counter = self._counter + 1
        elif wall == remote.wall_ms:
            counter = remote.counter + 1
        else:
            counter = 0
        self._wall, self._counter = wall, counter
        if self._counter > _COUNTER_MAX:
            self._wall, self._counter = self._wall + 1, 0
        return self.last

    def _bump(self) -> None:
        self._counter += 1
        if self._counter > _COUNTER_MAX:
            # Borrow a millisecond rather than overflow the fixed-width encoding.
            self._wall, self._counter = self._wall + 1, 0


def bounded(ts: Timestamp, now_ms: int, ahead_ms: int = MAX_CLOCK_SKEW_MS) -> Timestamp:
    """``ts``, or the latest timestamp allowed at ``now_ms`` when ``ts`` is more than ``ahead_ms`` ahead."""
    limit = now_ms + ahead_ms
    if ts.wall_ms <= limit:
        return ts
    return Timestamp(limit, 0, ts.device)


def after(ts: Timestamp, device: str) -> Timestamp:
    """The first timestamp of ``device`` that sorts after ``ts`` (same millisecond, next counter)."""
    if ts.counter >= _COUNTER_MAX:
        return Timestamp(ts.wall_ms + 1, 0, device)
    return Timestamp(ts.wall_ms, ts.counter + 1, device)


def too_far_ahead(ts: Timestamp, now_ms: int) -> bool:
    return ts.wall_ms > now_ms + MAX_CLOCK_SKEW_MS
