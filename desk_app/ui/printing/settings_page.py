"""Settings page: which system printer each document kind goes to, and the thermal ticket paper width."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.ui.printing.jobs import KIND_NAMES, available_printers, default_printer, kind_name

DEFAULT = ""  # stored for "the system default printer"


class PrinterSettingsPage(QWidget):
    """Takes a ScreenContext (uses ``ctx.settings``); writes ``printing.printers`` and ``printing.ticket_width_mm``."""

    def __init__(self, ctx, parent: QWidget | None = None, *, printers: list[str] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._printers = printers
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for kind in KIND_NAMES:
            if kind == "ticket":
                continue
            combo = QComboBox(self)
            combo.setObjectName(f"printer_{kind}")
            self.combos[kind] = combo
            form.addRow(kind_name(kind), combo)
            combo.currentIndexChanged.connect(lambda _i, k=kind: self._on_combo_changed(k))
        self.width_combo = QComboBox(self)
        self.width_combo.addItem(self.tr("80 毫米"), 80)
        self.width_combo.addItem(self.tr("58 毫米"), 58)
        form.addRow(self.tr("小票纸宽"), self.width_combo)
        self.refresh_button = QPushButton(self.tr("刷新打印机列表"), self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("每种文书使用的打印机"), self))
        lay.addLayout(form)
        lay.addWidget(self.refresh_button)
        lay.addWidget(self.note)
        lay.addStretch(1)
        self.refresh_button.clicked.connect(self.reload)
        self.width_combo.currentIndexChanged.connect(self._on_width_changed)
        self.reload()

    def reload(self) -> None:
        names = self._printers if self._printers is not None else available_printers()
        chosen = dict(self.ctx.settings.get("printing.printers") or {})
        default = default_printer()
        for kind, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("系统默认打印机") + (f"（{default}）" if default else ""), DEFAULT)
            for n in names:
                combo.addItem(n, n)
            want = chosen.get(kind, DEFAULT)
            if want and want not in names:
                # keep a saved printer that is unplugged now, marked, rather than silently switching
                combo.addItem(self.tr("%1（未连接）").replace("%1", want), want)
            combo.setCurrentIndex(max(0, combo.findData(want)))
            combo.blockSignals(False)
        self.width_combo.blockSignals(True)
        self.width_combo.setCurrentIndex(max(0, self.width_combo.findData(self.ctx.settings.get(
            "printing.ticket_width_mm"))))
        self.width_combo.blockSignals(False)
        self.note.setText(self.tr("本机没有安装打印机，文书将无法打印。请先在系统中添加打印机。") if not names
                          and not default else "")

    def _on_combo_changed(self, kind: str) -> None:
        chosen = dict(self.ctx.settings.get("printing.printers") or {})
        value = self.combos[kind].currentData()
        if value:
            chosen[kind] = value
        else:
            chosen.pop(kind, None)
        self.ctx.settings.set("printing.printers", chosen)

    def _on_width_changed(self, _i: int) -> None:
        self.ctx.settings.set("printing.ticket_width_mm", self.width_combo.currentData())
