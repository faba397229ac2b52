"""Types text into the focused widget as a keyboard-wedge scanner does: Shift + key for capitals, paced by a timer."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

SHIFTED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ~!@#$%^&*()_+{}|:\"<>?")


class ScannerKeys(QObject):
    """``ScannerKeys(per_key_ms).send("DEMO01-…")`` then ``qtbot.waitSignal(keys.done)``.

    Each character goes to whatever widget has the focus at that moment (as from a real keyboard), with a
    Shift press and release around shifted characters; ``enter=True`` ends with Return. The timer paces the
    keys the way the scanner's firmware does, so the event loop turns between them as in the program.
    """

    done = Signal()

    def __init__(self, per_key_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self._queue: list[str] = []
        self._enter = True
        self._timer = QTimer(self)
        self._timer.setInterval(per_key_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    def send(self, text: str, *, enter: bool = True) -> None:
        self._queue = list(text)
        self._enter = enter
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        target = QApplication.focusWidget()
        if not self._queue:
            self._timer.stop()
            if self._enter and target is not None:
                QTest.keyClick(target, Qt.Key.Key_Return)
            self.done.emit()
            return
        ch = self._queue.pop(0)
        if target is None:
            return
        if ch in SHIFTED:
            QTest.keyPress(target, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)
            QTest.keyClick(target, ch, Qt.KeyboardModifier.ShiftModifier)
            QTest.keyRelease(target, Qt.Key.Key_Shift)
        else:
            QTest.keyClick(target, ch)
