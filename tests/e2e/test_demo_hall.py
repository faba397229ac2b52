"""The demo hall as a person uses it: a ticket from the guide desk to window 1, the hall display, the LED
panel, intake, and the events replicated to the demo's own desk-central."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desk_app.ui.widgets.sync_status import SyncStatusWidget


def test_status_bar_shows_online_once_the_server_answered(qtbot, hall) -> None:
    status = hall.windows.main.findChild(SyncStatusWidget)
    assert status is not None, "the main window's status bar has no sync status"
    assert status.isVisible()
    # The agent is online as soon as the server answered once, before any push or long poll returns;
    # the status bar shows that with its next read (within its 1 s refresh).
    qtbot.waitUntil(lambda: status.state_label.text() == "● 在线", timeout=5000)
    assert hall.core.services.sync.snapshot().online
    assert status.sync_button.isVisible() and "单机" not in status.state_label.text()


def test_ticket_from_guide_desk_to_intake_and_replicated(qtbot, hall) -> None:
    w = hall.windows
    desk, workspace, display = w.guide, w.window1, w.display
    w.main.show_page(desk)
    qtbot.waitUntil(lambda: "A" in desk.category_buttons(), timeout=5000)
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as issued:
        qtbot.mouseClick(desk.category_buttons()["A"], Qt.MouseButton.LeftButton)
    number = issued.args[1]
    assert number.startswith("A")

    w.main.show_page(workspace)
    panel = workspace.panel
    qtbot.waitUntil(lambda: panel.waiting.count() == 1, timeout=5000)
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_F1)  # call next
    qtbot.waitUntil(lambda: panel.number_label.text() == number, timeout=3000)
    qtbot.waitUntil(lambda: display.latest_number() == number, timeout=1000)
    qtbot.waitUntil(lambda: number in w.sims.led_display.state.text, timeout=3000)

    qtbot.keyClick(panel, Qt.Key.Key_F7)  # start service: the intake screen opens for this ticket
    qtbot.waitUntil(lambda: workspace.pages.currentWidget() is workspace.intake, timeout=3000)
    qtbot.waitUntil(lambda: workspace.intake.case is not None, timeout=5000)

    agent = hall.core.services.sync
    agent.sync_now()
    qtbot.waitUntil(lambda: agent.snapshot().pending_events == 0, timeout=15000)
    assert agent.snapshot().online


def test_online_booking_reaches_the_guide_desk_and_the_sample_scan_checks_in(qtbot, hall) -> None:
    from desk_app.ui.devices.simulator_panel import today_demo_appointment
    w = hall.windows
    desk = w.guide
    w.main.show_page(desk)
    dlg = desk.open_booking()
    # booked through the embedded desk-central's API by the demo's "online booking system", pulled by this PC
    qtbot.waitUntil(lambda: any(a.source == "online" and a.external_id == "DEMO-WEB-0001"
                                for a in dlg._day_rows), timeout=15000)
    assert any(dlg.day_list.item(i, 3).text() == "网上预约" for i in range(dlg.day_list.rowCount()))
    dlg.close()
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as sig:
        w.sims.scanner.scan(today_demo_appointment())
    assert sig.args[1].startswith("B")


def test_demo_prints_into_its_folder_from_the_clerk_window(qtbot, hall) -> None:
    from desk_app.domain import intake as d
    from desk_app.ui.printing.preview import PrintPreviewDialog
    w = hall.windows
    assert hall.core.settings.get("printing.transport") == "folder" and w.pipeline.transport.name == "folder"
    folder = w.print_folder
    intake = w.window1.intake
    w.main.show_page(w.window1)
    qtbot.mouseClick(w.window1.walk_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: intake.case is not None, timeout=5000)
    qtbot.keyClicks(intake.item_search, "spjyxk")
    qtbot.waitUntil(lambda: intake.item_results.count() > 0, timeout=5000)
    qtbot.keyClick(intake.item_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(intake.case.items) == 1, timeout=5000)
    intake.name.setText("张三")
    intake.resident_id.setText("110101199003074477")
    intake.phone.setText("13800138000")
    qtbot.keyClick(intake.phone, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.case.applicant.get("resident_id"), timeout=5000)
    for m in intake.case.materials:
        intake.set_material(m["material_id"], d.RECEIVED)
        qtbot.waitUntil(hall.core.runner.idle, timeout=5000)
    qtbot.waitUntil(lambda: not intake.case.by_status(d.PENDING), timeout=5000)
    qtbot.mouseClick(intake.outcome_buttons[d.ACCEPT], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(intake.findChildren(PrintPreviewDialog)), timeout=15000)
    dlg = intake.findChildren(PrintPreviewDialog)[-1]
    assert str(folder) in dlg.printer_label.text()  # the clerk sees where the "printer" puts the files
    qtbot.keyClick(dlg, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(list(folder.rglob("*.pdf"))) == 2, timeout=15000)
    names = sorted(p.name for p in folder.rglob("*.pdf"))
    assert any("受理通知书" in n for n in names) and any("收件凭证" in n for n in names)
    # 补打文书 from the clerk window: the case on screen, its two documents, already printed
    from desk_app.ui.printing.reprint_screen import ReprintDialog
    qtbot.mouseClick(w.window1.reprint, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(w.window1.findChildren(ReprintDialog)), timeout=5000)
    rd = w.window1.findChildren(ReprintDialog)[-1]
    qtbot.waitUntil(lambda: rd.table.rowCount() == 2, timeout=5000)
    assert rd.number.text() == intake.case.case_number
    qtbot.waitUntil(lambda: rd.table.item(0, 5).text() == "已打印", timeout=10000)


def test_demo_security_page_lock_and_switch_user(qtbot, hall) -> None:
    """The demo reaches the security capabilities: settings (audited), lock and unlock, switch user."""
    import json

    from sqlalchemy import select

    from desk_app.store.models import EventRow
    from desk_app.ui.admin.security_page import SecuritySettingsPage

    def types() -> list[str]:
        with hall.core.store.read() as s:
            return list(s.scalars(select(EventRow.type).where(EventRow.origin == "local")))

    w = hall.windows
    page = w.main.findChild(SecuritySettingsPage)
    w.main.show_page(page)
    page.spins["security.idle_lock_minutes"].setValue(7)
    page.save.click()
    qtbot.waitUntil(lambda: "audit.settings_changed" in types(), timeout=5000)
    with hall.core.store.read() as s:
        payload = json.loads(s.scalar(select(EventRow.payload).where(EventRow.type == "audit.settings_changed")))
    assert payload["changes"] == {"security.idle_lock_minutes": 7}
    session = w.session
    assert session.idle.limit_ms == 7 * 60_000  # the new idle-lock time applies to the open session at once
    session.lock(idle=False)
    assert w.main.covered
    with qtbot.waitSignal(session.unlocked, timeout=5000):
        session.page.unlock.click()  # a demo account has no password
    with qtbot.waitSignal(session.ended, timeout=5000):
        session.switch_user()
    qtbot.waitUntil(lambda: getattr(w, "switch_dialog", None) is not None and w.switch_dialog.isVisible())
    d = w.switch_dialog
    d.user.setCurrentIndex(d.user.findData("clerk2"))
    with qtbot.waitSignal(d.accepted, timeout=5000):
        d.ok.click()
    qtbot.waitUntil(lambda: w.session.username == "clerk2")
    assert {"session.locked", "session.unlocked", "session.signed_out", "signin.succeeded"} <= set(types())
