"""The thread relay: calls from any thread reach the slot on the UI thread, and stop with the slot's widget."""
from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget

from desk_app.runtime.relay import ThreadRelay


class Receiver(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.got: list[tuple[object, int]] = []

    def _on_value(self, value: object) -> None:
        self.got.append((value, threading.get_ident()))


def test_sent_from_a_device_thread_runs_on_the_ui_thread(qtbot):
    w = Receiver()
    qtbot.addWidget(w)
    relay = ThreadRelay(w._on_value)
    t = threading.Thread(target=relay.send, args=("connected",))
    t.start()
    t.join()
    qtbot.waitUntil(lambda: len(w.got) == 1)
    assert w.got == [("connected", threading.get_ident())]


def test_nothing_reaches_a_destroyed_widget(qtbot):
    w = Receiver()
    relay = ThreadRelay(w._on_value)
    w.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(w))
    t = threading.Thread(target=relay.send, args=("late",))
    t.start()
    t.join()
    relay.send("late, from here")
    qtbot.wait(50)  # a queued call, were one left, would run now
    assert w.got == []
