"""The clerk's window panel driven by the keyboard (F1–F8 by default, configurable)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desk_app.domain import queue as q
from desk_app.domain.events import Event
from desk_app.domain.hlc import Timestamp
from desk_app.domain.ids import new_id
from desk_app.ui.window.window_panel import ACTIONS, WindowPanel


def make_panel(qtbot, ctx) -> WindowPanel:
    panel = WindowPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.setFocus()
    qtbot.waitUntil(lambda: "1 号窗口" in panel.header.text(), timeout=3000)
    return panel


def call_one_ticket(qtbot, make_ctx):
    """Window 1's panel after F1 called the one ticket waiting, A001: (queue service, ticket, panel)."""
    ctx = make_ctx(window_number=1)
    svc = ctx.services.queue
    t = svc.issue("A", handed_out=True)
    panel = make_panel(qtbot, ctx)
    press(qtbot, panel, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: panel.number_label.text() == "A001", timeout=3000)
    return svc, t, panel


def press(qtbot, panel: WindowPanel, key: Qt.Key) -> None:
    with qtbot.waitSignal(panel.refreshed, timeout=5000):
        qtbot.keyClick(panel, key)


def test_a_ticket_from_call_to_finish_by_keyboard(qtbot, make_ctx) -> None:
    ctx = make_ctx(window_number=1)
    svc = ctx.services.queue
    a1 = svc.issue("A", handed_out=True)
    svc.issue("B", handed_out=True)
    panel = make_panel(qtbot, ctx)
    qtbot.waitUntil(lambda: panel.waiting.count() == 2, timeout=3000)
    press(qtbot, panel, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: panel.number_label.text() == "A001", timeout=3000)
    assert panel.waiting.count() == 1 and "叫号" in panel.timer_label.text() + panel.state_label.text()
    press(qtbot, panel, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: "重呼 1 次" in panel.state_label.text(), timeout=3000)
    with qtbot.waitSignal(panel.service_started, timeout=5000) as sig:
        qtbot.keyClick(panel, Qt.Key.Key_F7)
    assert sig.args == [a1.id, "A001"]
    qtbot.waitUntil(lambda: "办理用时" in panel.timer_label.text(), timeout=3000)
    press(qtbot, panel, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: panel.number_label.text() == "—", timeout=3000)
    assert svc.ticket(a1.id).status == q.FINISHED
    press(qtbot, panel, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: panel.number_label.text() == "B001", timeout=3000)
    press(qtbot, panel, Qt.Key.Key_F3)
    qtbot.waitUntil(lambda: "B001 已过号" in panel.message.text(), timeout=3000)
    qtbot.waitUntil(lambda: panel.number_label.text() == "—", timeout=3000)


def test_nobody_waiting_pause_and_resume(qtbot, make_ctx) -> None:
    ctx = make_ctx(window_number=1)
    panel = make_panel(qtbot, ctx)
    with qtbot.waitSignal(panel.action_failed, timeout=5000) as sig:
        qtbot.keyClick(panel, Qt.Key.Key_F1)
    assert "暂无等候" in sig.args[0]
    press(qtbot, panel, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: "已暂停" in panel.header.text(), timeout=3000)
    ctx.services.queue.issue("A", handed_out=True)
    with qtbot.waitSignal(panel.action_failed, timeout=5000) as sig:
        qtbot.keyClick(panel, Qt.Key.Key_F1)
    assert "已暂停" in sig.args[0]
    press(qtbot, panel, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: "已暂停" not in panel.header.text(), timeout=3000)
    press(qtbot, panel, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: panel.number_label.text() == "A001", timeout=3000)


def test_transfer_through_the_dialog_and_hold_resume(qtbot, make_ctx) -> None:
    svc, t, panel = call_one_ticket(qtbot, make_ctx)
    press(qtbot, panel, Qt.Key.Key_F5)  # hold
    qtbot.waitUntil(lambda: panel.held.count() == 1, timeout=3000)
    panel._on_resume_clicked()
    qtbot.waitUntil(lambda: svc.ticket(t.id).status == q.WAITING, timeout=3000)
    press(qtbot, panel, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: panel.number_label.text() == "A001", timeout=3000)
    qtbot.keyClick(panel, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: getattr(panel, "transfer_dialog", None) is not None
                    and panel.transfer_dialog.isVisible(), timeout=3000)
    dlg = panel.transfer_dialog
    dlg.category.setCurrentIndex(dlg.category.findData("C"))
    dlg.reason.setText("属社保业务")
    dlg.accept()
    qtbot.waitUntil(lambda: svc.ticket(t.id).status == q.WAITING, timeout=3000)
    v = svc.ticket(t.id)
    assert v.category == "C" and v.transferred_in
    assert v.issued_at_ms == t.issued_at_ms


def test_function_keys_are_configurable(qtbot, make_ctx) -> None:
    ctx = make_ctx(window_number=1)
    ctx.services.queue.issue("A", handed_out=True)
    panel = make_panel(qtbot, ctx)
    keys = dict(ctx.settings.get("window.function_keys"))
    keys["call_next"] = "F9"
    ctx.settings.set("window.function_keys", keys)
    qtbot.keyClick(panel, Qt.Key.Key_F1)  # no longer bound
    press(qtbot, panel, Qt.Key.Key_F9)
    qtbot.waitUntil(lambda: panel.number_label.text() == "A001", timeout=3000)
    assert "F9" in panel.buttons["call_next"].text()


def test_losing_window_is_told_after_a_double_call(qtbot, make_ctx, hall) -> None:
    svc, t, panel = call_one_ticket(qtbot, make_ctx)
    # window 3 on another PC called the same ticket earlier, offline; its event arrives now
    ours = Timestamp.decode(hall.clock.last.encode())
    remote = Event(id=new_id(), hall=hall.hall_id, device="pc-window-3", device_seq=1,
                   hlc=Timestamp(ours.wall_ms - 1, 0, "pc-window-3").encode(), type=q.TICKET_CALLED,
                   schema_version=1, actor="clerk3", aggregate=f"ticket:{t.id}",
                   payload={"window": 3, "clerk": "clerk3", "at_ms": ours.wall_ms - 1})
    hall.apply_remote([remote])
    qtbot.waitUntil(lambda: "3 号窗口先叫" in panel.message.text(), timeout=3000)
    assert panel.number_label.text() == "—"


def test_window_led_panel_follows_the_window(qtbot, make_ctx) -> None:
    from desk_app.devices.led_display import SimulatedLedDisplay
    ctx = make_ctx(window_number=1)
    led = ctx.devices.register(SimulatedLedDisplay(1))
    ctx.services.queue.issue("A", handed_out=True)
    panel = make_panel(qtbot, ctx)
    qtbot.waitUntil(lambda: led.state.mode == "idle", timeout=3000)
    press(qtbot, panel, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: led.state.mode == "call" and "A001" in led.state.text, timeout=3000)
    press(qtbot, panel, Qt.Key.Key_F3)
    press(qtbot, panel, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: led.state.mode == "paused", timeout=3000)


def test_every_action_button_and_function_key_runs_its_own_handler(qtbot, make_ctx, monkeypatch) -> None:
    ctx = make_ctx(window_number=1)
    panel = make_panel(qtbot, ctx)
    handlers = panel.action_handlers()
    assert list(panel.buttons) == list(ACTIONS) and set(handlers) == set(ACTIONS)
    assert len({h.__func__ for h in handlers.values()}) == len(ACTIONS)  # no two actions share a handler
    ran: list[str] = []
    for action, handler in handlers.items():
        monkeypatch.setattr(panel, handler.__name__, lambda a=action: ran.append(a))
    for action in ACTIONS:
        qtbot.mouseClick(panel.buttons[action], Qt.MouseButton.LeftButton)
    assert ran == list(ACTIONS)
    ran.clear()
    keys = ctx.settings.get("window.function_keys")
    for action in ACTIONS:
        qtbot.keyClick(panel, QKeySequence(keys[action])[0].key())
    assert ran == list(ACTIONS)
    with pytest.raises(ValueError, match="no action 'finsh'"):
        panel.trigger("finsh")  # a typo is a bug that shows, not a button that does nothing
