"""Keyboard-wedge scans are routed to the handler; a person's typing still reaches the focused field."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from desk_app.ui.devices.wedge import KeyboardWedgeFilter


class FakeClock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def setup(qtbot):
    w = QWidget()
    lay = QVBoxLayout(w)
    edit, other = QLineEdit(), QLineEdit()
    lay.addWidget(edit)
    lay.addWidget(other)
    qtbot.addWidget(w)
    w.show()
    edit.setFocus()
    clock = FakeClock()
    wedge = KeyboardWedgeFilter(clock=clock)
    scans: list[str] = []
    wedge.set_handler(scans.append)
    QApplication.instance().installEventFilter(wedge)
    yield edit, other, clock, wedge, scans
    QApplication.instance().removeEventFilter(wedge)


def type_keys(qtbot, widget, text, clock, gap):
    for ch in text:
        clock.t += gap
        qtbot.keyClick(widget, ch)


def test_fast_burst_with_enter_is_a_scan(qtbot, setup):
    edit, _, clock, _, scans = setup
    type_keys(qtbot, edit, "YY20261123", clock, 0.004)
    clock.t += 0.004
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert scans == ["YY20261123"]
    assert edit.text() == ""


def test_human_typing_reaches_the_field(qtbot, setup):
    edit, _, clock, _, scans = setup
    type_keys(qtbot, edit, "zhang san", clock, 0.15)
    qtbot.waitUntil(lambda: edit.text() == "zhang san", timeout=2000)
    assert scans == []


def test_fast_but_short_burst_is_typing(qtbot, setup):
    edit, _, clock, _, scans = setup
    type_keys(qtbot, edit, "ab", clock, 0.004)
    clock.t += 0.004
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.text() == "ab" and scans == []


def test_typing_then_scan_keeps_both_apart(qtbot, setup):
    edit, _, clock, _, scans = setup
    type_keys(qtbot, edit, "12", clock, 0.2)
    clock.t += 0.5  # the clerk picks up the scanner
    type_keys(qtbot, edit, "ZWFW01-20261123-2-0042", clock, 0.003)
    clock.t += 0.003
    qtbot.keyClick(edit, Qt.Key.Key_Enter)
    assert scans == ["ZWFW01-20261123-2-0042"]
    qtbot.waitUntil(lambda: edit.text() == "12", timeout=2000)


def test_backspace_flushes_held_keys_in_order(qtbot, setup):
    edit, _, clock, _, scans = setup
    type_keys(qtbot, edit, "abc", clock, 0.01)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == "ab" and scans == []


def test_without_a_handler_keys_pass_through(qtbot, setup):
    edit, _, clock, wedge, scans = setup
    wedge.set_handler(None)
    type_keys(qtbot, edit, "YY20261123", clock, 0.004)
    assert edit.text() == "YY20261123"
