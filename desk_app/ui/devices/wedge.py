"""Keyboard-wedge scanner fallback: tells a scan from typing by inter-key timing and routes it to a handler.

A wedge scanner types its code as key presses followed by Enter, far faster than a person (a few ms
between keys). An application-level event filter holds printable key presses for a moment: if they keep
coming fast and end with Enter, the code goes to the scan handler instead of the focused field; otherwise
the held keys are replayed, in order, to the widget they were meant for (a person's first key is delayed
by at most ``flush_after_ms``). The clock is injectable because Qt's key-event timestamps are 0 in tests.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class _HeldKey:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class KeyboardWedgeFilter(QObject):
    """Install on the QApplication: ``app.installEventFilter(wedge)``."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic,
                 max_gap_s: float = 0.035, min_length: int = 6, flush_after_ms: int = 50):
        super().__init__(parent)
        self._clock = clock
        self.max_gap_s = max_gap_s
        self.min_length = min_length
        self._held: list[_HeldKey] = []
        self._last_at = 0.0
        self._replaying = False
        self._handler: Callable[[str], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(flush_after_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.enabled = True

    def set_handler(self, fn: Callable[[str], None] | None) -> None:
        """Where scans go (besides the ``scanned`` signal); with no handler and no listener, keys pass through."""
        self._handler = fn

    def _routing(self) -> bool:
        return self._handler is not None or self.isSignalConnected(self.metaObject().method(
            self.metaObject().indexOfSignal("scanned(QString)")))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (self._replaying or not self.enabled or event.type() != QEvent.Type.KeyPress
                or not isinstance(obj, QWidget)):
            return False
        ev: QKeyEvent = event  # type: ignore[assignment]
        if not self._routing():
            return False
        now = self._clock()
        text = ev.text()
        mods = ev.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if ev.key() in TERMINATORS:
            if (len(self._held) >= self.min_length and now - self._last_at <= self.max_gap_s * 2):
                code = "".join(k.text for k in self._held)
                self._held.clear()
                self._timer.stop()
                self._deliver(code)
                return True
            self._flush()
            return False
        if text and text.isprintable() and not mods and not ev.isAutoRepeat():
            if self._held and now - self._last_at > self.max_gap_s:
                self._flush()  # a pause: what was held was typed by a person
            self._held.append(_HeldKey(obj, ev.key(), ev.modifiers(), text))
            self._last_at = now
            self._timer.start()
            return True
        self._flush()  # any other key (Backspace, arrows, shortcuts) ends a burst
        return False

    def _deliver(self, code: str) -> None:
        self.scanned.emit(code)
        if self._handler is not None:
            self._handler(code)

    def _on_timer_timeout(self) -> None:
        self._flush()

    def _flush(self) -> None:
        """Hand held keys to the widgets they were typed into, in order."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for k in held:
                if shiboken6.isValid(k.target):
                    QCoreApplication.sendEvent(k.target, QKeyEvent(QEvent.Type.KeyPress, k.key, k.modifiers, k.text))
                    QCoreApplication.sendEvent(k.target, QKeyEvent(QEvent.Type.KeyRelease, k.key, k.modifiers, k.text))
        finally:
            self._replaying = False
