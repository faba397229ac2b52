"""The line under the applicant form: the applicant's earlier cases in the hall, found by the saved resident ID."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk_app.domain.timeutil import hall_date
from desk_app.store.keys import KeyFile, open_cipher
from tests.intake_support import VALID_ID, VALID_ID_2

APPLICANT = {"kind": "person", "name": "张三", "resident_id": VALID_ID, "phone": "13800138000"}


@pytest.fixture
def screen(hall_store, data_dir, show_intake_screen):
    # As the program runs: personal data sealed under the hall's key, the resident ID found by its blind index.
    hall_store.cipher = open_cipher(hall_store, KeyFile(data_dir), create=True)
    return show_intake_screen(1300, 800)


def _idle(qtbot, ctx) -> None:
    qtbot.waitUntil(ctx.runner.idle)
    qtbot.wait(1)  # let the queued deliveries of the finished jobs run


def _earlier(ctx, resident_id: str) -> list[str]:
    """Two cases of this person opened and saved elsewhere (another window, earlier): their case numbers."""
    intake = ctx.services.intake
    numbers = []
    for code in ("T0001", "T0001"):
        opened = intake.open_case(item_codes=[code])
        intake.set_applicant(opened.case.id, dict(APPLICANT, resident_id=resident_id))
        numbers.append(opened.case.case_number)
    return numbers


def _save_applicant(qtbot, ctx, screen, resident_id: str) -> None:
    screen.open_walk_in()
    qtbot.waitUntil(lambda: screen.case is not None)
    screen.add_item("T0001")
    qtbot.waitUntil(lambda: bool(screen.case.items))
    screen.name.setText("张三")
    screen.resident_id.setText(resident_id)
    screen.phone.setText("13800138000")
    qtbot.mouseClick(screen.save_applicant, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.case.applicant.get("resident_id") == resident_id)
    _idle(qtbot, ctx)


def test_two_earlier_cases_are_counted_and_listed_without_the_case_at_hand(qtbot, ctx, clock, screen) -> None:
    numbers = _earlier(ctx, VALID_ID)
    _earlier(ctx, VALID_ID_2)  # someone else's: not this person's
    assert screen.earlier_cases.isHidden()
    _save_applicant(qtbot, ctx, screen, VALID_ID)
    line = screen.earlier_cases
    assert line.isVisible()
    assert line.summary.text() == "此人此前在本厅办件 2 件"  # the case on screen has the same ID: not counted
    assert line.latest.isHidden()
    qtbot.mouseClick(line.toggle, Qt.MouseButton.LeftButton)
    assert line.latest.isVisible() and line.toggle.text() == "收起"
    shown = line.lines()
    assert [s.split()[0] for s in shown] == numbers[::-1]  # newest first
    when = hall_date(clock()).isoformat()
    assert all("测试容缺事项" in s and "审查中" in s and when in s for s in shown)
    assert screen.case.case_number not in line.summary.toolTip()
    everything = " ".join([line.summary.text(), line.summary.toolTip(), *shown])
    assert VALID_ID not in everything and VALID_ID[-4:] not in everything  # never the number, not even a part


def test_a_new_person_gets_no_line(qtbot, ctx, screen) -> None:
    _earlier(ctx, VALID_ID_2)
    _save_applicant(qtbot, ctx, screen, VALID_ID)
    assert screen.earlier_cases.isHidden() and screen.earlier_cases.summary.text() == ""


def test_the_next_case_starts_without_the_previous_applicants_line(qtbot, ctx, screen) -> None:
    _earlier(ctx, VALID_ID)
    _save_applicant(qtbot, ctx, screen, VALID_ID)
    assert screen.earlier_cases.isVisible()
    screen.open_walk_in()
    qtbot.waitUntil(lambda: screen.case is not None and not screen.case.applicant)
    assert screen.earlier_cases.isHidden()
