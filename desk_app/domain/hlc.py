"""Hybrid logical clock: per-device timestamps that never go backwards, even across clock steps and restarts.

A timestamp is (wall milliseconds, logical counter, device). Its string form sorts in the
same order as the tuple, so the database can order events by a plain text column.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

_COUNTER_MAX = 0xFFFF


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
        """Merge a timestamp received from another device, so later local events sort after it."""
        physical = self._now_ms()
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
