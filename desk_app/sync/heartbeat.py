"""The PC's heartbeat event, sent by the sync agent while desk-central answers it (at most one a minute)."""
from __future__ import annotations

import socket

from desk_app.domain import overview as ov
from desk_app.store.database import Store


class Heartbeat:
    """Tells the hall's other PCs that this one is online, and how far its clock is off desk-central's."""

    def __init__(self, store: Store, label: str | None = None):
        self.store = store
        self.label = (label if label is not None else socket.gethostname())[:60]
        self._last_ms: int | None = None

    def beat(self, *, answered_lately: bool, clock_offset_ms: int | None) -> bool:
        """Emit a heartbeat if one is due (``answered_lately``: desk-central answered within the minute)."""
        now = self.store.now_ms()
        if not ov.heartbeat_due(now, self._last_ms, answered_lately):
            return False
        with self.store.write() as uow:  # the program's own event (actor ""), pushed like any other
            uow.emit(ov.PC_HEARTBEAT, ov.heartbeat_aggregate(self.store.device_id, now),
                     {"at_ms": now, "clock_offset_ms": clock_offset_ms, "label": self.label})
        self._last_ms = now
        return True
