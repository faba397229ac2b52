"""The 办不成事 window: record what could not get done, link it to a ticket or case, follow it to resolution."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desk_app.domain import complaint as c
from desk_app.domain.errors import KnownError
from desk_app.ui.errors import error_text
from desk_app.ui.service_binding import bind_service
from desk_app.ui.widgets.field_error import error_label
from desk_app.ui.labels import label


class ComplaintWindow(QWidget):
    """``ComplaintWindow(ctx)``; services used: ``ctx.services.complaints`` (ComplaintService)."""

    recorded = Signal(object)   # ComplaintState

    def __init__(self, ctx: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.complaints = bind_service(ctx.services.complaints, ctx)
        self.rows: list[c.ComplaintState] = []
        self._build()
        self._errors = {"category": self.form_error, "description": self.form_error, "phone": self.form_error,
                        "case_number": self.link_error, "ticket_number": self.link_error,
                        "note": self.follow_error, "resolution": self.follow_error, "complaint": self.follow_error}
        ctx.bridge.changed.connect(self._on_bridge_changed)
        self.refresh()

    def _build(self) -> None:
        form_box = QGroupBox(self.tr("登记反映"))
        self.category = QComboBox()
        self.category.addItem(self.tr("（请选择类别）"), "")
        for key, category in c.CATEGORIES.items():
            self.category.addItem(label(category), key)
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("没有办成的事情、经过和诉求"))
        self.description.setMaximumHeight(100)
        self.complainant = QLineEdit()
        self.phone = QLineEdit()
        self.ticket_number = QLineEdit()
        self.ticket_number.setPlaceholderText(self.tr("今日排队号，如 A023"))
        self.case_number = QLineEdit()
        self.case_number.setPlaceholderText(self.tr("办件编号（可扫码）"))
        self.form_error, self.link_error = error_label(), error_label()
        self.record_button = QPushButton(self.tr("登记"))
        self.record_button.clicked.connect(self.record)
        f = QFormLayout(form_box)
        f.addRow(self.tr("类别"), self.category)
        f.addRow(self.tr("问题描述"), self.description)
        f.addRow(self.tr("反映人"), self.complainant)
        f.addRow(self.tr("联系电话"), self.phone)
        f.addRow("", self.form_error)
        f.addRow(self.tr("关联排队号"), self.ticket_number)
        f.addRow(self.tr("关联办件"), self.case_number)
        f.addRow("", self.link_error)
        f.addRow(self.record_button)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("编号"), self.tr("类别"), self.tr("状态"), self.tr("办结期限"),
                                              self.tr("关联"), self.tr("问题")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        follow = QGroupBox(self.tr("跟进所选反映"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("处理进展"))
        self.handler = QLineEdit()
        self.handler.setPlaceholderText(self.tr("承办人/部门"))
        self.progress_button = QPushButton(self.tr("记录进展"))
        self.progress_button.clicked.connect(self.add_progress)
        self.resolution = QLineEdit()
        self.resolution.setPlaceholderText(self.tr("处理结果"))
        self.satisfied = QComboBox()
        self.satisfied.addItem(self.tr("未回访"), None)
        self.satisfied.addItem(self.tr("反映人满意"), True)
        self.satisfied.addItem(self.tr("反映人不满意"), False)
        self.resolve_button = QPushButton(self.tr("办结"))
        self.resolve_button.clicked.connect(self.resolve)
        self.follow_error = error_label()
        fl = QVBoxLayout(follow)
        r1 = QHBoxLayout()
        for w in (self.note, self.handler, self.progress_button):
            r1.addWidget(w)
        r2 = QHBoxLayout()
        for w in (self.resolution, self.satisfied, self.resolve_button):
            r2.addWidget(w)
        fl.addLayout(r1)
        fl.addLayout(r2)
        fl.addWidget(self.follow_error)

        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("反映记录（未办结在前）")))
        right.addWidget(self.table, 1)
        right.addWidget(follow)
        left = QVBoxLayout()
        left.addWidget(form_box)
        left.addStretch(1)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 1)
        lay.addLayout(right, 2)

    # ------------------------------------------------------------------ helpers
    def _fail(self, exc: KnownError) -> None:
        lab = self._errors.get(exc.field or "", self.form_error)
        lab.setText(error_text(exc))
        lab.show()

    def error_text(self, field: str) -> str:
        lab = self._errors.get(field, self.form_error)
        return lab.text() if not lab.isHidden() else ""

    def _write(self, fn: Callable[[], Any], success: Callable[[Any], None]) -> None:
        for lab in (self.form_error, self.link_error, self.follow_error):
            lab.hide()
        self.ctx.runner.write(fn, success=success, failure=self._fail, parent=self)

    def refresh(self) -> None:
        self.ctx.runner.read(self.complaints.open_list, success=self._fill, failure=self._fail, parent=self)

    def _fill(self, rows: list[c.ComplaintState]) -> None:
        selected = self.selected()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, s in enumerate(rows):
            link = s.case_number or s.ticket_number
            values = (s.number, label(c.CATEGORIES.get(s.category, s.category)),
                      label(c.STATUS_LABELS.get(s.status, s.status)), s.due_date or "", link, s.description)
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                self.table.setItem(i, col, item)
            if selected is not None and s.id == selected.id:
                self.table.selectRow(i)

    def selected(self) -> c.ComplaintState | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _on_bridge_changed(self, kind: str, _events: object) -> None:
        if kind == "complaint":
            self.refresh()

    # ------------------------------------------------------------------ actions
    def record(self) -> None:
        kw = dict(category=self.category.currentData() or "", description=self.description.toPlainText(),
                  complainant_name=self.complainant.text(), phone=self.phone.text(),
                  ticket_number=self.ticket_number.text(), case_number=self.case_number.text())

        def done(state: c.ComplaintState) -> None:
            for w in (self.description, self.complainant, self.phone, self.ticket_number, self.case_number):
                w.clear()
            self.category.setCurrentIndex(0)
            self.ctx.bridge.info.emit(self.tr("已登记反映 %1，办结期限 %2。").replace("%1", state.number)
                                      .replace("%2", state.due_date or ""))
            self.recorded.emit(state)
            self.refresh()
        self._write(lambda: self.complaints.record(**kw), done)

    def add_progress(self) -> None:
        s = self.selected()
        if s is None:
            return
        note, handler = self.note.text(), self.handler.text()
        self._write(lambda: self.complaints.progress(s.id, note, handler=handler),
                    lambda _st: (self.note.clear(), self.refresh()))

    def resolve(self) -> None:
        s = self.selected()
        if s is None:
            return
        text, satisfied = self.resolution.text(), self.satisfied.currentData()
        self._write(lambda: self.complaints.resolve(s.id, text, satisfied=satisfied),
                    lambda _st: (self.resolution.clear(), self.refresh()))
