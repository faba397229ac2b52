"""Settings page: how documents are printed (system spooler or a folder), the printer of each kind with a test page,
and the thermal ticket paper width."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from desk_app.domain.printout_kinds import A4_KINDS
from desk_app.ui.printing.jobs import kind_name
from desk_app.ui.printing.pipeline import folder_of
from desk_app.ui.widgets.fitting import fitting_scroll_area

DEFAULT = ""  # stored for "the transport's default printer"


class PrinterSettingsPage(QWidget):
    """Takes a ScreenContext: ``ctx.settings`` (writes ``printing.*``) and ``ctx.print_pipeline`` (test pages,
    the printer list). ``printers``: a fixed list instead of asking the spooler (tests)."""

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, printers: list[str] | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.pipeline = getattr(ctx, "print_pipeline", None)
        self._fixed = printers
        self._names: list[str] = list(printers or [])
        self._default = ""
        self.combos: dict[str, QComboBox] = {}
        self.test_buttons: dict[str, QPushButton] = {}
        self.test_results: dict[str, QLabel] = {}

        how = QGroupBox(self.tr("打印方式"), self)
        self.transport_combo = QComboBox(how)
        self.transport_combo.addItem(self.tr("本机打印系统（Linux：CUPS；Windows：打印队列）"), "system")
        self.transport_combo.addItem(self.tr("保存为 PDF 文件（文件夹打印机，演示和测试用）"), "folder")
        self.folder_edit = QLineEdit(how)
        self.folder_edit.setPlaceholderText(self.tr("空：数据目录下的 printed 文件夹"))
        self.folder_note = QLabel(how)
        self.folder_note.setWordWrap(True)
        hl = QGridLayout(how)
        hl.addWidget(QLabel(self.tr("方式"), how), 0, 0)
        hl.addWidget(self.transport_combo, 0, 1)
        hl.addWidget(QLabel(self.tr("文件夹"), how), 1, 0)
        hl.addWidget(self.folder_edit, 1, 1)
        hl.addWidget(self.folder_note, 2, 1)

        kinds = QGroupBox(self.tr("每种文书使用的打印机"), self)
        grid = QGridLayout(kinds)
        for r, kind in enumerate(A4_KINDS):
            combo = QComboBox(kinds)
            combo.setObjectName(f"printer_{kind}")
            combo.setMinimumWidth(260)
            button = QPushButton(self.tr("打印测试页"), kinds)
            button.setObjectName(f"test_page_{kind}")
            button.setEnabled(self.pipeline is not None)
            result = QLabel(kinds)
            result.setWordWrap(True)
            grid.addWidget(QLabel(kind_name(kind), kinds), r, 0)
            grid.addWidget(combo, r, 1)
            grid.addWidget(button, r, 2)
            grid.addWidget(result, r, 3)
            grid.setColumnStretch(3, 1)
            self.combos[kind], self.test_buttons[kind], self.test_results[kind] = combo, button, result
            combo.currentIndexChanged.connect(lambda _i, k=kind: self._on_combo_changed(k))
            button.clicked.connect(lambda _=False, k=kind: self.print_test_page(k))

        self.width_combo = QComboBox(self)
        self.width_combo.addItem(self.tr("80 毫米"), 80)
        self.width_combo.addItem(self.tr("58 毫米"), 58)
        self.refresh_button = QPushButton(self.tr("刷新打印机列表"), self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        ticket = QHBoxLayout()
        ticket.addWidget(QLabel(self.tr("小票纸宽"), self))
        ticket.addWidget(self.width_combo)
        ticket.addStretch(1)
        ticket.addWidget(self.refresh_button)
        body = QWidget(self)
        lay = QVBoxLayout(body)
        lay.addWidget(how)
        lay.addWidget(kinds)
        lay.addLayout(ticket)
        lay.addWidget(self.note)
        lay.addStretch(1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(fitting_scroll_area(body))  # eight document kinds do not fit 768 px with the status bar

        self.refresh_button.clicked.connect(self.reload)
        self.width_combo.currentIndexChanged.connect(self._on_width_changed)
        self.transport_combo.currentIndexChanged.connect(self._on_transport_changed)
        self.folder_edit.editingFinished.connect(self._on_folder_edited)
        if self.pipeline is not None:
            self.pipeline.test_page_finished.connect(self._on_pipeline_test_page_finished)
        self._fill_transport()
        self.reload()

    # ------------------------------------------------------------------ data
    def _fill_transport(self) -> None:
        s = self.ctx.settings
        self.transport_combo.blockSignals(True)
        self.transport_combo.setCurrentIndex(max(0, self.transport_combo.findData(s.get("printing.transport"))))
        self.transport_combo.blockSignals(False)
        self.folder_edit.setText(s.get("printing.folder") or "")
        folder = s.get("printing.transport") == "folder"
        self.folder_edit.setEnabled(folder)
        data_dir = self.pipeline.data_dir if self.pipeline is not None else None
        self.folder_note.setText(self.tr("文书保存到：%1").replace("%1", str(folder_of(s, data_dir))) if folder else "")

    def reload(self) -> None:
        """Ask the transport for its printers off the UI thread (a spooler may be slow), then fill the lists."""
        if self._fixed is not None or self.pipeline is None:
            self._fill(self._names, "")
            return
        transport = self.pipeline.transport
        self.ctx.runner.io(lambda: (transport.printers(), transport.default_printer()),
                           success=lambda r: self._fill(*r), parent=self)

    def _fill(self, names: list[str], default: str) -> None:
        self._names, self._default = list(names), default
        chosen = dict(self.ctx.settings.get("printing.printers") or {})
        for kind, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("默认打印机（%1）").replace("%1", default) if default else self.tr("默认打印机"), DEFAULT)
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
        self.note.setText(self.tr("本机没有安装打印机，文书将无法打印。请先在系统中添加打印机，"
                                  "或选择“保存为 PDF 文件”。") if not names and not default else "")

    # ------------------------------------------------------------------ edits
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

    def _on_transport_changed(self, _i: int) -> None:
        self.ctx.settings.set("printing.transport", self.transport_combo.currentData())
        self._fill_transport()
        self.reload()

    def _on_folder_edited(self) -> None:
        self.ctx.settings.set("printing.folder", self.folder_edit.text().strip())
        self._fill_transport()

    # ------------------------------------------------------------------ test page
    def print_test_page(self, kind: str) -> None:
        if self.pipeline is None:
            return
        self.test_buttons[kind].setEnabled(False)
        self.test_results[kind].setStyleSheet("")
        self.test_results[kind].setText(self.tr("正在打印测试页……"))
        self.pipeline.print_test_page(kind)

    def _on_pipeline_test_page_finished(self, kind: str, state: str, message: str) -> None:
        if kind not in self.test_buttons:
            return
        self.test_buttons[kind].setEnabled(True)
        color = {"printed": "#1e8449", "failed": "#c0392b"}.get(state, "#9a6700")
        self.test_results[kind].setStyleSheet(f"color: {color};")
        self.test_results[kind].setText(message)
