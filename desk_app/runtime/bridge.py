"""The message bridge: non-UI code tells the user things and announces changes through these signals."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desk_app.domain.events import Event


class MessageBridge(QObject):
    """Signals are queued across threads, so any thread may emit; only ui/ connects widgets to them."""

    info = Signal(str)
    warning = Signal(str)
    error = Signal(str)
    known_error = Signal(object)  # a KnownError no failure callback took: the UI shows it translated
    crashed = Signal(str)  # our bug: the text is the traceback for the crash dialog and the log
    changed = Signal(str, object)  # (aggregate kind such as "ticket" or "case", list of events)

    def publish_events(self, events: list[Event]) -> None:
        """Emit ``changed`` once per aggregate kind touched by a commit (store commit listener)."""
        by_kind: dict[str, list[Event]] = {}
        for ev in events:
            by_kind.setdefault(ev.aggregate_kind, []).append(ev)
        for kind, evs in by_kind.items():
            self.changed.emit(kind, evs)
