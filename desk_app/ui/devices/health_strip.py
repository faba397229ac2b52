"""A compact strip for every screen's status bar: one icon + name + state per device, the reason as tooltip."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desk_app.devices.health import DeviceHealth, DeviceRegistry
from desk_app.runtime.relay import ThreadRelay

# The strip's own names: seven devices and the sync state share a 1366 px status bar, so each language has
# short ones here (English "Barcode scanner" would squeeze its neighbours); the full name is in the tooltip.
SHORT_NAMES = {
    "scanner": QT_TRANSLATE_NOOP("DeviceHealthStrip", "扫码枪"),
    "camera": QT_TRANSLATE_NOOP("DeviceHealthStrip", "高拍仪"),
    "doc_scanner": QT_TRANSLATE_NOOP("DeviceHealthStrip", "扫描仪"),
    "rating_pad": QT_TRANSLATE_NOOP("DeviceHealthStrip", "评价器"),
    "led_display": QT_TRANSLATE_NOOP("DeviceHealthStrip", "窗口屏"),
    "ticket_printer": QT_TRANSLATE_NOOP("DeviceHealthStrip", "小票打印机"),
    "voice": QT_TRANSLATE_NOOP("DeviceHealthStrip", "语音播报"),
}
STATE_COLORS = {"connected": "#2e9d4f", "degraded": "#d99a2b", "missing": "#8a8f98", "error": "#d93f3f",
                "unknown": "#d99a2b"}


def state_text(state: str) -> str:
    return {
        "connected": QCoreApplication.translate("DeviceHealth", "正常"),
        "degraded": QCoreApplication.translate("DeviceHealth", "降级"),
        "missing": QCoreApplication.translate("DeviceHealth", "未连接"),
        "error": QCoreApplication.translate("DeviceHealth", "故障"),
        "unknown": QCoreApplication.translate("DeviceHealth", "未知"),
    }.get(state, state)


def health_state_text(h: DeviceHealth) -> str:
    """The state word for this device: a voice engine is not "plugged in", so a silent voice is unavailable."""
    if (h.kind, h.state) == ("voice", "missing"):
        return QCoreApplication.translate("DeviceHealth", "不可用")
    return state_text(h.state)


def state_icon(state: str, size: int = 12) -> QIcon:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(STATE_COLORS.get(state, "#8a8f98")))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(1, 1, size - 2, size - 2)
    p.end()
    return QIcon(pm)


def tooltip(h: DeviceHealth) -> str:
    line = QCoreApplication.translate("DeviceHealth", "%1：%2").replace("%1", h.name).replace("%2", health_state_text(h))
    return line + (f"\n{h.reason_cn}" if h.reason_cn else "")


class _Item(QWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(2, 0, 2, 0)  # seven of them share the status bar at 1366 px
        lay.setSpacing(3)
        self.icon = QLabel(self)
        self.text = QLabel(self)
        lay.addWidget(self.icon)
        lay.addWidget(self.text)
        self.health: DeviceHealth | None = None

    def show_health(self, h: DeviceHealth) -> None:
        self.health = h
        self.icon.setPixmap(state_icon(h.state).pixmap(12, 12))
        # Compact: the status bar holds seven devices and the sync state at 1366 px; the full name and
        # the reason are in the tooltip, and only a device that needs attention spells out its state.
        short = SHORT_NAMES.get(h.kind)
        label = QCoreApplication.translate("DeviceHealthStrip", short) if short else h.name
        self.text.setText(label if h.ok else QCoreApplication.translate("DeviceHealthStrip", "%1%2").replace(
            "%1", label).replace("%2", health_state_text(h)))
        self.setToolTip(tooltip(h))


class DeviceHealthStrip(QWidget):
    """``DeviceHealthStrip(registry, parent)``; add it to a status bar with ``addPermanentWidget``."""

    def __init__(self, registry: DeviceRegistry, parent: QWidget | None = None):
        super().__init__(parent)
        self._items: dict[str, _Item] = {}
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        for h in registry.all_health():
            self._on_registry_health_changed(h)
        # Devices report on their own threads: through the relay, queued to the UI thread (see ThreadRelay).
        self._relay = ThreadRelay(self._on_registry_health_changed)
        unsubscribe = registry.subscribe(self._relay.send)
        self.destroyed.connect(lambda *_: unsubscribe())

    def item(self, kind: str) -> _Item | None:
        return self._items.get(kind)

    def _on_registry_health_changed(self, h: DeviceHealth) -> None:
        item = self._items.get(h.kind)
        if item is None:
            item = _Item(self)
            self._items[h.kind] = item
            self._layout.addWidget(item)
        item.show_health(h)
