"""The main window: a navigation list of screens, the message bar, and a status bar (sync state, device health)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QListWidget, QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget,
)

from desk_app.runtime.bridge import MessageBridge
from desk_app.ui.widgets.message_bar import MessageBar

# Keys a screen acts on wherever the focus is in the main window (the clerk's F1–F8, the intake's F-keys).
FUNCTION_KEYS = frozenset(getattr(Qt.Key, f"Key_F{i}") for i in range(1, 13))


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
        # A page chosen with the mouse takes the keyboard at once (F1 calls right after clicking 1号窗口);
        # with the arrow keys the focus stays in the list, and function keys are passed on (keyPressEvent).
        self.nav.itemClicked.connect(self._on_nav_item_clicked)
        self._forwarding = False
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

    def _on_nav_item_clicked(self, _item) -> None:
        self.focus_page()

    def focus_page(self) -> None:
        """Give the keyboard to the current page: its own choice (``take_focus``), else the page itself."""
        page = self.stack.currentWidget()
        if page is None:
            return
        take = getattr(page, "take_focus", None)
        if callable(take):
            take()
        else:
            page.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # A function key pressed outside the current page (in the navigation list, the status bar) is the
        # page's: the clerk who just chose 1号窗口 presses F1 to call.
        page = self.stack.currentWidget()
        focus = QApplication.focusWidget()
        if (not self._forwarding and not self.covered and page is not None and event.key() in FUNCTION_KEYS
                and (focus is None or not page.isAncestorOf(focus))):
            copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(), event.isAutoRepeat(),
                             event.count())
            copy.ignore()
            self._forwarding = True
            try:
                QApplication.sendEvent(page, copy)
            finally:
                self._forwarding = False
            if copy.isAccepted():
                event.accept()
                return
        super().keyPressEvent(event)

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
