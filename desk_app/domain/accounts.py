"""Account events: sign-in, failures and lockout (counted per PC), sign-out, screen lock, password changes."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from desk_app.domain.events import Event, register

# Aggregate "signin:<device>:<username>": the failures are counted per PC, and the events reach
# desk-central like any other, so the centre sees every failed attempt and lockout.
SIGNED_IN = register("signin.succeeded", "signin").name
SIGN_IN_FAILED = register("signin.failed", "signin").name
LOCKED_OUT = register("signin.locked_out", "signin").name
# Aggregate "session:<device>": audit-only (no projection).
SIGNED_OUT = register("session.signed_out", "session").name
SCREEN_LOCKED = register("session.locked", "session").name
SCREEN_UNLOCKED = register("session.unlocked", "session").name
# Aggregate "user:<username>": a password set by its owner reaches every PC and desk-central.
PASSWORD_CHANGED = register("user.password_changed", "user").name

MAX_FAILURES = 5
LOCK_MINUTES = 15


def signin_aggregate(device: str, username: str) -> str:
    """The aggregate of a user's attempts on a PC; a long typed name is hashed so the aggregate stays within
    the 80 characters the protocol allows (an over-long one would make desk-central refuse the whole push)."""
    if len(username) > 36:
        username = "#" + hashlib.sha256(username.encode()).hexdigest()[:32]
    return f"signin:{device}:{username}"


@dataclass(frozen=True)
class Attempts:
    """Consecutive failed sign-ins on one PC since the last success, and the lock they caused."""
    failures: int = 0
    locked_until_ms: int = 0

    def locked(self, now_ms: int) -> bool:
        return now_ms < self.locked_until_ms

    def minutes_left(self, now_ms: int) -> int:
        return max(1, -(-(self.locked_until_ms - now_ms) // 60_000))


def next_failure(prev: Attempts, now_ms: int, *, max_failures: int = MAX_FAILURES,
                 lock_minutes: int = LOCK_MINUTES) -> Attempts:
    """The attempts after one more failure: a lock that ran out starts the count again."""
    failures = 0 if prev.locked_until_ms and now_ms >= prev.locked_until_ms else prev.failures
    failures += 1
    until = now_ms + lock_minutes * 60_000 if failures >= max_failures else 0
    return Attempts(failures, until)


def fold_attempts(events: list[Event]) -> Attempts:
    """Deterministic: each event carries the count and the lock the PC computed when it happened."""
    state = Attempts()
    for ev in events:
        if ev.type == SIGNED_IN:
            state = Attempts()
        elif ev.type in (SIGN_IN_FAILED, LOCKED_OUT):
            state = Attempts(int(ev.payload.get("failures", 0)), int(ev.payload.get("locked_until_ms", 0)))
    return state


def attempt_row(aggregate_id: str, events: list[Event]) -> dict[str, Any] | None:
    if not events:
        return None
    device = aggregate_id.partition(":")[0]
    username = str(events[-1].payload.get("username", ""))[:40]
    a = fold_attempts(events)
    return dict(id=aggregate_id, device=device, username=username, failures=a.failures,
                locked_until_ms=a.locked_until_ms, last_type=events[-1].type,
                last_at_ms=int(events[-1].payload.get("at_ms", 0)))
