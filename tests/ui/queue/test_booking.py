"""Booking at the guide desk (item → category, date, slot, booker) and checking the booking in by its code."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from desk_app.domain import appointment_booking as ab
from desk_app.services.queue.appointments import AppointmentService
from desk_app.ui.guide.guide_desk import GuideDesk


def _desk(qtbot, ctx, hall, rules):
    ctx.services = replace(ctx.services, appointments=AppointmentService(hall, rules, actor="guide1"))
    desk = GuideDesk(ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: len(desk.category_buttons()) == 4, timeout=3000)
    return desk


def _open(qtbot, desk):
    """The booking dialog, two days ahead (today's slots may all be over when the test runs)."""
    dlg = desk.open_booking()
    qtbot.waitUntil(lambda: dlg.slot.currentIndex() >= 0, timeout=5000)  # today, or tomorrow after hours
    with qtbot.waitSignal(dlg.slots_loaded, timeout=5000):
        dlg.day.setDate(dlg.day.minimumDate().addDays(2))
    return dlg


def test_book_by_item_then_check_in_by_code(qtbot, make_ctx, hall) -> None:
    ctx = make_ctx(catalog=True)
    desk = _desk(qtbot, ctx, hall, ab.SlotRules(capacity=1))
    dlg = _open(qtbot, desk)
    qtbot.keyClicks(dlg.item_search, "gtgsh")   # 个体工商户设立登记: category A (the default)
    qtbot.waitUntil(lambda: dlg.item_results.count() > 0, timeout=5000)
    qtbot.keyClick(dlg.item_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.category.currentData() == "A" and dlg.item_search.text() == "个体工商户设立登记",
                    timeout=5000)
    qtbot.waitUntil(lambda: dlg.slot.currentIndex() >= 0, timeout=3000)
    first_slot = dlg.slot.currentText()
    dlg.name.setText("王小明")  # QTest cannot type CJK; the rest is typed
    qtbot.keyClicks(dlg.phone, "13800138000")
    with qtbot.waitSignal(dlg.booked, timeout=5000) as sig:
        qtbot.keyClick(dlg.phone, Qt.Key.Key_Return)   # Enter books
    appt = sig.args[0]
    assert appt.item_name == "个体工商户设立登记" and appt.category == "A" and appt.name == "王小明"
    assert appt.code in dlg.message.text() and dlg.name.text() == ""
    # that slot is now full (capacity 1): shown as such, the next free one is chosen
    qtbot.waitUntil(lambda: "已满" in dlg.slot.itemText(dlg.slot.findText(first_slot.split("（")[0],
                                                                            Qt.MatchFlag.MatchStartsWith)),
                    timeout=3000)
    assert dlg.slot.currentText() != first_slot
    dlg.close()
    # check-in by the code (what the applicant shows) issues the appointment's ticket
    from desk_app.domain import queue as q
    # the booking lies two days past the first bookable one, and weekends and holidays push it further: a week
    # of early check-in covers it whatever hour the test runs (48 hours failed on a Friday morning in the hall)
    ctx.services.queue._config = q.QueueConfig(priority_policy="strict", appointment_early_min=7 * 24 * 60)
    qtbot.keyClicks(desk.appt_code, appt.code)
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as issued:
        qtbot.keyClick(desk.appt_code, Qt.Key.Key_Return)
    assert ctx.services.queue.ticket(issued.args[0]).appointment


def test_bad_input_keeps_what_was_typed_and_says_what_to_fix(qtbot, make_ctx, hall) -> None:
    ctx = make_ctx()
    desk = _desk(qtbot, ctx, hall, ab.SlotRules())
    dlg = _open(qtbot, desk)
    dlg.name.setText("王小明")  # QTest cannot type CJK; the rest is typed
    qtbot.keyClicks(dlg.phone, "1380013")
    qtbot.keyClicks(dlg.resident_id, "11010519491231002X")
    with qtbot.waitSignal(dlg.failed, timeout=5000) as sig:
        qtbot.mouseClick(dlg.book_button, Qt.MouseButton.LeftButton)
    assert "11 位" in sig.args[0] and sig.args[0] in dlg.message.text()
    assert (dlg.name.text(), dlg.phone.text(), dlg.resident_id.text()) == ("王小明", "1380013", "11010519491231002X")
    assert dlg.phone.hasFocus() or not dlg.isActiveWindow()
    assert AppointmentService(hall).of_day(dlg.chosen_day().isoformat()) == []


def test_the_days_list_shows_bookings_and_checks_one_in(qtbot, make_ctx, hall) -> None:
    from desk_app.domain import queue as q
    ctx = make_ctx()
    ctx.services.queue._config = q.QueueConfig(priority_policy="strict", appointment_early_min=24 * 60)
    desk = _desk(qtbot, ctx, hall, ab.SlotRules())
    now = hall.now_ms()
    # booked elsewhere (the online booking system, pulled from desk-central): the list shows it
    ctx.services.queue.book_appointment("YY99990001", "C", now + 60_000, now + 31 * 60_000)
    dlg = desk.open_booking()
    qtbot.waitUntil(lambda: dlg.day_list.rowCount() == 1, timeout=5000)
    assert dlg.day_list.item(0, 1).text() == "C" and dlg.day_list.item(0, 4).text() == "待签到"
    assert not dlg.check_in_button.isEnabled()
    dlg.day_list.selectRow(0)
    assert dlg.check_in_button.isEnabled()
    with qtbot.waitSignal(desk.ticket_issued, timeout=5000) as sig:
        qtbot.mouseClick(dlg.check_in_button, Qt.MouseButton.LeftButton)
    assert sig.args[1] == "C001"
    qtbot.waitUntil(lambda: dlg.day_list.item(0, 4).text() == "已签到", timeout=5000)
