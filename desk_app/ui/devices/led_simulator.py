"""On-screen stand-in for the window LED display: red text on black, as the real panel shows it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desk_app.devices.health import DeviceHealth
from desk_app.devices.led_display import LedState, SimulatedLedDisplay
from desk_app.runtime.relay import ThreadRelay


class LedSimulatorWidget(QWidget):
    """``LedSimulatorWidget(display, parent)``: follows a SimulatedLedDisplay (updates may come from workers)."""

    def __init__(self, display: SimulatedLedDisplay, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ledSimulator")
        self.setStyleSheet("#ledSimulator { background: #0b0b0b; border: 2px solid #333; }"
                           "QLabel { color: #ff3b2f; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        f = QFont()
        f.setPointSize(20)
        f.setBold(True)
        self.label.setFont(f)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        self.setMinimumSize(320, 64)
        self._display = display
        # The display reports on whichever thread drove it: through relays, queued to the UI thread.
        self._relays = (ThreadRelay(self._on_display_state_changed), ThreadRelay(self._on_display_health_changed))
        remove_a = display.add_listener(self._relays[0].send)
        remove_b = display.add_health_listener(self._relays[1].send)
        self.destroyed.connect(lambda *_: (remove_a(), remove_b()))
        self._refresh()

    def _on_display_state_changed(self, _state: LedState) -> None:
        self._refresh()

    def _on_display_health_changed(self, _health: DeviceHealth) -> None:
        self._refresh()

    def _refresh(self) -> None:
        if not self._display.health.ok:
            self.label.setText(self.tr("（窗口屏无信号）"))
            self.label.setStyleSheet("color: #553333;")
        else:
            self.label.setText(self._display.state.text)
            self.label.setStyleSheet("")
