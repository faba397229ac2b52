"""Status-bar widget: online/offline, last successful sync, pending events and their age, clock drift, "sync now"."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desk_app.domain.errors import KnownError
from desk_app.domain.timeutil import local_datetime
from desk_app.ui.errors import error_text

CLOCK_WARN_MS = 2000


def _age_text(ms: int) -> str:
    s = max(0, ms // 1000)
    if s < 60:
        return QCoreApplication.translate("SyncStatusWidget", "%1 秒").replace("%1", str(s))
    if s < 3600:
        return QCoreApplication.translate("SyncStatusWidget", "%1 分钟").replace("%1", str(s // 60))
    return QCoreApplication.translate("SyncStatusWidget", "%1 小时").replace("%1", str(s // 3600))


class SyncStatusWidget(QWidget):
    """Shows a snapshot from ``source`` (e.g. ``SyncAgent.snapshot``), refreshed every ``interval_ms`` (≥ 1 s).

    ``source`` queries the database, so it runs on ``runner``'s reader pool, never on the UI thread; one
    read at a time (a tick that finds a read still running skips it, a click asks for one more). ``source``
    is None on a PC with no desk-central (solo mode). ``conflict_received`` may be emitted from any thread
    (connect the sync agent's ``on_conflict`` to ``widget.conflict_received.emit``); the notice is shown
    through the bridge's ``warning`` on the UI thread.
    """

    conflict_received = Signal(object)
    refreshed = Signal(object)  # the snapshot just shown (None in solo mode), after each completed refresh

    def __init__(self, source: Callable[[], Any] | None, bridge: Any = None, *, runner: Any = None,
                 sync_now: Callable[[], None] | None = None, interval_ms: int = 1000,
                 parent: QWidget | None = None):
        super().__init__(parent)
        if source is not None and runner is None:
            raise ValueError("SyncStatusWidget needs a runner to read the sync status off the UI thread")
        self._source, self._bridge, self._sync_now, self._runner = source, bridge, sync_now, runner
        self._clock_warned = False
        self._reading = False
        self._read_again = False
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        self.state_label = QLabel(self)
        self.detail_label = QLabel(self)
        self.clock_label = QLabel(self)
        self.clock_label.setStyleSheet("color: #b00020; font-weight: bold;")
        # The outbox cannot go on until someone acts: an error with its reason, not just a pending count.
        self.stuck_label = QLabel(self)
        self.stuck_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.stuck_label.setWordWrap(False)
        self.sync_button = QPushButton(self.tr("立即同步"), self)
        self.sync_button.setToolTip(self.tr("马上上传本机数据并获取其他窗口的数据"))
        self.sync_button.clicked.connect(self._on_sync_button_clicked)
        for w in (self.state_label, self.detail_label, self.stuck_label, self.clock_label, self.sync_button):
            lay.addWidget(w)
        self.conflict_received.connect(self._on_conflict_received)
        self._timer = QTimer(self)
        self._timer.setInterval(max(1000, interval_ms))
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        """Ask for a fresh snapshot; it is shown when the reader returns it (``refreshed``)."""
        if self._source is None:
            self.state_label.setText(self.tr("单机模式（未连接中心服务器）"))
            self.detail_label.setText("")
            self.clock_label.setText("")
            self.sync_button.setVisible(False)
            self.refreshed.emit(None)
            return
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        op = self._runner.read(self._source, success=self._on_snapshot_read, failure=self._on_snapshot_failed,
                               parent=self)
        if op is None:
            self._reading = False  # the runner has shut down: the program is closing
        else:
            op.on_bug(lambda: self._on_snapshot_failed(None))  # the runner showed the bug

    def _on_timer_timeout(self) -> None:
        if not self._reading:  # a slow database: skip this tick rather than queue reads behind each other
            self.refresh()

    def _read_done(self) -> None:
        self._reading = False
        if self._read_again:
            self._read_again = False
            self.refresh()

    def _on_snapshot_failed(self, exc: KnownError | None) -> None:
        # An unreadable status is shown, and the next tick reads again.
        self.state_label.setText(self.tr("同步状态未知"))
        self.detail_label.setText(error_text(exc)[:80] if exc is not None else "")
        self._read_done()

    def _on_snapshot_read(self, snap: Any) -> None:
        self._show(snap)
        self.refreshed.emit(snap)
        self._read_done()

    def _show(self, snap: Any) -> None:
        if snap.online:
            self.state_label.setText(self.tr("● 在线"))
            self.state_label.setStyleSheet("color: #1b7f3b;")
        else:
            self.state_label.setText(self.tr("○ 离线"))
            self.state_label.setStyleSheet("color: #b35c00;")
        # Short words: the status bar holds seven devices, the user and the calendar warning at 1366 px too.
        # Online, the last sync is just now (its time is in the tooltip); an outbox waits long enough to
        # matter only after a minute. The last error is in the tooltip.
        parts, tip = [], []
        if snap.last_success_ms:
            at = self.tr("上次同步 %1").replace("%1", local_datetime(snap.last_success_ms).strftime("%H:%M:%S"))
            tip.append(at)
            if not snap.online:
                parts.append(at)
        else:
            parts.append(self.tr("尚未同步"))
        if snap.pending_events:
            text = self.tr("待上传 %1 条").replace("%1", str(snap.pending_events))
            age = snap.oldest_pending_age_ms
            if age is not None:
                wait = self.tr("最早的已等 %1").replace("%1", _age_text(age))
                tip.append(wait)
                if age >= 60_000:
                    text += self.tr("（已等 %1）").replace("%1", _age_text(age))
            parts.append(text)
        else:
            parts.append(self.tr("已全部上传"))
        if getattr(snap, "rejected_events", 0):
            parts.append(self.tr("%1 条被服务器拒绝").replace("%1", str(snap.rejected_events)))
        if getattr(snap, "pending_uploads", 0):
            parts.append(self.tr("附件待传 %1 个").replace("%1", str(snap.pending_uploads)))
        self.detail_label.setText(" | ".join(parts))
        self.detail_label.setToolTip("\n".join(tip + ([snap.last_error] if snap.last_error else [])))
        stuck = getattr(snap, "stuck_reason", "")
        if stuck:
            self.stuck_label.setText(self.tr("上传受阻：%1").replace("%1", stuck[:80]))
            self.stuck_label.setToolTip(self.tr("服务器拒绝接收本机待上传的记录：%1 请联系管理员。").replace("%1", stuck))
        else:
            self.stuck_label.setText("")
            self.stuck_label.setToolTip("")
        offset = snap.clock_offset_ms
        warn = offset is not None and abs(offset) > CLOCK_WARN_MS
        if warn:
            self.clock_label.setText(self.tr("本机时钟与服务器相差 %1 秒，请校准时间").replace(
                "%1", f"{offset / 1000:+.0f}"))
            if not self._clock_warned and self._bridge is not None:
                self._bridge.warning.emit(self.clock_label.text())
        elif getattr(snap, "fast_device", ""):
            # Another PC stamps its events ahead of the hall's time: this PC does not follow, but says who.
            self.clock_label.setText(self.tr("%1的电脑时钟偏快约 %2 分钟，请校准该电脑的时间").replace(
                "%1", snap.fast_device).replace("%2", str(snap.fast_device_ahead_ms // 60_000)))
        elif getattr(snap, "hlc_ahead_ms", 0):
            # This PC's clock is right now, but its earlier events were stamped fast: its clock keeps above them.
            self.clock_label.setText(self.tr("本机此前时钟偏快，记录时间仍超前 %1 分钟").replace(
                "%1", str(snap.hlc_ahead_ms // 60_000)))
        else:
            self.clock_label.setText("")
        self._clock_warned = warn

    def _on_sync_button_clicked(self) -> None:
        if self._sync_now is not None:
            self._sync_now()
        self.refresh()

    def _on_conflict_received(self, notice: Any) -> None:
        if self._bridge is None:
            return
        if getattr(notice, "kind", "") == "corrupt_blob":
            text = self.tr("附件问题：%1").replace("%1", str(getattr(notice, "reason", "")))
        elif getattr(notice, "kind", "") == "lost":
            text = self.tr("冲突：%1 号已被其他窗口先处理，本窗口的这次操作未生效。请刷新后继续。").replace(
                "%1", str(notice.label))
        else:
            text = self.tr("服务器拒绝了本机的一条记录（%1）：%2").replace("%1", str(notice.label)).replace(
                "%2", str(getattr(notice, "reason", "")))
        self._bridge.warning.emit(text)
