"""A stored case shows the applicant's ID masked; the full number only on demand, and that is recorded."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desk_app.services.audit import AuditService
from desk_app.services.authorization import Actor, AuthorizedStore
from desk_app.store.models import EventRow
from tests.intake_support import VALID_ID


@pytest.fixture
def screen(ctx, hall_store, show_intake_screen):
    audit = AuditService(AuthorizedStore(hall_store, Actor("clerk5", "clerk", 5)), actor="clerk5")
    ctx.services = replace(ctx.services, audit=audit)
    return show_intake_screen(1300, 800)


def _audits(store) -> list[dict]:
    with store.read() as s:
        return [json.loads(p) for p in s.scalars(select(EventRow.payload).where(EventRow.type == "audit.pii_viewed"))]


def test_full_id_only_on_demand_and_recorded(qtbot, ctx, screen, hall_store) -> None:
    screen.open_walk_in()
    qtbot.waitUntil(lambda: screen.case is not None)
    screen.name.setText("张三")
    screen.resident_id.setText(VALID_ID)  # typed by the clerk: shown as typed
    screen.phone.setText("13800138000")
    qtbot.mouseClick(screen.save_applicant, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.case.applicant.get("resident_id") == VALID_ID)
    number = screen.case.case_number
    screen.open_walk_in()
    qtbot.waitUntil(lambda: screen.case is not None and screen.case.case_number != number)
    screen.load_case_number(number)
    qtbot.waitUntil(lambda: screen.case.case_number == number and screen.name.text() == "张三")
    # opened again: masked, read-only, nothing recorded yet
    assert screen.resident_id.text() == "*" * 14 + VALID_ID[-4:] and screen.resident_id.isReadOnly()
    assert _audits(hall_store) == []
    # saving while masked keeps the real number, never the mask
    qtbot.mouseClick(screen.save_applicant, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.runner.idle)
    assert screen.case.applicant["resident_id"] == VALID_ID
    with qtbot.waitSignal(screen.id_concealed.revealed):
        qtbot.mouseClick(screen.id_concealed.button, Qt.MouseButton.LeftButton)
    assert screen.resident_id.text() == VALID_ID and not screen.resident_id.isReadOnly()
    (rec,) = _audits(hall_store)
    assert rec["case_number"] == number and rec["field"] == "resident_id"


def test_no_record_no_number(qtbot, ctx, screen, hall_store) -> None:
    # A role that may not view personal data (the admin): the audit write is refused, the number stays masked.
    audit = AuditService(AuthorizedStore(hall_store, Actor("admin1", "admin")), actor="admin1")
    ctx.services = replace(ctx.services, audit=audit)
    screen.open_walk_in()
    qtbot.waitUntil(lambda: screen.case is not None)
    screen.name.setText("张三")
    screen.resident_id.setText(VALID_ID)
    qtbot.mouseClick(screen.save_applicant, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.case.applicant.get("resident_id") == VALID_ID)
    screen.load_case_number(screen.case.case_number)
    qtbot.waitUntil(lambda: screen.resident_id.isReadOnly())
    qtbot.mouseClick(screen.id_concealed.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.id_concealed.button.isEnabled())
    assert VALID_ID not in screen.resident_id.text() and _audits(hall_store) == []
