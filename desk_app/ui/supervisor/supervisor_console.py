"""The supervisor console: negative ratings to follow up by their deadline, and overdue or due-soon cases."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from desk_app.domain.errors import KnownError
from desk_app.ui.errors import error_text
from desk_app.ui.widgets.field_error import error_label
from desk_app.ui.widgets.tables import list_table
from desk_app.ui.labels import label

_LATE = QBrush(QColor("#fadbd8"))
_SOON = QBrush(QColor("#fcf3cf"))



class SupervisorConsole(QWidget):
    """``SupervisorConsole(ctx)``; services used: ``ctx.services.supervision`` (SupervisionService),
    ``ctx.services.rating`` (RatingService, for recording follow-ups), ``ctx.services.queue`` (QueueService: the
    tab that switches tidal windows to the categories where the queue is long), ``.overview`` and ``.reports``
    (the live hall and the statistics tabs). Refreshes on changes and every few minutes (dates roll over at
    midnight)."""

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, refresh_ms: int = 300_000):
        super().__init__(parent)
        self.ctx = ctx
        self.supervision = ctx.services.supervision
        self._lists_read = 0  # the newest read of the two lists (see refresh)
        self.negatives: list[Any] = []
        self.alerts: list[Any] = []
        self.queue = ctx.services.queue
        self.tidal_windows: list[Any] = []
        self.category_boxes: dict[str, QCheckBox] = {}
        self._build()
        self._queue_timer = QTimer(self, singleShot=True, interval=1000)  # tickets change often: coalesce
        self._queue_timer.timeout.connect(self.refresh_tidal)
        ctx.bridge.changed.connect(self._on_bridge_changed)
        self._timer = QTimer(self, interval=refresh_ms)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def _build(self) -> None:
        self.tabs = QTabWidget()
        neg = QWidget()
        self.neg_table = list_table([self.tr("办件编号"), self.tr("评价"), self.tr("窗口"), self.tr("工作人员"),
                                     self.tr("整改期限"), self.tr("状态"), self.tr("原因与意见")])
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("回访或整改情况"))
        self.follow_button = QPushButton(self.tr("记录回访"))
        self.follow_button.clicked.connect(lambda: self.follow_up(rectified=False))
        self.rectify_button = QPushButton(self.tr("整改完成"))
        self.rectify_button.clicked.connect(lambda: self.follow_up(rectified=True))
        self.neg_error = error_label()
        nl = QVBoxLayout(neg)
        nl.addWidget(self.neg_table, 1)
        row = QHBoxLayout()
        for w in (self.note, self.follow_button, self.rectify_button):
            row.addWidget(w)
        nl.addLayout(row)
        nl.addWidget(self.neg_error)
        self.tabs.addTab(neg, self.tr("差评整改"))

        cases = QWidget()
        self.case_table = list_table([self.tr("办件编号"), self.tr("情况"), self.tr("申请人"), self.tr("事项"), self.tr("承诺办结"),
                                  self.tr("补正期限"), self.tr("窗口"), self.tr("延期理由")])
        cl = QVBoxLayout(cases)
        cl.addWidget(self.case_table)
        self.tabs.addTab(cases, self.tr("超期与临期办件"))
        tidal = QWidget()
        self.tidal_table = list_table([self.tr("窗口"), self.tr("名称"), self.tr("当前业务类别"), self.tr("状态")])
        self.categories_row = QHBoxLayout()
        self.switch_button = QPushButton(self.tr("切换为所选类别"))
        self.switch_button.clicked.connect(self.switch_selected)
        self.reset_button = QPushButton(self.tr("恢复默认类别"))
        self.reset_button.clicked.connect(lambda: self.switch_selected(reset=True))
        self.tidal_error = error_label()
        tl = QVBoxLayout(tidal)
        tl.addWidget(self.tidal_table, 1)
        tl.addWidget(QLabel(self.tr("业务类别（括号内为等候人数）")))
        tl.addLayout(self.categories_row)
        row2 = QHBoxLayout()
        row2.addStretch(1)
        row2.addWidget(self.reset_button)
        row2.addWidget(self.switch_button)
        tl.addLayout(row2)
        tl.addWidget(self.tidal_error)
        self.tabs.addTab(tidal, self.tr("潮汐窗口"))
        self._add_report_tabs()
        self.summary = QLabel()
        # Next year's holidays not published (from 1 November): long items cannot be accepted; say who acts.
        self.calendar_notice = error_label()
        self.calendar_notice.setObjectName("calendarNotice")
        self.cover_button = QPushButton(self.tr("打印日报封面"))
        self.cover_button.setToolTip(self.tr("今日取号、收件、受理、告知、不予受理、出件和评价数，编号后预览打印"))
        self.cover_button.clicked.connect(self.print_daily_cover)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.cover_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.calendar_notice)
        lay.addLayout(head)
        lay.addWidget(self.tabs)

    def _add_report_tabs(self) -> None:
        """The live hall first, then the statistics (each in its own module under ui/supervisor/)."""
        from desk_app.ui.supervisor.hall_overview import HallOverview
        from desk_app.ui.supervisor.report_view import ReportView
        self.overview = HallOverview(self.ctx)
        self.tabs.insertTab(0, self.overview, self.tr("大厅实况"))
        self.tabs.setCurrentIndex(0)
        self.report_view = ReportView(self.ctx)
        self.tabs.addTab(self.report_view, self.tr("统计报表"))
        from desk_app.ui.admin.privacy_panel import PrivacyPurgePanel
        page = QWidget(self)
        col = QVBoxLayout(page)
        self.privacy = PrivacyPurgePanel(self.ctx, page)
        col.addWidget(self.privacy)
        col.addStretch(1)
        self.tabs.addTab(page, self.tr("个人信息清除"))

    # ------------------------------------------------------------------ data
    def refresh(self) -> None:
        sup = self.supervision
        # Two readers run at once: a read started earlier (by a rating's event) may end later. Only the
        # newest read fills the lists, so a supervisor never sees them go back to an older state.
        self._lists_read += 1
        read = self._lists_read
        self.ctx.runner.read(lambda: (sup.negative_ratings(), sup.case_alerts()),
                             success=lambda data: self._fill(data) if read == self._lists_read else None,
                             failure=self._fail, parent=self)
        self.ctx.runner.read(sup.calendar_notice, success=self._show_calendar_notice, failure=self._fail,
                             parent=self)
        self.refresh_tidal()

    def _show_calendar_notice(self, text: str) -> None:
        self.calendar_notice.setText(text)
        self.calendar_notice.setVisible(bool(text))

    def _on_bridge_changed(self, kind: str, _events: object) -> None:
        if kind in ("rating", "case"):
            self.refresh()
        elif kind in ("ticket", "window") and not self._queue_timer.isActive():
            self._queue_timer.start()

    # ------------------------------------------------------------------ daily report cover
    def print_daily_cover(self) -> None:
        printing, user = self.ctx.services.printing, self.ctx.user
        self.cover_button.setEnabled(False)

        def issued(doc: Any) -> None:
            self.cover_button.setEnabled(True)
            self.last_cover = doc
            pipeline = getattr(self.ctx, "print_pipeline", None)
            if pipeline is not None:
                self.cover_preview = pipeline.preview([doc], self, actor=user.username)

        def failed(exc: KnownError) -> None:
            self.cover_button.setEnabled(True)
            self._fail(exc)
        op = self.ctx.runner.write(
            lambda: printing.issue_daily_cover(actor=user.username, prepared_by=user.display_name),
            success=issued, failure=failed, parent=self)
        if op is not None:  # the runner showed the bug
            op.on_bug(lambda: self.cover_button.setEnabled(True))

    # ------------------------------------------------------------------ tidal windows
    def refresh_tidal(self) -> None:
        q = self.queue
        self.ctx.runner.read(lambda: (q.windows(), q.categories()), success=self._fill_tidal,
                             failure=self._tidal_fail, parent=self)

    def _tidal_fail(self, exc: KnownError) -> None:
        self.tidal_error.setText(error_text(exc))
        self.tidal_error.show()

    def _fill_tidal(self, data: tuple[list[Any], list[Any]]) -> None:
        windows, categories = data
        selected = self.selected_tidal_window()
        self.tidal_windows = [w for w in windows if w.tidal and w.active]
        self.tidal_table.setRowCount(len(self.tidal_windows))
        for i, w in enumerate(self.tidal_windows):
            state = self.tr("暂停") if w.paused else self.tr("服务中")
            for col, v in enumerate((str(w.number), w.name, self.tr("、").join(w.categories), state)):
                self.tidal_table.setItem(i, col, QTableWidgetItem(v))
            if selected is not None and w.number == selected.number:
                self.tidal_table.selectRow(i)
        checked = {p for p, b in self.category_boxes.items() if b.isChecked()}
        for box in self.category_boxes.values():
            self.categories_row.removeWidget(box)
            box.deleteLater()
        self.category_boxes = {}
        for c in categories:
            if not c.active:
                continue
            box = QCheckBox(self.tr("%1 %2（%3）").replace("%1", c.prefix).replace("%2", c.name)
                            .replace("%3", str(c.waiting)))
            box.setChecked(c.prefix in checked)
            self.category_boxes[c.prefix] = box
            self.categories_row.addWidget(box)

    def selected_tidal_window(self) -> Any:
        row = self.tidal_table.currentRow()
        return self.tidal_windows[row] if 0 <= row < len(self.tidal_windows) else None

    def switch_selected(self, *, reset: bool = False) -> None:
        w = self.selected_tidal_window()
        if w is None:
            self._tidal_fail(KnownError(self.tr("请先在表中选择一个潮汐窗口。"), field="window"))
            return
        cats = None if reset else [p for p, b in self.category_boxes.items() if b.isChecked()]
        q, actor = self.queue, self.ctx.user.username
        self.tidal_error.hide()
        self.ctx.runner.write(lambda: q.switch_categories(w.number, cats, actor=actor),
                              success=lambda _info: self.refresh_tidal(), failure=self._tidal_fail, parent=self)

    def _fail(self, exc: KnownError) -> None:
        self.neg_error.setText(error_text(exc))
        self.neg_error.show()

    def _fill(self, data: tuple[list[Any], list[Any]]) -> None:
        self.negatives, self.alerts = data
        self.neg_table.setRowCount(len(self.negatives))
        status_labels = {"open": self.tr("待回访"), "in_progress": self.tr("整改中"), "rectified": self.tr("已整改")}
        for i, n in enumerate(self.negatives):
            detail = self.tr("、").join(label(r) for r in n.reasons) + (
                self.tr("：%1").replace("%1", n.text) if n.text else "")
            values = (n.case_number, f"{n.level} {label(n.level_label)}",
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
            values = (a.case_number, label(a.kind_label), a.applicant_name, a.item_names, a.due_date or "",
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
        rating = self.ctx.services.rating
        if not 0 <= row < len(self.negatives):
            return
        rid, note = self.negatives[row].rating_id, self.note.text()
        self.neg_error.hide()
        self.ctx.runner.write(lambda: rating.follow_up(rid, note, rectified=rectified),
                              success=lambda _s: (self.note.clear(), self.refresh()), failure=self._fail,
                              parent=self)
