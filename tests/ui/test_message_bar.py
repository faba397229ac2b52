"""The message bar shows the bridge's messages and stops listening when it is destroyed."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from desk_app.runtime.bridge import MessageBridge
from desk_app.ui.widgets import message_bar
from desk_app.ui.widgets.message_bar import MessageBar


def _button(bar: MessageBar, text: str) -> QPushButton:
    return next(b for b in bar.findChildren(QPushButton) if b.text() == text)


def test_shows_warning_until_read(qtbot, monkeypatch):
    monkeypatch.setattr(message_bar, "_INFO_MS", 30)
    bridge = MessageBridge()
    bar = MessageBar(bridge)
    qtbot.addWidget(bar)
    bridge.info.emit("已保存")
    assert bar.text() == "已保存" and bar.property("level") == "info"
    qtbot.wait_until(lambda: not bar.isVisible())  # information fades on its own
    bridge.info.emit("已保存")
    bridge.warning.emit("打印机缺纸，请更换纸卷")  # replaces the information before it fades
    assert bar.text() == "打印机缺纸，请更换纸卷" and bar.property("level") == "warning"
    # A timer started now fires after the information's fade would have: the warning must outlast it.
    later = QTimer(singleShot=True, interval=3 * message_bar._INFO_MS)
    with qtbot.wait_signal(later.timeout):
        later.start()
    assert bar.isVisible() and bar.text() == "打印机缺纸，请更换纸卷"
    qtbot.mouseClick(_button(bar, "知道了"), Qt.MouseButton.LeftButton)  # read
    assert not bar.isVisible() and bar.text() == ""


def test_bridge_outliving_a_destroyed_bar_does_not_call_into_it(qtbot):
    bridge = MessageBridge()
    bar = MessageBar(bridge)
    bar.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(bar))
    # A connection left to the deleted bar would raise "already deleted" in the slot (pytest-qt fails it).
    bridge.info.emit("已保存")
    bridge.warning.emit("网络中断")
    bridge.error.emit("磁盘已满")
