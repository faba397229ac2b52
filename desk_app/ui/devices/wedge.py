"""Keyboard-wedge scanner fallback: tells a scan from typing by inter-key timing and routes it to a handler.

A wedge scanner types its code as key presses followed by Enter, far faster than a person (a few ms
between keys). An application-level event filter holds printable key presses for a moment: if they keep
coming fast and end with Enter, the code goes to the scan handler instead of the focused field; otherwise
the held keys are replayed, in order, to the widget they were meant for (a person's first key is delayed
by at most ``flush_after_ms``).

A scanner types capitals and symbols as Shift + key, like a keyboard: a lone modifier press is part of
the burst, never its end. A code no screen takes goes, whole and followed by its Enter, into the text field
where the scan began (a tracking number into 运单号); with no text field there, the handler says why it was
not used. Key-event timestamps (the X server's or Windows' time of the key) measure the gaps when the
platform gives them, so a busy UI thread does not split a scan; Qt's test events carry none, and the
injectable clock measures those.
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
TERMINATOR_TEXTS = ("\r", "\n")  # scanners set to end with CR or LF (X11 gives LF as its own key, 0x0a)
# Pressed on their own by a scanner between characters (Shift for capitals, X and '-' on some layouts).
MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr,
                           Qt.Key.Key_Meta, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock})

# handler(code, into_text_field) -> True when a screen took the scan. ``into_text_field``: the scan began in
# a widget that takes typed text, and the code will be typed into it if no screen takes it.
ScanHandler = Callable[[str, bool], bool]


@dataclass
class _HeldKey:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


def takes_text(widget: QWidget | None) -> bool:
    """Whether typed characters would land in ``widget`` (an editable line, text box, spin box or combo box)."""
    return (widget is not None and shiboken6.isValid(widget)
            and widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled))


class KeyboardWedgeFilter(QObject):
    """Install on the QApplication: ``app.installEventFilter(wedge)``."""

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, clock: Callable[[], float] = time.monotonic,
                 max_gap_s: float = 0.055, min_length: int = 6, flush_after_ms: int = 60):
        super().__init__(parent)
        self._clock = clock
        # 30 ms a key (a slow scanner) plus a UI thread's jitter must pass; a person rarely keeps six keys
        # under 55 ms apart, and when one does the keys still reach the field (see ``_on_terminator``).
        self.max_gap_s = max_gap_s
        self.min_length = min_length
        self._held: list[_HeldKey] = []
        self._keys_seen = 0  # held keys so far: a late flush checks that none came in between
        self._last_at = 0.0
        self._replaying = False
        self._handler: ScanHandler | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(flush_after_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.enabled = True

    def set_handler(self, fn: ScanHandler | None) -> None:
        """Where scans go (besides the ``scanned`` signal); with no handler and no listener, keys pass through."""
        self._handler = fn

    def _routing(self) -> bool:
        return self._handler is not None or self.isSignalConnected(self.metaObject().method(
            self.metaObject().indexOfSignal("scanned(QString)")))

    def _time_of(self, ev: QKeyEvent) -> float:
        stamp = ev.timestamp()
        return stamp / 1000.0 if stamp else self._clock()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (self._replaying or not self.enabled or event.type() != QEvent.Type.KeyPress
                or not isinstance(obj, QWidget)):
            return False
        ev: QKeyEvent = event  # type: ignore[assignment]
        if not self._routing():
            return False
        if ev.key() in MODIFIER_KEYS:
            return False  # Shift before a capital: the burst goes on
        now = self._time_of(ev)
        text = ev.text()
        mods = ev.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if ev.key() in TERMINATORS or (text and text in TERMINATOR_TEXTS):
            return self._on_terminator(now)
        # X11 flags a key pressed again within the same millisecond as it was released as auto-repeat (the
        # second 0 of "00" from a fast scanner): inside a fast burst it is a key of the scan. A key a person
        # holds down repeats only after a long first pause, which ends any burst, so its repeats pass through.
        repeat_in_burst = ev.isAutoRepeat() and self._held and now - self._last_at <= self.max_gap_s
        if text and text.isprintable() and not mods and (not ev.isAutoRepeat() or repeat_in_burst):
            if self._held and now - self._last_at > self.max_gap_s:
                self._flush()  # a pause: what was held was typed by a person
            self._held.append(_HeldKey(obj, ev.key(), ev.modifiers(), text))
            self._keys_seen += 1
            self._last_at = now
            self._timer.start()
            return True
        self._flush()  # any other key (Backspace, arrows, shortcuts) ends a burst
        return False

    def _on_terminator(self, now: float) -> bool:
        """Enter: a fast burst long enough is a scan. True swallows the Enter."""
        if len(self._held) < self.min_length or now - self._last_at > self.max_gap_s * 2:
            self._flush()
            return False
        held, self._held = self._held, []
        self._timer.stop()
        code = "".join(k.text for k in held)
        target = held[0].target  # where the scan began: one field gets all of it, or none does
        into_field = takes_text(target)
        if self._deliver(code, into_field):
            return True
        if into_field:
            # Typed into its field and ended with Return (whatever the scanner's suffix), as from a keyboard.
            enter = _HeldKey(target, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
            self._replay([_HeldKey(target, k.key, k.modifiers, k.text) for k in held] + [enter])
        return True  # the scanner's own Enter is spent: replayed above, or the handler said why it was unused

    def _deliver(self, code: str, into_field: bool) -> bool:
        self.scanned.emit(code)
        if self._handler is None:
            return True
        return bool(self._handler(code, into_field))

    def _on_timer_timeout(self) -> None:
        # One more turn of the event loop first: keys the system has queued meanwhile (a busy UI thread)
        # are read before the burst is given up, and a key among them keeps the scan whole.
        seen = self._keys_seen
        QTimer.singleShot(0, self, lambda: self._flush() if self._keys_seen == seen else None)

    def _flush(self) -> None:
        """Hand held keys to the widgets they were typed into, in order."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replay(held)

    def _replay(self, keys: list[_HeldKey]) -> None:
        self._replaying = True
        try:
            for k in keys:
                if shiboken6.isValid(k.target):
                    QCoreApplication.sendEvent(k.target, QKeyEvent(QEvent.Type.KeyPress, k.key, k.modifiers, k.text))
                    QCoreApplication.sendEvent(k.target, QKeyEvent(QEvent.Type.KeyRelease, k.key, k.modifiers, k.text))
        finally:
            self._replaying = False
