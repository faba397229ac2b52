"""The crash dialog: the clerk reads what happened and copies the report for support."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desk_app.runtime.bridge import MessageBridge
from desk_app.ui.shell import MainWindow


def test_crash_dialog_copies_the_report(qtbot):
    bridge = MessageBridge()
    win = MainWindow(bridge, "测试")
    qtbot.addWidget(win)
    win.show()
    bridge.crashed.emit("报告文件：/x/crash-1.txt\nTraceback: boom")
    box = None

    def shown():
        nonlocal box
        box = win.findChild(QMessageBox, "crash_dialog")
        assert box is not None and box.isVisible()
    qtbot.wait_until(shown)
    assert "boom" in box.detailedText()
    copy = next(b for b in box.findChildren(QPushButton) if b.text() == "复制报告")
    QApplication.clipboard().clear()
    copy.click()
    assert QApplication.clipboard().text().startswith("报告文件：/x/crash-1.txt")
