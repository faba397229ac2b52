"""The intake screen with the keyboard only: item results by arrow keys, removing the sole item, marking
materials by key, and the checklist keeping the clerk's place."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk_app.domain import intake as d
from desk_app.ui.models.checklist import COL_FIX, COL_REASON
from tests.intake_support import PERSON
from tests.ui.intake.checklist_support import click_cell

BIG_ITEMS = ["11370602MB28531014400010419000001", "11370602004381302M400011301100001"]  # 6 + 6 materials


@pytest.fixture
def screen(qtbot, show_intake_screen):
    s = show_intake_screen(1190, 640)
    qtbot.waitExposed(s)
    return s


def _open(qtbot, screen, codes) -> None:
    screen.open_walk_in()
    qtbot.waitUntil(lambda: screen.case is not None)
    screen.intake.set_items(screen.case.id, codes)
    screen.intake.set_applicant(screen.case.id, PERSON)
    screen.load_case_number(screen.case.case_number)
    qtbot.waitUntil(lambda: screen.case is not None and screen.table.rowCount() == len(screen.case.materials) > 0)


def test_down_moves_through_results_and_enter_takes_the_highlighted(qtbot, screen) -> None:
    screen.item_search.setFocus()
    qtbot.keyClicks(screen.item_search, "gtgsh")
    qtbot.waitUntil(lambda: screen.item_results.count() == 3)
    qtbot.keyClick(screen.item_search, Qt.Key.Key_Down)
    qtbot.keyClick(screen.item_search, Qt.Key.Key_Down)
    assert screen.item_results.currentRow() == 2 and screen.item_search.hasFocus()
    qtbot.keyClick(screen.item_search, Qt.Key.Key_Up)
    wanted = screen.item_results.currentItem().text()
    qtbot.keyClick(screen.item_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.case is not None and len(screen.case.items) == 1)
    assert screen.case.items[0]["name"] == wanted == "个体工商户变更登记"


def test_enter_typed_before_the_results_takes_this_querys_first_item(qtbot, screen) -> None:
    screen.item_search.setFocus()
    qtbot.keyClicks(screen.item_search, "gtgsh")
    qtbot.waitUntil(lambda: screen.item_results.count() == 3)
    screen.item_search.clear()
    qtbot.keyClicks(screen.item_search, "zfgjj")
    qtbot.keyClick(screen.item_search, Qt.Key.Key_Return)  # the list still shows the 个体工商户 items
    qtbot.waitUntil(lambda: screen.case is not None and len(screen.case.items) == 1)
    assert screen.case.items[0]["name"] == "住房公积金个人账户设立"


def test_the_sole_item_can_be_removed_with_delete(qtbot, screen) -> None:
    _open(qtbot, screen, ["T0001"])
    assert screen.chosen_items.count() == 1 and screen.chosen_items.currentItem() is None
    screen.chosen_items.setFocus()
    qtbot.keyClick(screen.chosen_items, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: screen.case is not None and not screen.case.items)
    assert screen.table.rowCount() == 0 and screen.error_text("items") == ""


def test_materials_are_marked_by_key(qtbot, screen) -> None:
    _open(qtbot, screen, ["T0001"])  # 申请书, 身份证明, 场所证明 (deferrable)
    mids = [m["material_id"] for m in screen.case.materials]
    screen.take_focus()
    table = screen.table
    assert table.hasFocus() and table.currentRow() == 0
    qtbot.keyClick(table, Qt.Key.Key_Space)  # 已收, and on to the next row
    qtbot.waitUntil(lambda: screen.case.material(mids[0])["status"] == d.RECEIVED)
    assert table.currentRow() == 1 and table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_3)  # 有误: its reason list opens
    qtbot.waitUntil(lambda: screen.checklist.editor(mids[1], COL_REASON) is not None)
    reason = screen.checklist.editor(mids[1], COL_REASON)
    qtbot.waitUntil(lambda: reason.view().isVisible())
    qtbot.keyClick(reason.view(), Qt.Key.Key_Down)
    qtbot.keyClick(reason.view(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.case.material(mids[1])["status"] == d.DEFECTIVE)
    assert screen.case.material(mids[1])["reason_code"]
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # 当场更正: back to be checked again
    qtbot.waitUntil(lambda: screen.case.material(mids[1])["status"] == d.PENDING)
    qtbot.keyClick(table, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: screen.case.material(mids[1])["status"] == d.RECEIVED)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_4)  # 容缺, allowed for this material
    qtbot.waitUntil(lambda: screen.case.material(mids[2])["status"] == d.DEFERRED)
    qtbot.keyClick(table, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: screen.case.material(mids[2])["status"] == d.MISSING)


def test_checklist_keeps_row_scroll_and_keys_after_a_correction(qtbot, screen) -> None:
    _open(qtbot, screen, BIG_ITEMS)
    table = screen.table
    last = table.rowCount() - 1
    table.setFocus()
    table.setCurrentCell(last, 0)
    table.scrollToBottom()
    qtbot.waitUntil(lambda: table.verticalScrollBar().value() > 0)
    scroll = table.verticalScrollBar().value()
    mid = [m["material_id"] for m in screen.case.materials][last]
    screen.set_material(mid, d.DEFECTIVE, reason_code="unclear")
    qtbot.waitUntil(lambda: screen.case.material(mid)["status"] == d.DEFECTIVE)
    click_cell(qtbot, screen, mid, COL_FIX)  # 已更正 with the mouse
    qtbot.waitUntil(lambda: screen.case.material(mid)["status"] == d.PENDING)
    assert table.currentRow() == last and table.verticalScrollBar().value() == scroll
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_3)  # the row still shows its reason: saved at once, no list to choose from
    qtbot.waitUntil(lambda: screen.case.material(mid)["status"] == d.DEFECTIVE)
    assert screen.case.material(mid)["reason_code"] == "unclear"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Delete)  # the table still has the keys
    qtbot.waitUntil(lambda: screen.case.material(mid)["status"] == d.PENDING)
    assert table.currentRow() == last and table.verticalScrollBar().value() == scroll
