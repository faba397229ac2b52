"""The report's charts (QtCharts): waiting time through the day, arrivals per hour against serving windows,
ratings per week.

QtCharts ships inside PySide6 (no new dependency, no numpy), draws Chinese labels with the bundled font like the
rest of the UI, prints and grabs like any widget, and these are small static series refreshed per query, where
pyqtgraph's speed with large live data buys nothing.
"""
from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QLineSeries, QStackedBarSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QWidget

from desk_app.domain.report_series import HourPoint, WeekPoint
from desk_app.domain.reports import LEVEL_LABELS

_LEVEL_COLORS = {5: "#1e8449", 4: "#58d68d", 3: "#f4d03f", 2: "#eb984e", 1: "#c0392b"}


def _chart(title: str) -> QChart:
    c = QChart()
    c.setTitle(title)
    c.setMargins(QMargins(4, 4, 4, 4))
    c.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    c.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return c


def _view(chart: QChart) -> QChartView:
    v = QChartView(chart)
    v.setRenderHint(QPainter.RenderHint.Antialiasing)
    return v


def _axis_max(values: list[float]) -> float:
    top = max(values, default=0)
    return max(1.0, top * 1.15)


class ReportCharts(QWidget):
    """``show_series(hours, weeks)`` redraws the three charts; their series are kept for tests."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.wait_chart = _chart(self.tr("各时段等候时间（分钟）"))
        self.arrival_chart = _chart(self.tr("每小时取号数与办理窗口数"))
        self.rating_chart = _chart(self.tr("每周评价"))
        lay = QGridLayout(self)
        lay.addWidget(_view(self.wait_chart), 0, 0)
        lay.addWidget(_view(self.arrival_chart), 0, 1)
        lay.addWidget(_view(self.rating_chart), 1, 0, 1, 2)
        self.hours: list[HourPoint] = []
        self.weeks: list[WeekPoint] = []

    @staticmethod
    def _reset(chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    def show_series(self, hours: list[HourPoint], weeks: list[WeekPoint]) -> None:
        self.hours, self.weeks = hours, weeks
        labels = [str(h.hour) for h in hours]  # short: eleven hours must fit half the screen's width
        # waiting time: median and p90 per hour of issue
        c = self.wait_chart
        self._reset(c)
        med, p90 = QLineSeries(), QLineSeries()
        med.setName(self.tr("中位数"))
        p90.setName(self.tr("P90"))
        for i, h in enumerate(hours):
            if h.wait_median_min is not None:
                med.append(i, h.wait_median_min)
                p90.append(i, h.wait_p90_min or 0)
        c.addSeries(med)
        c.addSeries(p90)
        x = QBarCategoryAxis()
        x.append(labels)
        x.setTitleText(self.tr("取号时段（时）"))
        y = QValueAxis()
        y.setRange(0, _axis_max([h.wait_p90_min or 0 for h in hours]))
        y.setLabelFormat("%.0f")
        c.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        c.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for s in (med, p90):
            s.attachAxis(x)
            s.attachAxis(y)
        # arrivals (bars) against the windows serving (line, right axis)
        c = self.arrival_chart
        self._reset(c)
        bars = QBarSet(self.tr("取号数"))
        bars.append([float(h.arrivals) for h in hours])
        bar_series = QBarSeries()
        bar_series.append(bars)
        windows = QLineSeries()
        windows.setName(self.tr("办理窗口数"))
        windows.setColor(QColor("#c0392b"))
        for i, h in enumerate(hours):
            windows.append(i, h.serving_windows)
        c.addSeries(bar_series)
        c.addSeries(windows)
        x = QBarCategoryAxis()
        x.append(labels)
        x.setTitleText(self.tr("时"))
        y1, y2 = QValueAxis(), QValueAxis()
        y1.setRange(0, _axis_max([h.arrivals for h in hours]))
        y1.setLabelFormat("%.0f")
        top = max([h.serving_windows for h in hours], default=0) + 1
        y2.setRange(0, top)
        y2.setTickCount(top + 1)  # whole windows only: one tick each
        y2.setLabelFormat("%d")
        c.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        c.addAxis(y1, Qt.AlignmentFlag.AlignLeft)
        c.addAxis(y2, Qt.AlignmentFlag.AlignRight)
        bar_series.attachAxis(x)
        bar_series.attachAxis(y1)
        windows.attachAxis(x)
        windows.attachAxis(y2)
        # ratings per week, stacked by level
        c = self.rating_chart
        self._reset(c)
        stacked = QStackedBarSeries()
        for level in sorted(LEVEL_LABELS, reverse=True):
            s = QBarSet(LEVEL_LABELS[level])
            s.setColor(QColor(_LEVEL_COLORS[level]))
            s.append([float(w.by_level.get(level, 0)) for w in weeks])
            stacked.append(s)
        c.addSeries(stacked)
        x = QBarCategoryAxis()
        x.append([self.tr("%1起").replace("%1", w.monday[5:]) for w in weeks] or [""])
        y = QValueAxis()
        y.setRange(0, _axis_max([sum(w.by_level.values()) for w in weeks]))
        y.setLabelFormat("%.0f")
        c.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        c.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        stacked.attachAxis(x)
        stacked.attachAxis(y)
