"""The statistics tab: the fixed day's figures on screen, the charts, and an XLSX export that matches them."""
from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QPushButton

from desk_app.domain import reports as rp
from desk_app.ui.supervisor.report_view import ReportView
from desk_app.ui.widgets.delayed_progress import DelayedProgress


@pytest.fixture
def view(qtbot, report_hall, make_ctx):
    ctx = make_ctx()
    v = ReportView(ctx)
    qtbot.addWidget(v)
    qtbot.wait_until(lambda: v.report_screen is not None)
    v.kind.setCurrentIndex(0)  # 日
    v.start.setDate(QDate(2026, 11, 23))
    v.dimension.setCurrentIndex(1)  # 窗口
    with qtbot.wait_signal(v.shown):
        v.query()
    return v


def test_table_shows_the_fixed_day_by_window(view):
    assert view.cell_text("合计", "tickets_issued") == "5"
    assert view.cell_text("合计", "wait_median_s") == "6.0"
    assert view.cell_text("合计", "satisfaction_rate") == "60.0%"
    assert view.cell_text("合计", "rectification_rate") == "50.0%"
    assert view.cell_text("1号窗口", "tickets_served") == "2"
    assert view.cell_text("1号窗口", "cases_overdue") == "1"
    assert view.cell_text("未到窗口", "wait_median_s") == "—"


def test_charts_hold_the_series(view):
    hours = {h.hour: h for h in view.charts.hours}
    assert hours[9].arrivals == 5
    arrivals = view.charts.arrival_chart.series()[0].barSets()[0]
    assert arrivals.at(1) == 5.0  # 9时 is the second hour shown (8..18)
    assert view.charts.wait_chart.series()[0].count() == 1
    levels = view.charts.rating_chart.series()[0].barSets()
    assert [s.label() for s in levels] == ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]
    assert [s.at(0) for s in levels] == [1.0] * 5


def test_export_reopened_matches_the_screen(view, qtbot, tmp_path):
    path = str(tmp_path / "report.xlsx")
    view.choose_path = lambda _suggested: path
    with qtbot.wait_signal(view.exported, timeout=15000):
        view.export_xlsx()
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["汇总", "按业务类别", "按窗口", "按工作人员", "按日期", "办件结果", "评价等级"]
    ws = wb["按窗口"]
    assert ws.freeze_panes == "A2"
    headers = [c.value for c in ws[1]]
    assert headers[0] == "窗口" and headers[1] == "取号数"
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    for label in ("合计", "1号窗口", "2号窗口", "3号窗口"):
        for i, (name, _lab, fmt) in enumerate(rp.FIGURE_LABELS, start=1):
            cell = rows[label][i]
            assert rp.format_figure(cell.value, fmt) == view.cell_text(label, name), (label, name)
            assert cell.number_format == {"int": "0", "min": "0.0", "ratio": "0.0%"}[fmt]
    levels = wb["评价等级"]
    assert [c.value for c in levels[1]][:3] == ["窗口", "评价数", "非常满意"]


def test_bad_range_is_refused_with_a_message(view):
    view.kind.setCurrentIndex(3)
    view.start.setDate(QDate(2026, 11, 23))
    view.end.setDate(QDate(2026, 11, 1))
    view.export_xlsx()
    assert "结束日期早于开始日期" in view.error.text()


def test_export_cancelled_leaves_no_file(view, qtbot, tmp_path):
    path = tmp_path / "cancelled.xlsx"
    view.choose_path = lambda _s: str(path)
    release = threading.Event()
    real = view.service.reports

    def slow_reports(*a, **kw):
        release.wait(10)  # the worker holds here until the test has cancelled
        return real(*a, **kw)
    view.service.reports = slow_reports
    view.export_xlsx()
    op = view.export_op
    qtbot.wait_until(lambda: op.dialog is not None, timeout=3000)  # shown after ~600 ms
    with qtbot.wait_signal(view.export_failed, timeout=10000) as blocker:
        op.dialog.findChild(QPushButton).click()  # the dialog's 取消
        release.set()
    assert "已取消" in blocker.args[0]
    assert not path.exists() and not (tmp_path / "cancelled.xlsx.part").exists()
    assert view.xlsx_button.isEnabled()


def test_progress_stays_hidden_for_a_quick_operation(qtbot, make_ctx, qapp):
    ctx = make_ctx()
    from PySide6.QtWidgets import QWidget
    parent = QWidget()
    qtbot.addWidget(parent)
    op = DelayedProgress(ctx.runner, "…", lambda state: 42, parent)
    with qtbot.wait_signal(op.finished) as blocker:
        pass
    assert blocker.args == [42] and op.dialog is None


def test_month_period_from_the_combo(view):
    view.kind.setCurrentIndex(2)
    view.start.setDate(QDate(2026, 11, 5))
    assert view.period() == rp.period("month", date(2026, 11, 5))


def test_the_period_cover_is_numbered_and_previewed(view, qtbot, report_hall, tmp_path):
    """The cover of the queried period goes through the print pipeline's preview, numbered like any printout."""
    from desk_app.ui.printing.pipeline import PrintPipeline
    from tests.pdf_support import pdf_pages_text
    from tests.intake_support import seed_hall
    from tests.print_support import ScriptedTransport, print_service
    ctx = view.ctx
    ctx.services = replace(ctx.services, printing=print_service(report_hall, tmp_path))
    ctx.print_pipeline = PrintPipeline(ctx.runner, ctx.settings, ctx.services.printing, ctx.bridge,
                                       transport=ScriptedTransport())
    view.print_cover()
    qtbot.wait_until(lambda: "大厅名称" in view.error.text(), timeout=15000)  # a hall with no name: told so
    seed_hall(report_hall)
    view.print_cover()
    qtbot.wait_until(lambda: getattr(view, "preview_dialog", None) is not None, timeout=15000)
    (doc,) = view.preview_dialog.docs
    assert doc.kind == "daily-report-cover" and doc.number
    assert "陈值班长" in "".join(pdf_pages_text(doc.pdf))
    view.preview_dialog.close()
