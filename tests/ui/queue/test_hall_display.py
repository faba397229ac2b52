"""The hall display: a call shows within a second, each window's number, waiting counts, notice, voice; no names."""
from __future__ import annotations

import time

import pytest

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


def test_headline_drops_a_finished_or_no_show_call(qtbot, make_ctx) -> None:
    ctx = make_ctx()
    svc = ctx.services.queue
    display = HallDisplay(ctx)
    qtbot.addWidget(display)
    display.show()
    for _ in range(3):
        svc.issue("A", handed_out=True)
    first = svc.call_next(3)
    qtbot.waitUntil(lambda: display.latest.text() == "请 A001 号 到 3 号窗口", timeout=2000)
    second = svc.call_next(1)
    qtbot.waitUntil(lambda: display.latest.text() == "请 A002 号 到 1 号窗口", timeout=2000)
    svc.no_show(second.id, 1)   # window 1 is idle now: the headline must not keep calling A002
    qtbot.waitUntil(lambda: display.latest.text() == "欢迎光临", timeout=2000)
    assert display.latest_number() == "" and display.window_labels[1].text() == "1号窗口：空闲"
    assert "A001" in display.call_labels[0].text()   # still at window 3, in the list, not the headline
    svc.finish(first.id, 3)
    qtbot.waitUntil(lambda: display.call_labels[0].text() == "", timeout=2000)
    assert display.latest.text() == "欢迎光临"
    third = svc.call_next(3)
    qtbot.waitUntil(lambda: display.latest_number() == third.number, timeout=2000)
    svc.start_service(third.id, 3)
    svc.finish(third.id, 3)
    qtbot.waitUntil(lambda: display.latest.text() == "欢迎光临", timeout=2000)


LONG_NAMES = {"A": "综合业务（企业开办一窗通办）", "B": "不动产登记与抵押注销联办", "C": "社会保险与医疗保障经办"}


def _long_named_hall(hall) -> None:
    from sqlalchemy import update
    from desk_app.store.models import QueueCategory
    with hall.write() as uow:
        for prefix, name in LONG_NAMES.items():
            uow.session.execute(update(QueueCategory).where(QueueCategory.prefix == prefix).values(name=name))


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_waiting_counts_wrap_between_items_never_inside_one(qtbot, make_ctx, hall, size) -> None:
    _long_named_hall(hall)
    ctx = make_ctx()
    svc = ctx.services.queue
    for cat in "AABBC" * 3:
        svc.issue(cat, handed_out=True)
    display = HallDisplay(ctx)
    qtbot.addWidget(display)
    display.resize(*size)
    display.show()
    qtbot.waitUntil(lambda: "社会保险与医疗保障经办(C) 等候 3 人" in display.waiting.text(), timeout=3000)
    qtbot.waitUntil(lambda: all(lab.isVisible() for lab in display.waiting.item_labels), timeout=2000)
    labels = display.waiting.item_labels
    assert len(labels) == 3
    for lab in labels:
        assert not lab.wordWrap()
        # whole: as wide and tall as one line of its text, inside the display
        assert lab.width() >= lab.fontMetrics().horizontalAdvance(lab.text())
        assert lab.height() < 2 * lab.fontMetrics().height()
        top_left = lab.mapTo(display, lab.rect().topLeft())
        assert top_left.x() >= 0 and top_left.x() + lab.width() <= size[0]
        assert top_left.y() + lab.height() <= display.height() <= size[1]
    rects = [lab.geometry() for lab in labels]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1:])
    assert display.notice.geometry().top() >= display.waiting.geometry().bottom()
