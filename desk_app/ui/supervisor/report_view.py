"""The supervisor's statistics: a period's figures by hall, category, window, clerk or day, charts, and exports."""
from __future__ import annotations

from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from desk_app.domain import reports as rp
from desk_app.domain.errors import KnownError
from desk_app.domain.printout_kinds import DAILY_REPORT_COVER
from desk_app.ui.errors import error_text
from desk_app.ui.supervisor.report_charts import ReportCharts
from desk_app.ui.widgets.delayed_progress import DelayedProgress
from desk_app.ui.widgets.field_error import error_label
from desk_app.ui.labels import label

PERIOD_LABELS = (("day", QT_TRANSLATE_NOOP("ReportView", "日")), ("week", QT_TRANSLATE_NOOP("ReportView", "周")),
                 ("month", QT_TRANSLATE_NOOP("ReportView", "月")), ("range", QT_TRANSLATE_NOOP("ReportView", "自定义")))


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ReportView(QWidget):
    """``ReportView(ctx)``: uses ``ctx.services.reports`` (ReportService); with ``ctx.services.printing`` the
    report cover goes to the print preview. ``choose_path`` (a callable giving a file name or "") may be
    replaced (tests) to skip the file dialog."""

    shown = Signal(object)        # the ReportScreen just shown
    exported = Signal(str)        # the file written
    export_failed = Signal(str)   # Chinese message (also shown beside the buttons)

    def __init__(self, ctx: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.services.reports
        self.report_screen: Any = None  # not "screen": that is QWidget.screen()
        self.export_op: DelayedProgress | None = None
        self.choose_path: Callable[[str], str] = self._ask_path
        self._build()
        self.query()

    def _build(self) -> None:
        self.kind = QComboBox()
        for key, period in PERIOD_LABELS:
            self.kind.addItem(self.tr(period), key)
        self.kind.setCurrentIndex(2)
        today = self.service.today()
        self.start = QDateEdit(_qdate(today))
        self.end = QDateEdit(_qdate(today))
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        self.dimension = QComboBox()
        for key in ("category", "window", "clerk", "day", "hall"):
            self.dimension.addItem(label(rp.DIMENSION_LABELS[key]), key)
        self.query_button = QPushButton(self.tr("查询"))
        self.query_button.clicked.connect(self.query)
        self.xlsx_button = QPushButton(self.tr("导出Excel"))
        self.xlsx_button.clicked.connect(self.export_xlsx)
        self.pdf_button = QPushButton(self.tr("打印报表封面"))
        self.pdf_button.clicked.connect(self.print_cover)
        self.error = error_label()
        self.period_label = QLabel()
        bar = QHBoxLayout()
        for w in (QLabel(self.tr("周期")), self.kind, QLabel(self.tr("日期")), self.start, QLabel(self.tr("至")), self.end,
                  QLabel(self.tr("分组")), self.dimension, self.query_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.xlsx_button)
        bar.addWidget(self.pdf_button)
        self.table = QTableWidget(0, len(rp.FIGURE_LABELS) + 1)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.charts = ReportCharts()
        self.inner = QTabWidget()
        self.inner.addTab(self.table, self.tr("数据"))
        self.inner.addTab(self.charts, self.tr("图表"))
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.period_label)
        lay.addWidget(self.inner, 1)
        lay.addWidget(self.error)

    # ------------------------------------------------------------------ query
    def period(self) -> rp.Period:
        kind = self.kind.currentData()
        start = _pydate(self.start.date())
        if kind == "range":
            end = _pydate(self.end.date())
            if end < start:
                raise KnownError(self.tr("结束日期早于开始日期，请重新选择。"), field="end")
            if (end - start).days > 366:
                raise KnownError(self.tr("自定义范围最长一年，请缩短范围或分次导出。"), field="end")
            return rp.period("range", start, end)
        return rp.period(kind, start)

    def query(self) -> None:
        try:
            p = self.period()
        except KnownError as exc:
            self._show_error(exc)
            return
        svc, dim = self.service, self.dimension.currentData()
        self.error.hide()
        op = self.ctx.runner.read(lambda: svc.screen(p, dim), success=self._show, failure=self._show_error,
                                  parent=self)
        if op is not None:  # a year of a city's figures can take a while
            op.with_progress(self.tr("正在统计……"))

    def _show_error(self, exc: KnownError) -> None:
        self.error.setText(error_text(exc))
        self.error.show()

    def _show(self, screen: Any) -> None:
        self.report_screen = screen
        report = screen.report
        names = screen.names.get(report.dimension)
        headers = [label(rp.DIMENSION_LABELS[report.dimension])] + [label(figure) for _n, figure, _f in
                                                                    rp.FIGURE_LABELS]
        self.table.setHorizontalHeaderLabels(headers)
        rows = [(rp.group_label(report.dimension, k, names), f) for k, f in report.groups.items()]
        rows.append((self.tr("合计"), report.total))
        self.table.setRowCount(len(rows))
        for i, (row_label, fig) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(row_label))
            for c, (name, _label, fmt) in enumerate(rp.FIGURE_LABELS, start=1):
                self.table.setItem(i, c, QTableWidgetItem(rp.format_figure(rp.figure_value(fig, name, fmt), fmt)))
        p = report.period
        self.period_label.setText(self.tr("统计期间 %1 至 %2（超期与整改按 %3 判断）").replace("%1", p.start)
                                  .replace("%2", p.end).replace("%3", report.as_of))
        self.charts.show_series(screen.hours, screen.weeks)
        self.shown.emit(screen)

    def cell_text(self, row_label: str, figure: str) -> str:
        """The figure as the table shows it (tests compare it with the export)."""
        col = 1 + [n for n, _l, _f in rp.FIGURE_LABELS].index(figure)
        for i in range(self.table.rowCount()):
            if self.table.item(i, 0).text() == row_label:
                return self.table.item(i, col).text()
        raise KeyError(row_label)

    # ------------------------------------------------------------------ exports
    def _ask_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出Excel"), suggested, "Excel (*.xlsx)")
        return path

    def export_xlsx(self) -> None:
        try:
            p = self.period()
        except KnownError as exc:
            self._show_error(exc)
            return
        path = self.choose_path(self.tr("统计报表_%1_%2.xlsx").replace("%1", str(p.start)).replace("%2", str(p.end)))
        if not path:
            return
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        svc = self.service
        self.error.hide()
        self.xlsx_button.setEnabled(False)
        op = DelayedProgress(self.ctx.runner, self.tr("正在导出Excel……"),
                             lambda state: str(svc.export_xlsx(p, path, progress=state)), self)
        op.finished.connect(self._on_export_finished)
        op.failed.connect(self._on_export_failed)
        op.cancelled.connect(lambda: self._on_export_failed(KnownError(self.tr("已取消导出，未生成文件。"))))
        self.export_op = op

    def _on_export_finished(self, path: str) -> None:
        self.xlsx_button.setEnabled(True)
        self.export_op = None
        self.ctx.bridge.info.emit(self.tr("已导出：%1").replace("%1", path))
        self.exported.emit(path)

    def _on_export_failed(self, exc: KnownError) -> None:
        self.xlsx_button.setEnabled(True)
        self.export_op = None
        self._show_error(exc)
        self.export_failed.emit(error_text(exc))

    def print_cover(self) -> None:
        """The report cover (daily or for the period) with these figures, numbered, then in the print preview."""
        printing = self.ctx.services.printing
        pipeline = getattr(self.ctx, "print_pipeline", None)
        if pipeline is None or self.report_screen is None:
            self._show_error(KnownError(self.tr("本机未配置打印，或报表尚未查询。"), field="printing"))
            return
        from desk_app.services.reference import hall_info
        from desk_app.services.reports import cover_data
        report, store = self.report_screen.report, self.service.store
        user = self.ctx.user
        who = user.display_name or user.username

        def issue() -> Any:
            return printing.issue(DAILY_REPORT_COVER, cover_data(report, hall_info(store), prepared_by=who),
                                  actor=user.username)

        def issued(doc: Any) -> None:
            self.preview_dialog = pipeline.preview([doc], self, actor=user.username)
        self.ctx.runner.write(issue, success=issued, failure=self._show_error, parent=self)
