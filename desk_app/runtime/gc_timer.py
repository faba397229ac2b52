"""Garbage collection only on the UI thread: a cycle holding a Qt wrapper freed on a worker thread crashes Qt."""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

_INTERVAL_MS = 1000


class UiThreadGarbageCollector(QObject):
    """Turns automatic collection off and collects from a timer on the thread that owns this object.

    Young generations are cheap to collect every second; full collections run when they grow.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self, interval=_INTERVAL_MS, timeout=self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        gen0, gen1, gen2 = gc.get_threshold()
        count0, count1, count2 = gc.get_count()
        if count0 > gen0:
            gc.collect(0)
            if count1 > gen1:
                gc.collect(1)
                if count2 > gen2:
                    gc.collect(2)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
