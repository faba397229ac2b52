"""What the sync agent reports: the status bar's snapshot and the notices of events that lost or were refused."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CLOCK_WARN_MS = 2000
HLC_AHEAD_WARN_MS = 60_000


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows."""
    configured: bool
    online: bool
    last_success_ms: int | None
    pending_events: int
    oldest_pending_age_ms: int | None
    rejected_events: int
    pending_uploads: int
    clock_offset_ms: int | None   # this PC's clock minus the server's
    clock_warning: bool
    last_error: str
    # Set while desk-central refuses the outbox's next push as a whole (the events cannot go until
    # someone acts): the status bar shows it as an error, not as a growing pending count.
    stuck_reason: str = ""
    # How far this PC's hybrid clock runs ahead of the hall's time, when over a minute: it adopted a fast
    # PC's stamps (kept for causality, up to 24 h). Shown, never silent.
    hlc_ahead_ms: int = 0


@dataclass(frozen=True)
class ConflictNotice:
    """An event of this PC that lost (a double call) or that the server refused."""
    event_id: str
    kind: str            # "lost" | "rejected" | "corrupt_blob" (a local scan to be made again)
    aggregate: str
    label: str           # e.g. the ticket number
    reason: str
    window: int | None = None


def label(payload: dict[str, Any], aggregate: str) -> str:
    """What a conflict notice calls the thing: the ticket number when there is one."""
    return str(payload.get("number") or aggregate)[:80]
