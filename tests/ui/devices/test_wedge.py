"""Keyboard-wedge scans are routed to the handler; a person's typing still reaches the focused field."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
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
    wedge.set_handler(lambda code, _into_field: scans.append(code) or True)
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


def _press(widget, ch: str, *, repeat: bool) -> None:
    """A key press and release as X11 reports them; ``repeat``: flagged as auto-repeat."""
    key = Qt.Key(ord(ch.upper()))
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch, repeat))


def test_a_doubled_character_flagged_as_auto_repeat_stays_in_the_scan(qtbot, setup):
    # X11 takes a key pressed again in the millisecond it was released for auto-repeat: "00" in an ID.
    edit, _, clock, _, scans = setup
    for i, ch in enumerate("1101051949123100"):
        clock.t += 0.002
        _press(edit, ch, repeat=i > 0 and ch == "1101051949123100"[i - 1])
    clock.t += 0.002
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert scans == ["1101051949123100"] and edit.text() == ""


def test_a_key_held_down_repeats_into_the_field(qtbot, setup):
    edit, _, clock, _, scans = setup
    _press(edit, "a", repeat=False)
    clock.t += 0.5  # the keyboard's delay before it repeats
    for _ in range(8):
        _press(edit, "a", repeat=True)
        clock.t += 0.033
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: edit.text() == "a" * 9, timeout=2000)
    assert scans == []


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


# ---------------------------------------------------------------------------------------------- real key events
# The tests below use the wedge's real clock and keys paced by a timer, with Shift pressed around capitals as a
# scanner sends them (tests/ui/scanner_keys.py).
from PySide6.QtWidgets import QPushButton  # noqa: E402

from desk_app.ui.devices.scan_router import ScanRouter  # noqa: E402
from tests.ui.scanner_keys import ScannerKeys  # noqa: E402

CASE_NUMBER = "DEMO01-20261202-0-0003"
ID_WITH_X = "11010519491231002X"


@pytest.fixture
def routed(qtbot):
    """A name field, an ID field, a button; a router whose screen takes case numbers and ID numbers."""
    w = QWidget()
    lay = QVBoxLayout(w)
    name, id_field, button = QLineEdit(), QLineEdit(), QPushButton("ok")
    for x in (name, id_field, button):
        lay.addWidget(x)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    router = ScanRouter()
    wedge = KeyboardWedgeFilter(router)
    router.attach_wedge(wedge)
    taken: list = []
    router.register({"case", "resident_id"}, taken.append, owner=w)
    messages: list[str] = []
    router.unhandled.connect(messages.append)
    QApplication.instance().installEventFilter(wedge)
    yield name, id_field, button, taken, messages
    QApplication.instance().removeEventFilter(wedge)


def scan(qtbot, text: str, per_key_ms: int, *, enter: bool = True) -> None:
    keys = ScannerKeys(per_key_ms)
    with qtbot.waitSignal(keys.done, timeout=10000):
        keys.send(text, enter=enter)


@pytest.mark.parametrize("per_key_ms", [3, 5, 10, 30])
def test_case_number_with_shifted_capitals_arrives_whole(qtbot, routed, per_key_ms) -> None:
    name, _, _, taken, messages = routed
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    scan(qtbot, CASE_NUMBER, per_key_ms)
    qtbot.waitUntil(lambda: len(taken) == 1)
    assert taken[0].kind == "case" and taken[0].value == CASE_NUMBER
    assert name.text() == "" and messages == []  # no part of the scan leaked into the focused field


@pytest.mark.parametrize("per_key_ms", [3, 5, 10, 30])
def test_id_number_ending_in_x_never_lands_in_the_name_field(qtbot, routed, per_key_ms) -> None:
    name, _, _, taken, _ = routed
    name.setText("张三")
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    scan(qtbot, ID_WITH_X, per_key_ms)
    qtbot.waitUntil(lambda: len(taken) == 1)
    assert taken[0].kind == "resident_id" and taken[0].value == ID_WITH_X
    assert name.text() == "张三"


@pytest.mark.parametrize("per_key_ms", [5, 30])
def test_code_no_screen_takes_goes_whole_into_the_focused_field(qtbot, routed, per_key_ms) -> None:
    _, id_field, _, taken, messages = routed
    id_field.setFocus()
    qtbot.waitUntil(id_field.hasFocus)
    with qtbot.waitSignal(id_field.returnPressed, timeout=5000):  # the scanner's Enter comes along
        scan(qtbot, "EMS1234567890CN", per_key_ms)
    assert id_field.text() == "EMS1234567890CN" and taken == [] and messages == []


def test_unknown_code_with_no_text_field_gets_a_chinese_message(qtbot, routed) -> None:
    name, id_field, button, taken, messages = routed
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    scan(qtbot, "QWERTY123", 5)
    qtbot.waitUntil(lambda: len(messages) == 1)
    assert "无法识别的条码" in messages[0] and "QWERTY123" in messages[0] and "请先点一下那一栏" in messages[0]
    assert taken == [] and name.text() == id_field.text() == ""


def test_misread_id_is_explained_even_in_a_text_field(qtbot, routed) -> None:
    _, id_field, _, taken, messages = routed
    id_field.setFocus()
    qtbot.waitUntil(id_field.hasFocus)
    scan(qtbot, "110101199003074478", 5)  # wrong check digit
    qtbot.waitUntil(lambda: len(messages) == 1)
    assert "校验" in messages[0] and taken == []
    assert id_field.text() == "110101199003074478"  # kept where it was scanned: nothing is lost


def test_a_person_typing_capitals_reaches_the_field_key_by_key(qtbot, routed) -> None:
    name, _, _, taken, _ = routed
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    scan(qtbot, "Wang Wu", 150, enter=False)
    qtbot.waitUntil(lambda: name.text() == "Wang Wu")
    assert taken == []
