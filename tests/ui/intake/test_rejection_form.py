"""The decision form shows the review body and court a rejection will name (item over hall), keeps what the
clerk types, refuses a wrong kind of body with a visible message, and the printed decision names them."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk_app.domain import intake as d
from desk_app.ui.window.intake.screen import IntakeScreen
from tests.pdf_support import pdf_pages_text


@pytest.fixture
def screen(show_intake_screen):
    return show_intake_screen(1300, 760)


def _add_item(qtbot, screen: IntakeScreen, query: str, count: int) -> None:
    screen.item_search.setText(query)  # keyClicks cannot type Chinese
    qtbot.waitUntil(lambda: screen.item_results.count() > 0)
    qtbot.keyClick(screen.item_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(screen.case.items) == count)


def test_rights_are_shown_from_item_or_hall_and_printed(qtbot, ctx, screen) -> None:
    screen.open_walk_in()
    qtbot.waitUntil(lambda: screen.case is not None)
    _add_item(qtbot, screen, "csrqsx", 1)
    # the test item names nobody: the hall's settings (tests/intake_support.seed_hall)
    qtbot.waitUntil(lambda: screen.review_body.text() == "市南区人民政府")
    assert screen.court.text() == "市南区人民法院"
    # a 住房公积金 item of the sample catalog names its own
    _add_item(qtbot, screen, "住房公积金个人账户设立", 2)
    qtbot.waitUntil(lambda: screen.review_body.text() == "烟台市人民政府")
    assert screen.court.text() == "烟台市芝罘区人民法院"

    screen.name.setText("张三")
    screen.resident_id.setText("110101199003074477")
    qtbot.mouseClick(screen.save_applicant, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(screen.case.applicant.get("name")))
    screen.reasons.setText("申请人不符合开户条件")
    screen.court.setText("烟台市人民政府")  # a typing slip: not a court
    qtbot.mouseClick(screen.outcome_buttons[d.REJECT], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不是法院名称" in screen.error_text("court"))
    assert screen.decision_error.isVisible() and screen.case.status == d.CHECKING
    assert screen.reasons.text() == "申请人不符合开户条件"  # nothing the clerk typed is lost

    screen.court.setText("烟台市中级人民法院")
    with qtbot.waitSignal(screen.decided):
        qtbot.mouseClick(screen.outcome_buttons[d.REJECT], Qt.MouseButton.LeftButton)
    assert screen.case.status == d.REJECTED
    doc = screen.documents[0]
    assert doc.kind == "rejection-decision"
    text = "".join(pdf_pages_text(doc.pdf))
    assert "六十日内向烟台市人民政府申请行政复议" in text
    assert "六个月内直接向烟台市中级人民法院提起行政诉讼" in text
