"""The supervisor console: negative ratings to follow up by their deadline, and overdue or due-soon cases."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget,
    QVBoxLayout, QWidget,
)

from desk_app.domain.errors import KnownError
from desk_app.ui.window.intake_screen import error_label

_LATE = QBrush(QColor("#fadbd8"))
_SOON = QBrush(QColor("#fcf3cf"))


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setStretchLastSection(True)
    return t


class SupervisorConsole(QWidget):
    """``SupervisorConsole(ctx)``; services used: ``ctx.services.supervision`` (SupervisionService) and
    ``ctx.services.rating`` (RatingService, for recording follow-ups). Refreshes on rating/case changes and
    every few minutes (dates roll over at midnight)."""

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, refresh_ms: int = 300_000):
        super().__init__(parent)
        self.ctx = ctx
        self.supervision = ctx.services.supervision
        self.negatives: list[Any] = []
        self.alerts: list[Any] = []
        self._build()
        ctx.bridge.changed.connect(self._on_bridge_changed)
        self._timer = QTimer(self, interval=refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def _build(self) -> None:
        tr = self.tr
        self.tabs = QTabWidget()
        neg = QWidget()
        self.neg_table = _table([tr("办件编号"), tr("评价"), tr("窗口"), tr("工作人员"), tr("整改期限"), tr("状态"),
                                 tr("原因与意见")])
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("回访或整改情况"))
        self.follow_button = QPushButton(tr("记录回访"))
        self.follow_button.clicked.connect(lambda: self.follow_up(rectified=False))
        self.rectify_button = QPushButton(tr("整改完成"))
        self.rectify_button.clicked.connect(lambda: self.follow_up(rectified=True))
        self.neg_error = error_label()
        nl = QVBoxLayout(neg)
        nl.addWidget(self.neg_table, 1)
        row = QHBoxLayout()
        for w in (self.note, self.follow_button, self.rectify_button):
            row.addWidget(w)
        nl.addLayout(row)
        nl.addWidget(self.neg_error)
        self.tabs.addTab(neg, tr("差评整改"))

        cases = QWidget()
        self.case_table = _table([tr("办件编号"), tr("情况"), tr("申请人"), tr("事项"), tr("承诺办结"),
                                  tr("补正期限"), tr("窗口"), tr("延期理由")])
        cl = QVBoxLayout(cases)
        cl.addWidget(self.case_table)
        self.tabs.addTab(cases, tr("超期与临期办件"))
        self.summary = QLabel()
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.tabs)

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        sup = self.supervision
        self.ctx.runner.read(lambda: (sup.negative_ratings(), sup.case_alerts()), success=self._fill,
                             failure=self._fail, parent=self)

    def _on_bridge_changed(self, kind: str, _events: object) -> None:
        if kind in ("rating", "case"):
            self.refresh()

    def _fail(self, exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            self.neg_error.setText(exc.message)
            self.neg_error.show()
        else:
            import traceback
            self.ctx.bridge.crashed.emit("".join(traceback.format_exception(exc)))

    def _fill(self, data: tuple[list[Any], list[Any]]) -> None:
        self.negatives, self.alerts = data
        self.neg_table.setRowCount(len(self.negatives))
        status_labels = {"open": self.tr("待回访"), "in_progress": self.tr("整改中"), "rectified": self.tr("已整改")}
        for i, n in enumerate(self.negatives):
            detail = "、".join(n.reasons) + (f"：{n.text}" if n.text else "")
            values = (n.case_number, f"{n.level} {self.tr(n.level_label)}",
                      str(n.window_number or ""), n.clerk, n.follow_up_due or "",
                      status_labels.get(n.follow_status, n.follow_status) + (self.tr("（已逾期）") if n.late else ""),
                      detail)
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.ItemDataRole.UserRole, n.rating_id)
                if n.late:
                    item.setBackground(_LATE)
                self.neg_table.setItem(i, col, item)
        self.case_table.setRowCount(len(self.alerts))
        for i, a in enumerate(self.alerts):
            values = (a.case_number, self.tr(a.kind_label), a.applicant_name, a.item_names, a.due_date or "",
                      a.supplement_deadline or "", str(a.window_number or ""), a.extension_reason)
            for col, v in enumerate(values):
                item = QTableWidgetItem(v)
                item.setData(Qt.ItemDataRole.UserRole, a.case_id)
                item.setBackground(_SOON if a.kind == "due_soon" else _LATE)
                self.case_table.setItem(i, col, item)
        late = sum(1 for n in self.negatives if n.late)
        overdue = sum(1 for a in self.alerts if a.kind != "due_soon")
        self.summary.setText(self.tr("待整改差评 %1 件（逾期 %2 件）；超期办件 %3 件，临期 %4 件").replace(
            "%1", str(len(self.negatives))).replace("%2", str(late)).replace("%3", str(overdue)).replace(
            "%4", str(len(self.alerts) - overdue)))

    def follow_up(self, *, rectified: bool) -> None:
        row = self.neg_table.currentRow()
        rating = getattr(self.ctx.services, "rating", None)
        if not 0 <= row < len(self.negatives) or rating is None:
            return
        rid, note = self.negatives[row].rating_id, self.note.text()
        self.neg_error.hide()
        self.ctx.runner.write(lambda: rating.follow_up(rid, note, rectified=rectified),
                              success=lambda _s: (self.note.clear(), self.refresh()), failure=self._fail,
                              parent=self)
