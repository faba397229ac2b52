"""The guide desk: a ticket in one action, priority groups, item search, appointment check-in, failed prints."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desk_app.domain import queue as q
from desk_app.ui.guide.guide_desk import GuideDesk


def make_desk(qtbot, ctx) -> GuideDesk:
    desk = GuideDesk(ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: len(desk.category_buttons()) == 4, timeout=3000)
    return desk


def test_one_click_prints_and_counts_a_ticket(qtbot, make_ctx, printer) -> None:
    ctx = make_ctx()
    desk = make_desk(qtbot, ctx)
    buttons = desk.category_buttons()
    assert not buttons["D"].isEnabled()  # inactive category: no ticket can be issued
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as sig:
        qtbot.mouseClick(buttons["A"], Qt.MouseButton.LeftButton)
    ticket_id, number = sig.args
    assert number == "A001" and len(printer.jobs) == 1 and b"A001" in printer.jobs[0]
    assert ctx.services.queue.ticket(ticket_id).status == q.WAITING
    qtbot.waitUntil(lambda: "等候 1 人" in buttons["A"].text(), timeout=3000)
    assert "已出号 A001" in desk.status.text()


def test_priority_group_toggle_applies_once(qtbot, make_ctx) -> None:
    ctx = make_ctx()
    desk = make_desk(qtbot, ctx)
    qtbot.mouseClick(desk.priority_buttons["elderly"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(desk.priority_buttons["pregnant"], Qt.MouseButton.LeftButton)
    assert not desk.priority_buttons["elderly"].isChecked()  # one group at a time
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as sig:
        qtbot.mouseClick(desk.category_buttons()["B"], Qt.MouseButton.LeftButton)
    assert ctx.services.queue.ticket(sig.args[0]).priority_group == "pregnant"
    assert not desk.priority_buttons["pregnant"].isChecked()
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as sig:
        qtbot.keyClick(desk, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # keyboard: Ctrl+2 = B
    assert sig.args[1] == "B002" and ctx.services.queue.ticket(sig.args[0]).priority_group == ""


def test_failed_print_issues_nothing_and_tells_the_guide(qtbot, make_ctx, printer) -> None:
    ctx = make_ctx()
    desk = make_desk(qtbot, ctx)
    printer.state = "paper_out"
    with qtbot.waitSignal(desk.ticket_failed, timeout=5000) as sig:
        qtbot.mouseClick(desk.category_buttons()["A"], Qt.MouseButton.LeftButton)
    assert "缺纸" in sig.args[0] and "没有出号" in sig.args[0]
    assert ctx.services.queue.waiting_counts() == {}
    printer.state = "ok"
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as sig:
        qtbot.mouseClick(desk.category_buttons()["A"], Qt.MouseButton.LeftButton)
    assert sig.args[1] == "A002"  # the void number stays a gap


def test_unknown_print_result_asks_the_guide(qtbot, make_ctx, printer) -> None:
    ctx = make_ctx()
    desk = make_desk(qtbot, ctx)
    printer.fail_after_print = "no_answer"
    qtbot.mouseClick(desk.category_buttons()["C"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(desk.confirm_bar.isVisible, timeout=5000)
    assert ctx.services.queue.waiting_counts() == {}  # not counted until the guide confirms
    printer.state = "ok"
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000):
        qtbot.mouseClick(desk.confirm_yes, Qt.MouseButton.LeftButton)
    assert ctx.services.queue.waiting_counts() == {"C": 1}


def test_item_search_by_pinyin_to_a_ticket_in_two_actions(qtbot, make_ctx) -> None:
    ctx = make_ctx(catalog=True)
    desk = make_desk(qtbot, ctx)
    desk.search.setFocus()
    qtbot.keyClicks(desk.search, "gtgsh")
    qtbot.waitUntil(lambda: desk.results.count() > 0, timeout=5000)
    assert "个体工商户" in desk.results.item(0).text()
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as sig:
        qtbot.keyClick(desk.search, Qt.Key.Key_Return)
    assert sig.args[1] == "A001"  # 市场监管 has no category of its own: the default category A


def test_appointment_check_in_and_bad_codes(qtbot, make_ctx, hall) -> None:
    ctx = make_ctx()
    svc = ctx.services.queue
    svc.book_appointment("YY2026AB", "B", hall.now_ms() + 5 * 60_000, hall.now_ms() + 35 * 60_000)
    desk = make_desk(qtbot, ctx)
    qtbot.keyClicks(desk.appt_code, "yy2026ab")
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as sig:
        qtbot.keyClick(desk.appt_code, Qt.Key.Key_Return)
    assert sig.args[1] == "B001" and desk.appt_code.text() == ""
    with qtbot.waitSignal(desk.ticket_failed, timeout=5000) as sig:
        desk.on_scan("YY2026AB")  # the same code scanned again
    assert "已签到使用过" in sig.args[0]
    with qtbot.waitSignal(desk.ticket_failed, timeout=5000) as sig:
        desk.on_scan("\x1b%%garbage")
    assert "无法识别的预约码" in sig.args[0]
    assert svc.waiting_counts() == {"B": 1}


def test_category_closed_for_the_day_disables_its_button(qtbot, make_ctx) -> None:
    ctx = make_ctx()
    desk = make_desk(qtbot, ctx)
    ctx.services.queue.close_category_for_day("B")
    qtbot.waitUntil(lambda: not desk.category_buttons()["B"].isEnabled(), timeout=3000)
    assert "停止取号" in desk.category_buttons()["B"].text()


def test_a_scanned_appointment_qr_is_routed_to_the_guide_desk(qtbot, make_ctx, hall) -> None:
    from desk_app.devices.scanner import SimulatedScanner
    from desk_app.ui.devices.scan_router import ScanRouter
    ctx = make_ctx()
    router = ScanRouter()
    scanner = SimulatedScanner()
    router.attach_scanner(scanner)
    ctx.scan_router = router
    ctx.services.queue.book_appointment("YY20261123", "A", hall.now_ms(), hall.now_ms() + 30 * 60_000)
    desk = make_desk(qtbot, ctx)
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as sig:
        scanner.scan("YY20261123")
    assert sig.args[1] == "A001"
    assert ctx.services.queue.ticket(sig.args[0]).appointment


def test_people_ahead_of_a_priority_ticket_on_screen_and_on_the_ticket(qtbot, make_ctx, printer) -> None:
    ctx = make_ctx()
    desk = make_desk(qtbot, ctx)
    for _ in range(3):
        with qtbot.waitSignal(desk.ticket_issued, timeout=5000):
            qtbot.mouseClick(desk.category_buttons()["A"], Qt.MouseButton.LeftButton)
    assert "前面还有 2 人" in desk.status.text()
    assert "您前面还有 2 人等候".encode("gb18030") in printer.jobs[-1]
    qtbot.mouseClick(desk.priority_buttons["elderly"], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000):
        qtbot.mouseClick(desk.category_buttons()["A"], Qt.MouseButton.LeftButton)
    # the calling order puts no one before a priority ticket here (it used to say the 3 walk-ins)
    assert "无需等候" in desk.status.text()
    assert "您前面还有 0 人等候".encode("gb18030") in printer.jobs[-1]
