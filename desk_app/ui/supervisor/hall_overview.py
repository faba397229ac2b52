"""The supervisor's live hall: windows, categories and alerts, refreshed from the events the bridge announces."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from desk_app.domain import overview as ov
from desk_app.domain.errors import KnownError
from desk_app.domain.timeutil import local_datetime
from desk_app.ui.errors import error_text
from desk_app.ui.widgets.field_error import error_label
from desk_app.ui.widgets.tables import list_table

_ALERT = QBrush(QColor("#fadbd8"))
_ACKED = QBrush(QColor("#eaeded"))
_PAUSED = QBrush(QColor("#fcf3cf"))
_RELEVANT = ("ticket", "window", "alert")



def _mmss(ms: int | None) -> str:
    if ms is None or ms < 0:
        return ""
    s = ms // 1000
    return f"{s // 60}:{s % 60:02d}"


class HallOverview(QWidget):
    """``HallOverview(ctx)``: uses ``ctx.services.overview`` (OverviewService), ``ctx.settings`` for the alert
    thresholds, ``ctx.devices`` (device health) and ``ctx.services.sync`` (this PC's link), when present."""

    updated = Signal(object)  # the Overview just shown

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, tick_ms: int = 15_000):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.services.overview
        self.overview: ov.Overview | None = None
        self._pending: list[Any] = []
        self._busy = False
        self._build()
        ctx.bridge.changed.connect(self._on_bridge_changed)
        # Waits grow and pauses lengthen without any event: recompute from memory now and then.
        self._tick = QTimer(self, interval=tick_ms)
        self._tick.timeout.connect(self.refresh)
        self._tick.start()
        self._first = True
        self.refresh()

    def _build(self) -> None:
        self.windows = list_table([self.tr("窗口"), self.tr("名称"), self.tr("状态"), self.tr("工作人员"),
                                   self.tr("当前号码"), self.tr("已用时")], row_numbers=False)
        self.categories = list_table([self.tr("类别"), self.tr("名称"), self.tr("等候人数"), self.tr("最长等候"),
                                      self.tr("预计等候(分)"), self.tr("办理窗口")], row_numbers=False)
        self.alerts = list_table([self.tr("开始"), self.tr("提醒"), self.tr("确认")], row_numbers=False)
        self.alerts.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.alerts.horizontalHeader().setStretchLastSection(False)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("处理说明（可不填）"))
        self.ack_button = QPushButton(self.tr("确认提醒"))
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.error = error_label()
        self.log = list_table([self.tr("确认时间"), self.tr("确认人"), self.tr("提醒"), self.tr("处理说明")], row_numbers=False)
        self.summary = QLabel()

        left = QSplitter(Qt.Orientation.Vertical)
        for title, w in ((self.tr("窗口"), self.windows), (self.tr("业务类别"), self.categories)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(w)
            left.addWidget(box)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        abox = QGroupBox(self.tr("提醒"))
        al = QVBoxLayout(abox)
        al.addWidget(self.alerts, 1)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.ack_button)
        al.addLayout(row)
        al.addWidget(self.error)
        rl.addWidget(abox, 3)
        lbox = QGroupBox(self.tr("今日提醒记录"))
        QVBoxLayout(lbox).addWidget(self.log)
        rl.addWidget(lbox, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([700, 600])
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(split, 1)

    # ------------------------------------------------------------------ data
    def _thresholds(self) -> ov.Thresholds:
        return ov.Thresholds.from_settings(self.ctx.settings.get)

    def _devices(self) -> list[ov.DeviceCheck]:
        registry = getattr(self.ctx, "devices", None)
        if registry is None:
            return []
        return [ov.DeviceCheck(h.kind, h.name, h.ok or h.state == "unknown", h.reason_cn)
                for h in registry.all_health()]

    def _on_bridge_changed(self, kind: str, events: object) -> None:
        if kind in _RELEVANT:
            self._pending.extend(events if isinstance(events, list) else [])
            self.refresh()

    def refresh(self) -> None:
        """Fold the events announced since the last refresh, then show the overview (one read at a time)."""
        if self._busy:
            return  # the running read will be followed by another for what arrived meanwhile
        self._busy = True
        events, self._pending = self._pending, []
        svc, th, devices = self.service, self._thresholds(), self._devices()
        agent = self.ctx.services.sync
        first, self._first = self._first, False

        def work() -> tuple[ov.Overview, list[Any]]:
            if first:
                svc.reload()
            elif events:
                svc.apply(events)
            sync = None
            if agent is not None:
                s = agent.snapshot()
                sync = ov.SyncCheck(agent.store.device_id, s.online, s.last_success_ms, s.clock_offset_ms,
                                    s.fast_device, s.fast_device_ahead_ms, s.fast_device_id)
            return svc.snapshot(th, devices=devices, sync=sync), svc.alert_log()

        op = self.ctx.runner.read(work, success=self._show, failure=self._fail, parent=self)
        if op is not None:
            op.on_bug(self._on_load_ended)

    def _on_load_ended(self) -> None:
        self._busy = False  # the next refresh must run

    def _fail(self, exc: KnownError) -> None:
        self._on_load_ended()
        self.error.setText(error_text(exc))
        self.error.show()

    def _show(self, data: tuple[ov.Overview, list[Any]]) -> None:
        self._busy = False
        view, log = data
        self.overview = view
        self._fill(view, log)
        self.updated.emit(view)
        if self._pending:
            self.refresh()

    def _fill(self, view: ov.Overview, log: list[Any]) -> None:
        labels = {"paused": self.tr("暂停"), "serving": self.tr("办理中"), "called": self.tr("已叫号"),
                  "held": self.tr("挂起"), "idle": self.tr("空闲")}
        self.windows.setRowCount(len(view.windows))
        for i, w in enumerate(view.windows):
            elapsed = _mmss(view.now_ms - w.since_ms) if w.since_ms is not None else ""
            status = labels.get(w.status, w.status) + (self.tr("（%1）").replace("%1", w.pause_reason)
                                                      if w.pause_reason and w.status == "paused" else "")
            for col, v in enumerate((f"{w.number}", w.name, status, w.clerk, w.ticket_number, elapsed)):
                item = QTableWidgetItem(v)
                if w.status == "paused":
                    item.setBackground(_PAUSED)
                self.windows.setItem(i, col, item)
        self.categories.setRowCount(len(view.categories))
        for i, c in enumerate(view.categories):
            values = (c.prefix, c.name, str(c.waiting), _mmss(c.longest_wait_ms) if c.waiting else "",
                      str(c.estimate_min) if c.waiting else "", str(c.windows_serving))
            for col, v in enumerate(values):
                self.categories.setItem(i, col, QTableWidgetItem(v))
        selected = self.selected_alert()
        alerts = sorted(view.alerts, key=lambda a: (a.ack is not None, a.since_ms or 0))
        self._alert_rows = alerts
        self.alerts.setRowCount(len(alerts))
        for i, a in enumerate(alerts):
            since = local_datetime(a.since_ms).strftime("%H:%M") if a.since_ms else ""
            ack = self.tr("%1 已确认").replace("%1", a.ack.by) if a.ack else self.tr("待确认")
            for col, v in enumerate((since, a.text, ack)):
                item = QTableWidgetItem(v)
                item.setBackground(_ACKED if a.ack else _ALERT)
                item.setData(Qt.ItemDataRole.UserRole, a.key)
                self.alerts.setItem(i, col, item)
            if selected is not None and a.key == selected.key:
                self.alerts.selectRow(i)
        self.log.setRowCount(len(log))
        for i, r in enumerate(log):
            for col, v in enumerate((local_datetime(r.at_ms).strftime("%H:%M:%S"), r.acknowledged_by, r.text,
                                     r.note)):
                self.log.setItem(i, col, QTableWidgetItem(v))
        serving = sum(1 for w in view.windows if w.status in ("serving", "called", "held"))
        waiting = sum(c.waiting for c in view.categories)
        self.summary.setText(self.tr("开放窗口 %1 个，办理中 %2 个；等候 %3 人；待确认提醒 %4 条").replace(
            "%1", str(len(view.windows))).replace("%2", str(serving)).replace("%3", str(waiting)).replace(
            "%4", str(len(view.open_alerts))))

    def selected_alert(self) -> ov.Alert | None:
        row = self.alerts.currentRow()
        rows = getattr(self, "_alert_rows", [])
        return rows[row] if 0 <= row < len(rows) else None

    def acknowledge_selected(self) -> None:
        alert = self.selected_alert()
        if alert is None:
            self._fail(KnownError(self.tr("请先在提醒列表中选择一条提醒。"), field="alert"))
            return
        svc, note, actor = self.service, self.note.text(), self.ctx.user.username
        self.error.hide()
        self.ctx.runner.write(lambda: svc.acknowledge(alert, note, actor=actor),
                              success=lambda _r: self.note.clear(), failure=self._fail, parent=self)
