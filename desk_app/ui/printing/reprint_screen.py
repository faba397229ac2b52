"""补打文书: find a case by its number (typed or scanned), list the documents printed for it, preview or reprint one."""
from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from desk_app.domain.errors import KnownError
from desk_app.ui.errors import error_text
from desk_app.ui.printing.jobs import kind_name
from desk_app.ui.printing.pipeline import state_text


class ReprintDialog(QDialog):
    """``ReprintDialog(ctx, case_number="")``: uses ``ctx.services.printing`` and ``ctx.print_pipeline``."""

    loaded = Signal(str)  # case number, after its documents are listed

    def __init__(self, ctx: Any, case_number: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.printing = ctx.services.printing
        self.pipeline = getattr(ctx, "print_pipeline", None)
        self.case_id: str | None = None
        self.rows: list[Any] = []  # PrintoutInfo
        self.setWindowTitle(self.tr("补打文书"))
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("输入或扫描办件编号"))
        self.find_button = QPushButton(self.tr("查找"), self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("文书"), self.tr("文书编号"), self.tr("出具时间"),
                                              self.tr("打印次数"), self.tr("其中补打"), self.tr("最近一次")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.preview_button = QPushButton(self.tr("预览"), self)
        self.reprint_button = QPushButton(self.tr("重打所选文书"), self)
        self.close_button = QPushButton(self.tr("关闭"), self)
        self.preview_button.setAutoDefault(False)
        self.reprint_button.setAutoDefault(False)
        self.find_button.setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("办件编号"), self))
        top.addWidget(self.number, 1)
        top.addWidget(self.find_button)
        bar = QHBoxLayout()
        bar.addStretch(1)
        for b in (self.preview_button, self.reprint_button, self.close_button):
            bar.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.error)
        lay.addWidget(self.table, 1)
        lay.addLayout(bar)
        self.resize(820, 420)

        self.number.returnPressed.connect(self.find)
        self.find_button.clicked.connect(self.find)
        self.table.itemActivated.connect(lambda _it: self.preview_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.preview_button.clicked.connect(self.preview_selected)
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.close_button.clicked.connect(self.reject)
        ctx.bridge.changed.connect(self._on_bridge_changed)
        self._update_buttons()
        if case_number:
            self.number.setText(case_number)
            self.find()

    def find(self) -> None:
        self.error.clear()
        text = self.number.text()
        printing = self.printing
        self.ctx.runner.read(lambda: printing.case_documents(text), success=self._on_found,
                             failure=self._fail, parent=self)

    def _fail(self, exc: KnownError) -> None:
        self.error.setText(error_text(exc))

    def _on_found(self, found: tuple[str, str, list[Any]]) -> None:
        self.case_id, number, self.rows = found
        self.number.setText(number)
        keep = self.table.currentRow()
        self.table.setRowCount(len(self.rows))
        for r, info in enumerate(self.rows):
            when = _dt.datetime.fromtimestamp(info.created_at_ms / 1000).strftime("%Y-%m-%d %H:%M")
            for c, text in enumerate((kind_name(info.kind), info.number, when, str(info.print_count),
                                      str(info.reprint_count), state_text(info.last_job_state))):
                self.table.setItem(r, c, QTableWidgetItem(text))
        if not self.rows:
            self.error.setText(self.tr("办件 %1 还没有出具过文书。").replace("%1", number))
        elif self.rows:
            self.table.selectRow(min(max(keep, 0), len(self.rows) - 1))
            self.table.setFocus()
        self._update_buttons()
        self.loaded.emit(number)

    def _update_buttons(self) -> None:
        ok = self.pipeline is not None and 0 <= self.table.currentRow() < len(self.rows)
        self.preview_button.setEnabled(ok)
        self.reprint_button.setEnabled(ok)

    def _selected(self) -> Any:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _with_document(self, then) -> None:
        info = self._selected()
        if info is None or self.pipeline is None:
            return
        printing, pid = self.printing, info.printout_id

        def got(doc: Any) -> None:
            # what the log knows about this print, so the preview offers 重打 rather than a second original
            self.pipeline.jobs.setdefault(doc.print_id, info.last_job_state)
            then(doc)
        self.ctx.runner.read(lambda: printing.printed_document(pid), success=got, failure=self._fail, parent=self)

    def preview_selected(self) -> None:
        self._with_document(lambda doc: self.pipeline.preview([doc], self, actor=self.ctx.user.username))

    def reprint_selected(self) -> None:
        self._with_document(lambda doc: self.pipeline.reprint(doc, actor=self.ctx.user.username))

    def _on_bridge_changed(self, kind: str, _events: object) -> None:
        if kind == "printout" and self.case_id is not None and self.isVisible():
            self.find()

    def done(self, result: int) -> None:
        try:
            self.ctx.bridge.changed.disconnect(self._on_bridge_changed)
        except (RuntimeError, TypeError):
            pass
        super().done(result)


def open_reprint(ctx: Any, parent: QWidget | None, case_number: str = "") -> ReprintDialog:
    dlg = ReprintDialog(ctx, case_number, parent)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.show()
    return dlg
