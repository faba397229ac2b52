"""The main window: a navigation list of screens, the message bar, and a status bar (sync state, device health)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QListWidget, QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget,
)

from desk_app.runtime.bridge import MessageBridge
from desk_app.ui.widgets.message_bar import MessageBar


class MainWindow(QMainWindow):
    def __init__(self, bridge: MessageBridge, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.nav = QListWidget(objectName="nav")
        self.nav.setFixedWidth(170)
        self.stack = QStackedWidget()
        self.message_bar = MessageBar(bridge)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(0)
        rl.addWidget(self.message_bar)
        rl.addWidget(self.stack, 1)
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.nav)
        lay.addWidget(right, 1)
        # The lock page replaces the screens (they are hidden, not just covered, so no personal data is
        # drawn) while their timers and the queue go on underneath.
        self.root = QStackedWidget()
        self.root.addWidget(central)
        self.setCentralWidget(self.root)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        bridge.crashed.connect(self._on_bridge_crashed)

    def add_page(self, title: str, widget: QWidget) -> int:
        self.nav.addItem(title)
        index = self.stack.addWidget(widget)
        if self.nav.currentRow() < 0:
            self.nav.setCurrentRow(0)
        return index

    def show_page(self, widget: QWidget) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(widget))

    def cover(self, page: QWidget) -> None:
        """Show ``page`` instead of the screens (the lock page)."""
        if self.root.indexOf(page) < 0:
            self.root.addWidget(page)
        self.root.setCurrentWidget(page)

    def uncover(self) -> None:
        self.root.setCurrentIndex(0)

    @property
    def covered(self) -> bool:
        return self.root.currentIndex() != 0

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    def _on_bridge_crashed(self, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("程序出错"),
                          self.tr("程序遇到了一个内部错误，已记录日志并保存了错误报告。已输入的内容已保留，"
                                  "请重试该操作；如果再次出现，请点“复制报告”发给技术支持。"),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("crash_dialog")
        box.setDetailedText(details)
        copy = box.addButton(self.tr("复制报告"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
