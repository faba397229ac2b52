"""A whole case at window 1 of the demo hall with the keyboard only: from F1 (call) to the acceptance and its
documents. Every key goes to the widget that has the focus, as from the clerk's keyboard (through the demo's
keyboard-wedge filter); the sequence is KEYS below and in the README's keyboard section."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desk_app.demo import DemoHall
from desk_app.domain import intake as d

ITEM_QUERY = "sp"  # 食品经营许可（新办）: a promised item, 6 materials
NAME, RESIDENT_ID, PHONE = "张三", "11010519491231002X", "13800138000"


@pytest.fixture
def hall(qapp, tmp_path):
    h = DemoHall(qapp, tmp_path / "demo")
    h.windows.show()
    h.windows.main.activateWindow()
    yield h
    h.close()


def _focus():
    w = QApplication.focusWidget()
    assert w is not None, "nothing has the keyboard"
    return w


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(_focus(), text)


def type_chinese(text: str) -> None:
    """What an input method hands the focused field when the clerk picks the characters."""
    ev = QInputMethodEvent()
    ev.setCommitString(text)
    QApplication.sendEvent(_focus(), ev)


def _issue_ticket(qtbot, hall) -> str:
    desk = hall.windows.guide
    qtbot.waitUntil(lambda: "A" in desk.category_buttons(), timeout=5000)
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as issued:
        desk.category_buttons()["A"].click()
    return issued.args[1]


def _issue_ticket_and_focus_the_navigation(qtbot, hall):
    """A ticket issued at the guide desk, then the keyboard in the navigation list on 导办台: (windows, its
    number, the list)."""
    w = hall.windows
    number = _issue_ticket(qtbot, hall)
    nav = w.main.nav
    nav.setCurrentRow(0)
    nav.setFocus()
    return w, number, nav


def test_f1_right_after_clicking_the_window_in_the_navigation(qtbot, hall) -> None:
    w = hall.windows
    number = _issue_ticket(qtbot, hall)
    nav = w.main.nav
    row = next(i for i in range(nav.count()) if nav.item(i).text() == "1号窗口")
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(row)).center())
    assert w.main.stack.currentWidget() is w.window1
    panel = w.window1.panel
    qtbot.waitUntil(lambda: panel.waiting.count() >= 1, timeout=5000)
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: panel.number_label.text() == number, timeout=3000)


def test_f1_with_the_focus_left_in_the_navigation_list(qtbot, hall) -> None:
    w, number, nav = _issue_ticket_and_focus_the_navigation(qtbot, hall)
    press(qtbot, Qt.Key.Key_Down)  # 导办台 -> 1号窗口, the keyboard stays in the list
    assert w.main.stack.currentWidget() is w.window1 and nav.hasFocus()
    qtbot.waitUntil(lambda: w.window1.panel.waiting.count() >= 1, timeout=5000)
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: w.window1.panel.number_label.text() == number, timeout=3000)


def test_whole_case_from_f1_to_acceptance_by_keyboard(qtbot, hall) -> None:
    w, number, nav = _issue_ticket_and_focus_the_navigation(qtbot, hall)
    ws, panel, intake = w.window1, w.window1.panel, w.window1.intake
    press(qtbot, Qt.Key.Key_Down)                     # 1号窗口
    qtbot.waitUntil(lambda: panel.waiting.count() >= 1, timeout=5000)
    press(qtbot, Qt.Key.Key_F1)                       # call
    qtbot.waitUntil(lambda: panel.number_label.text() == number, timeout=3000)
    press(qtbot, Qt.Key.Key_F7)                       # start service: the intake form takes the keyboard
    qtbot.waitUntil(lambda: ws.pages.currentWidget() is intake and intake.case is not None, timeout=5000)
    assert intake.item_search.hasFocus()
    type_text(qtbot, ITEM_QUERY)                      # item search
    qtbot.waitUntil(lambda: intake.item_results.count() >= 1, timeout=5000)
    press(qtbot, Qt.Key.Key_Return)                   # take the highlighted item
    qtbot.waitUntil(lambda: len(intake.case.items) == 1 and intake.table.rowCount() == 6, timeout=5000)
    qtbot.waitUntil(lambda: intake.item_search.text() == "", timeout=2000)
    press(qtbot, Qt.Key.Key_Return)                   # Enter on the empty search: on to the applicant
    qtbot.waitUntil(intake.name.hasFocus, timeout=2000)
    type_chinese(NAME)
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(intake.resident_id.hasFocus, timeout=2000)
    type_text(qtbot, RESIDENT_ID)
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(intake.phone.hasFocus, timeout=2000)
    type_text(qtbot, PHONE)
    press(qtbot, Qt.Key.Key_Return)                   # saves the applicant; the checklist takes the keyboard
    qtbot.waitUntil(lambda: intake.case.applicant.get("resident_id") == RESIDENT_ID, timeout=5000)
    qtbot.waitUntil(intake.table.hasFocus, timeout=3000)
    assert intake.case.applicant["name"] == NAME and intake.table.currentRow() == 0
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Space)                # 已收, next row
    qtbot.waitUntil(lambda: not intake.case.by_status(d.PENDING), timeout=8000)
    with qtbot.waitSignal(intake.documents_issued, timeout=10000) as issued:
        press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # 受理
    assert intake.case.status == d.ACCEPTED
    assert {doc.kind for doc in issued.args[0]} >= {"acceptance-notice", "materials-receipt"}
    assert intake.follow_box.isVisible() and intake.documents_list.count() >= 2
    from desk_app.ui.printing.preview import PrintPreviewDialog
    from desk_app.ui.printing.reprint_screen import ReprintDialog

    def shown(kind):
        return next((t for t in QApplication.topLevelWidgets() if isinstance(t, kind) and t.isVisible()), None)
    qtbot.waitUntil(lambda: shown(PrintPreviewDialog) is not None, timeout=5000)
    preview = shown(PrintPreviewDialog)
    press(qtbot, Qt.Key.Key_Return)  # 全部打印, the preview's default button
    qtbot.waitUntil(lambda: all(preview.state(doc) for doc in preview.docs), timeout=5000)
    press(qtbot, Qt.Key.Key_Escape)  # the preview closes; the clerk's window has the keyboard again
    qtbot.waitUntil(lambda: shown(PrintPreviewDialog) is None and QApplication.activeWindow() is w.main
                    and QApplication.focusWidget() is not None, timeout=3000)
    press(qtbot, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # 补打文书, for the case on screen
    qtbot.waitUntil(lambda: shown(ReprintDialog) is not None, timeout=3000)
    dlg = shown(ReprintDialog)
    assert dlg.number.text() == intake.case.case_number
    qtbot.waitUntil(lambda: dlg.table.rowCount() >= 2, timeout=5000)  # the two documents just printed
    dlg.close()
