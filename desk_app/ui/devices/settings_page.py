"""Device settings page: every device's health with a live 测试 button, serial ports and monitors to choose."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from desk_app.devices.health import KINDS, DeviceHealth, DeviceRegistry
from desk_app.devices.scanner import available_ports
from desk_app.runtime.relay import ThreadRelay
from desk_app.ui.devices.health_strip import health_state_text, state_icon
from desk_app.ui.errors import error_text
from desk_app.ui import labels

SERIAL_KINDS = ("scanner", "led_display", "rating_pad")


class DeviceSettingsPage(QWidget):
    """``DeviceSettingsPage(registry, runner, settings=None, parent=None)``.

    ``runner`` runs each device's ``self_test`` off the UI thread (``runner.io``). With ``settings``
    (runtime.settings.Settings) the page also edits the serial ports under the ``devices`` setting and the
    monitors ``applicant.screen`` / ``display.screen``; app.py re-creates a device when its settings change.
    """

    test_finished = Signal(str, bool, str)  # kind, ok, Chinese message

    def __init__(self, registry: DeviceRegistry, runner: Any, settings: Any = None,
                 parent: QWidget | None = None, *, print_pipeline: Any = None):
        super().__init__(parent)
        self.registry, self.runner, self.settings = registry, runner, settings
        self.print_pipeline = print_pipeline
        self._rows: dict[str, dict[str, Any]] = {}
        outer = QVBoxLayout(self)
        box = QGroupBox(self.tr("外设状态"), self)
        self._grid = QGridLayout(box)
        for col, title in enumerate([self.tr("设备"), self.tr("状态"), self.tr("说明"), "", self.tr("测试结果")]):
            if title:
                self._grid.addWidget(QLabel(f"<b>{title}</b>", box), 0, col + 1)
        self._grid.setColumnStretch(3, 1)  # the reason column takes the spare width
        outer.addWidget(box)
        self._box = box
        for dev in registry.devices():
            self._add_row(dev.kind)
        if settings is not None:
            outer.addWidget(self._build_config())
        if print_pipeline is not None:
            outer.addWidget(self._build_document_printer())
        outer.addStretch(1)
        # Devices report on their own threads: through the relay, queued to the UI thread (see ThreadRelay).
        self._relay = ThreadRelay(self._on_registry_health_changed)
        unsubscribe = registry.subscribe(self._relay.send)
        self.destroyed.connect(lambda *_: unsubscribe())

    # --- health rows -------------------------------------------------------------------------------
    def _add_row(self, kind: str) -> None:
        r = len(self._rows) + 1
        icon, name, state, reason, result = (QLabel(self._box) for _ in range(5))
        reason.setWordWrap(True)
        result.setWordWrap(True)
        button = QPushButton(self.tr("测试"), self._box)
        button.setObjectName(f"test_{kind}")
        button.clicked.connect(lambda _=False, k=kind: self.run_test(k))
        for col, w in enumerate([icon, name, state, reason, button, result]):
            self._grid.addWidget(w, r, col)
        self._rows[kind] = dict(icon=icon, name=name, state=state, reason=reason, button=button, result=result)
        h = self.registry.health(kind)
        if h is not None:
            self._show(h)

    def _show(self, h: DeviceHealth) -> None:
        row = self._rows[h.kind]
        row["icon"].setPixmap(state_icon(h.state).pixmap(14, 14))
        row["name"].setText(h.name or KINDS.get(h.kind, h.kind))
        row["state"].setText(health_state_text(h))
        row["reason"].setText(h.reason_cn)
        row["reason"].setToolTip(h.reason_cn)  # long reasons (the voice's) may not fit the row

    def _on_registry_health_changed(self, h: DeviceHealth) -> None:
        if h.kind not in self._rows:
            if self.registry.get(h.kind) is None:
                return
            self._add_row(h.kind)
        self._show(h)

    def row(self, kind: str) -> dict[str, Any]:
        return self._rows[kind]

    def run_test(self, kind: str) -> None:
        dev = self.registry.get(kind)
        row = self._rows[kind]
        if dev is None:
            return
        if kind == "camera" and hasattr(dev, "start"):
            dev.start()  # Qt camera objects live on the UI thread: open it here, check it on the worker
        row["button"].setEnabled(False)
        row["result"].setText(self.tr("正在测试…"))

        def done(ok: bool, text: str) -> None:
            row["button"].setEnabled(True)
            row["result"].setText(text)
            self.test_finished.emit(kind, ok, text)

        op = self.runner.io(dev.self_test, success=lambda text: done(True, text),
                            failure=lambda exc: done(False, error_text(exc)), parent=self)
        if op is not None:  # the runner showed the bug
            op.on_bug(lambda: done(False, self.tr("测试时程序出错，已记录日志。")))

    # --- configuration -----------------------------------------------------------------------------
    def _build_config(self) -> QWidget:
        box = QGroupBox(self.tr("外设设置"), self)
        form = QFormLayout(box)
        devices_cfg: dict = dict(self.settings.get("devices") or {})
        ports = [p.device for p in available_ports()]
        self.port_boxes: dict[str, QComboBox] = {}
        for kind in SERIAL_KINDS:
            combo = QComboBox(box)
            combo.setObjectName(f"port_{kind}")
            combo.addItem(self.tr("（未设置）"), "")
            current = (devices_cfg.get(kind) or {}).get("port") or ""
            for p in sorted(set(ports) | ({current} if current else set())):
                combo.addItem(p, p)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.currentIndexChanged.connect(lambda _i, k=kind, c=combo: self._set_port(k, c.currentData()))
            form.addRow(labels.label(KINDS[kind]) + self.tr(" 端口"), combo)
            self.port_boxes[kind] = combo
        names = [s.name() for s in QGuiApplication.screens()]
        self.screen_boxes: dict[str, QComboBox] = {}
        for key, label in (("applicant.screen", self.tr("评价屏显示器")), ("display.screen", self.tr("大厅屏显示器"))):
            combo = QComboBox(box)
            combo.setObjectName(key.replace(".", "_"))
            combo.addItem(self.tr("（自动：第二块屏幕）"), "")
            current = self.settings.get(key) or ""
            for n in names + ([current] if current and current not in names else []):
                combo.addItem(n, n)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.currentIndexChanged.connect(lambda _i, k=key, c=combo: self.settings.set(k, c.currentData()))
            form.addRow(label, combo)
            self.screen_boxes[key] = combo
        return box

    def _build_document_printer(self) -> QWidget:
        """A4 printers are chosen per document kind on the 打印设置 page; here: a test page on one of them."""
        from desk_app.domain.printout_kinds import A4_KINDS
        from desk_app.ui.printing.jobs import kind_name
        box = QGroupBox(self.tr("文书打印机（A4）"), self)
        row = QHBoxLayout(box)  # one row: this page shares 768 px of height with the device list
        self.test_page_kind = QComboBox(box)
        for kind in A4_KINDS:
            self.test_page_kind.addItem(kind_name(kind), kind)
        self.test_page_printer = QLabel(box)
        self.test_page_printer.setWordWrap(True)  # a long folder path must not widen the page
        self.test_page_button = QPushButton(self.tr("打印测试页"), box)
        self.test_page_button.setObjectName("test_page")
        self.test_page_result = QLabel(box)
        self.test_page_result.setWordWrap(True)
        row.addWidget(self.test_page_kind)
        row.addWidget(self.test_page_printer, 2)
        row.addWidget(self.test_page_button)
        row.addWidget(self.test_page_result, 1)
        self.test_page_kind.currentIndexChanged.connect(self._show_test_page_printer)
        if self.settings is not None:  # a bound method: the subscription ends with this page
            self.settings.subscribe("printing.printers", self._show_test_page_printer)
        self._show_test_page_printer()
        self.test_page_button.clicked.connect(self._on_test_page_clicked)
        self.print_pipeline.test_page_finished.connect(self._on_pipeline_test_page_finished)
        return box

    def _show_test_page_printer(self, *_args: Any) -> None:
        self.test_page_printer.setText(self.print_pipeline.printer_label(self.test_page_kind.currentData()))

    def _on_test_page_clicked(self) -> None:
        self.test_page_button.setEnabled(False)
        self.test_page_result.setText(self.tr("正在打印测试页……"))
        self.print_pipeline.print_test_page(self.test_page_kind.currentData())

    def _on_pipeline_test_page_finished(self, kind: str, state: str, message: str) -> None:
        if kind != self.test_page_kind.currentData():
            return
        self.test_page_button.setEnabled(True)
        self.test_page_result.setStyleSheet("color: #1e8449;" if state == "printed" else "color: #c0392b;")
        self.test_page_result.setText(message)

    def _set_port(self, kind: str, port: str) -> None:
        cfg = dict(self.settings.get("devices") or {})
        entry = dict(cfg.get(kind) or {})
        entry["port"] = port or None
        cfg[kind] = entry
        self.settings.set("devices", cfg)
