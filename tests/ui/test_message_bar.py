"""The message bar shows the bridge's messages and stops listening when it is destroyed."""
from __future__ import annotations

import shiboken6

from desk_app.runtime.bridge import MessageBridge
from desk_app.ui.widgets.message_bar import MessageBar


def test_shows_warning_until_read(qtbot):
    bridge = MessageBridge()
    bar = MessageBar(bridge)
    qtbot.addWidget(bar)
    bridge.warning.emit("打印机缺纸，请更换纸卷")
    assert bar.text() == "打印机缺纸，请更换纸卷" and bar.property("level") == "warning"


def test_bridge_outliving_a_destroyed_bar_does_not_call_into_it(qtbot):
    bridge = MessageBridge()
    bar = MessageBar(bridge)
    bar.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(bar))
    # A connection left to the deleted bar would raise "already deleted" in the slot (pytest-qt fails it).
    bridge.info.emit("已保存")
    bridge.warning.emit("网络中断")
    bridge.error.emit("磁盘已满")
