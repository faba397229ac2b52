"""Types text into the focused widget as a keyboard-wedge scanner does: Shift + key for capitals, paced by a timer."""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

SHIFTED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ~!@#$%^&*()_+{}|:\"<>?")


class ScannerKeys(QObject):
    """``ScannerKeys(per_key_ms).send("DEMO01-…")`` then ``qtbot.waitSignal(keys.done)``.

    Each character goes to whatever widget has the focus at that moment (as from a real keyboard), with a
    Shift press and release around shifted characters; ``enter=True`` ends with Return. The timer paces the
    keys, so the event loop turns between them as in the program, and each event carries the time stamp the
    system gives a key from a device typing at ``per_key_ms`` (a busy test machine delays the delivery, as a
    busy PC would, but not the scanner's own timing).
    """

    done = Signal()

    def __init__(self, per_key_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self._queue: list[str] = []
        self._enter = True
        self._per_key_ms = per_key_ms
        self._stamp = 0
        self._timer = QTimer(self)
        self._timer.setInterval(per_key_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def send(self, text: str, *, enter: bool = True) -> None:
        self._queue = list(text)
        self._enter = enter
        self._stamp = int(time.monotonic() * 1000)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        target = QApplication.focusWidget()
        self._stamp += self._per_key_ms
        if not self._queue:
            self._timer.stop()
            if self._enter and target is not None:
                self._click(target, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            self.done.emit()
            return
        ch = self._queue.pop(0)
        if target is None:
            return
        if ch in SHIFTED:
            shift = Qt.KeyboardModifier.ShiftModifier
            self._send(target, QEvent.Type.KeyPress, Qt.Key.Key_Shift, shift, "")
            self._click(target, _key_of(ch), shift, ch)
            self._send(target, QEvent.Type.KeyRelease, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier, "")
        else:
            self._click(target, _key_of(ch), Qt.KeyboardModifier.NoModifier, ch)

    def _click(self, target, key, mods, text: str) -> None:
        self._send(target, QEvent.Type.KeyPress, key, mods, text)
        self._send(target, QEvent.Type.KeyRelease, key, mods, text)

    def _send(self, target, kind, key, mods, text: str) -> None:
        ev = QKeyEvent(kind, key, mods, text)
        ev.setTimestamp(self._stamp)
        QApplication.sendEvent(target, ev)


def _key_of(ch: str) -> int:
    """Qt's key code for a printable ASCII character (letters by their capital, as Qt does)."""
    return ord(ch.upper()) if ch.isalpha() else (Qt.Key.Key_Space if ch == " " else ord(ch))
