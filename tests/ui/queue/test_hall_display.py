"""The hall display: a call shows within a second, each window's number, waiting counts, notice, voice; no names."""
from __future__ import annotations

import time

from desk_app.ui.display.hall_display import HallDisplay


class FakeVoice:
    def __init__(self) -> None:
        self.said: list[tuple[str, int]] = []

    def announce(self, number: str, window_number: int) -> bool:
        self.said.append((number, window_number))
        return True


def test_a_call_shows_within_a_second_and_is_announced_once(qtbot, make_ctx) -> None:
    ctx = make_ctx()
    svc = ctx.services.queue
    for cat in "AAB":
        svc.issue(cat, handed_out=True)
    early = svc.call_next(3)  # called before the display started: shown, not said again
    voice = FakeVoice()
    display = HallDisplay(ctx, voice=voice)
    qtbot.addWidget(display)
    display.show()
    qtbot.waitUntil(lambda: display.latest_number() == early.number, timeout=3000)
    t0 = time.perf_counter()
    t = svc.call_next(1)
    qtbot.waitUntil(lambda: display.latest_number() == t.number, timeout=1000)
    assert time.perf_counter() - t0 < 1.0
    assert "请 A002 号 到 1 号窗口" == display.latest.text()
    qtbot.waitUntil(lambda: voice.said == [("A002", 1)], timeout=1000)
    board = {n: lab.text() for n, lab in display.window_labels.items()}
    assert board[1] == "1号窗口：A002" and board[3] == "3号窗口：A001" and board[2] == "2号窗口：空闲"
    assert 9 not in board  # a closed window is not on the board
    assert "不动产登记(B) 等候 1 人" in display.waiting.text()
    svc.recall(t.id, 1)
    qtbot.waitUntil(lambda: voice.said == [("A002", 1), ("A002", 1)], timeout=1000)  # a recall is said again


def test_paused_window_and_notice_line_and_no_personal_data(qtbot, make_ctx) -> None:
    ctx = make_ctx(user="王小明")
    ctx.settings.set("display.notice", "今日社保业务办理至16:30")
    svc = ctx.services.queue
    display = HallDisplay(ctx)
    qtbot.addWidget(display)
    display.show()
    svc.issue("A", handed_out=True)
    svc.call_next(1, clerk="王小明")
    svc.pause_window(2, reason="午休")
    qtbot.waitUntil(lambda: display.window_labels.get(2) is not None
                    and "暂停服务" in display.window_labels[2].text(), timeout=2000)
    assert display.notice.text() == "今日社保业务办理至16:30"
    shown = " ".join(lab.text() for lab in display.findChildren(type(display.latest)))
    assert "A001" in shown and "王小明" not in shown  # the clerk is on the ticket row, never on the board


def test_goes_full_screen_on_the_chosen_monitor(qtbot, make_ctx) -> None:
    from PySide6.QtGui import QGuiApplication
    ctx = make_ctx()
    ctx.settings.set("display.screen", "no-such-monitor")  # falls back to a screen that exists
    display = HallDisplay(ctx)
    qtbot.addWidget(display)
    display.show_on_chosen_screen()
    qtbot.waitUntil(display.isVisible, timeout=2000)
    screen = QGuiApplication.screens()[0]
    assert display.geometry() == screen.geometry()


def test_voice_can_be_switched_off(qtbot, make_ctx) -> None:
    ctx = make_ctx()
    ctx.settings.set("voice.enabled", False)
    voice = FakeVoice()
    display = HallDisplay(ctx, voice=voice)
    qtbot.addWidget(display)
    qtbot.waitUntil(lambda: display._seen is not None, timeout=2000)
    ctx.services.queue.issue("A", handed_out=True)
    ctx.services.queue.call_next(1)
    qtbot.waitUntil(lambda: display.latest_number() == "A001", timeout=1000)
    assert voice.said == []
