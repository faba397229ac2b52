"""What the sync agent reports: the status bar's snapshot and the notices of events that lost or were refused."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desk_app.domain.hlc import MAX_ADOPT_AHEAD_MS

CLOCK_WARN_MS = 2000
# Following other PCs' stamps up to the bound is by design; beyond it is this PC's own fast past, or another
# PC's stamps this one does not follow.
HLC_AHEAD_WARN_MS = MAX_ADOPT_AHEAD_MS


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
    # How far this PC's hybrid clock runs ahead of the hall's time, when over the bound: its own clock ran
    # fast before it knew its offset, or it followed a fast PC's stamps (only up to MAX_ADOPT_AHEAD_MS).
    hlc_ahead_ms: int = 0
    # The hall's PC whose clock runs furthest ahead beyond that bound (desk-central measured it), as people
    # know it (its window or name), and by how much: its events keep their stamps, this PC does not follow.
    fast_device: str = ""
    fast_device_ahead_ms: int = 0
    fast_device_id: str = ""


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
