"""A callable that device and worker threads may call to reach a UI-thread slot whose widget may be gone."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Signal


class ThreadRelay(QObject):
    """``relay = ThreadRelay(widget._on_x)``; hand ``relay.send`` to thread-side code (e.g. a device listener).

    The thread then holds only this small parentless object, never the widget: it may call while the widget is
    being destroyed (Qt drops the queued call, the bound slot's connection ends with the widget), and it can
    never drop the last reference to the widget, which would delete the widget on that thread.
    """

    received = Signal(object)

    def __init__(self, slot: Callable[[Any], None]) -> None:
        super().__init__()
        self.received.connect(slot)  # queued when sent from another thread: the slot runs on the UI thread

    def send(self, value: Any) -> None:
        self.received.emit(value)
