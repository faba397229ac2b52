"""A bar at the top of a window that shows the bridge's messages in Chinese until they are dismissed or replaced."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desk_app.domain.errors import KnownError
from desk_app.runtime.bridge import MessageBridge
from desk_app.ui.errors import error_text

_INFO_MS = 5000  # info fades on its own; warnings and errors stay until read


class MessageBar(QFrame):
    def __init__(self, bridge: MessageBridge, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("messageBar")
        self._label = QLabel()
        self._label.setWordWrap(True)
        close = QPushButton(self.tr("知道了"))
        close.clicked.connect(self.hide)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        lay.addWidget(self._label, 1)
        lay.addWidget(close)
        self._timer = QTimer(self, singleShot=True, interval=_INFO_MS, timeout=self.hide)
        # Bound slots, not lambdas: the bridge outlives the bar, and Qt drops a slot's connection when its
        # object is destroyed, while a lambda would go on calling into the deleted bar.
        bridge.info.connect(self._on_bridge_info)
        bridge.warning.connect(self._on_bridge_warning)
        bridge.error.connect(self._on_bridge_error)
        bridge.known_error.connect(self._on_bridge_known_error)
        self.hide()

    def _on_bridge_info(self, text: str) -> None:
        self.show_message("info", text)

    def _on_bridge_warning(self, text: str) -> None:
        self.show_message("warning", text)

    def _on_bridge_error(self, text: str) -> None:
        self.show_message("error", text)

    def _on_bridge_known_error(self, exc: KnownError) -> None:
        self.show_message("error", error_text(exc))

    def show_message(self, level: str, text: str) -> None:
        self.setProperty("level", level)
        self.style().unpolish(self)
        self.style().polish(self)
        self._label.setText(text)
        self.show()
        if level == "info":
            self._timer.start()
        else:
            self._timer.stop()

    def text(self) -> str:
        return self._label.text() if self.isVisible() else ""
