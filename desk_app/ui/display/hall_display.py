"""The hall display: the latest calls with their windows, the number each window serves, people waiting per
category and a scrolling notice line; new calls are also spoken through the voice queue.

It refreshes on the bridge's ``changed`` signal (a call on this PC shows at once; calls from other PCs
show when the sync agent applies them) and shows ticket numbers and window numbers only: never a
name or an ID number.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk_app.domain.errors import KnownError
from desk_app.domain.timeutil import local_datetime
from desk_app.ui.context import ScreenContext
from desk_app.ui.widgets.flow_layout import FlowLayout

_TOPICS = {"ticket", "window", "queue_day"}
_BG = "#0d2b52"
_FG = "#ffffff"
_ACCENT = "#ffd54f"


class MarqueeLabel(QWidget):
    """One line of text scrolling from right to left, forever (only while it is visible)."""

    _STEP_MS = 40  # 25 frames a second, 75 px/s: smooth to the eye, light on an idle PC
    _STEP_PX = 3

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._text = text
        self._offset = 0
        f = self.font()
        f.setPointSize(22)
        self.setFont(f)
        self._metrics = QFontMetrics(f)
        self._text_width = self._metrics.horizontalAdvance(text)
        self.setMinimumHeight(self._metrics.height() + 12)
        self._timer = QTimer(self, interval=self._STEP_MS, timeout=self._step)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 (Qt naming, like QLabel)
        self._text = text
        self._text_width = self._metrics.horizontalAdvance(text)
        self._offset = 0
        self.update()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._timer.stop()
        super().hideEvent(event)

    def _step(self) -> None:
        self._offset = (self._offset + self._STEP_PX) % max(1, self._text_width + self.width())
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setPen(Qt.GlobalColor.yellow)
        p.drawText(self.width() - self._offset, self._metrics.ascent() + 6, self._text)
        p.end()


class WaitingStrip(QWidget):
    """People waiting per category, one label an item: rows break between items, never inside one
    (a wrapped QLabel broke CJK names anywhere, e.g. "不动产登" | "记(B) 等候 3 人")."""

    def __init__(self, size: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._size = size
        self._flow = FlowLayout(self, h_spacing=36, v_spacing=4)
        self._flow.setContentsMargins(0, 0, 0, 0)
        self.item_labels: list[QLabel] = []

    def set_items(self, texts: list[str]) -> None:
        while len(self.item_labels) < len(texts):
            lab = _label(self._size)
            self._flow.addWidget(lab)
            self.item_labels.append(lab)
        while len(self.item_labels) > len(texts):
            lab = self.item_labels.pop()
            self._flow.removeWidget(lab)
            lab.deleteLater()
        for lab, text in zip(self.item_labels, texts):
            lab.setText(text)
        self._flow.invalidate()
        self.updateGeometry()

    def text(self) -> str:
        return "    ".join(lab.text() for lab in self.item_labels)


def _label(size: int, *, bold: bool = False, color: str = _FG) -> QLabel:
    lab = QLabel()
    f = QFont()
    f.setPointSize(size)
    f.setBold(bold)
    lab.setFont(f)
    lab.setStyleSheet(f"color: {color};")
    return lab


class HallDisplay(QWidget):
    """``HallDisplay(ctx, voice=None)``: needs ``ctx.services.queue``; ``voice`` is a devices.voice.VoiceQueue
    (None: visual only). Call ``show_on_chosen_screen()`` to go full screen on the ``display.screen`` monitor."""

    refreshed = Signal()

    def __init__(self, ctx: ScreenContext, voice: Any = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.queue = ctx.services.queue
        self.voice = voice
        self._seen: set[tuple[str, int, int]] | None = None  # calls already shown/said; None before first load
        self._loading = False
        self._dirty = False
        self._latest: str = ""
        self._headline_at = 0  # called_at_ms of the call in the headline
        self.setWindowTitle(self.tr("叫号大屏"))
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"background-color: {_BG};")

        self.title = _label(28, bold=True)
        self.title.setText(ctx.hall_name or self.tr("政务服务中心"))
        self.clock = _label(22)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.clock)

        self.latest = _label(64, bold=True, color=_ACCENT)
        self.latest.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.latest.setText(self.tr("欢迎光临"))
        self.calls_title = _label(20, bold=True)
        self.calls_title.setText(self.tr("最近叫号"))
        self.calls = QVBoxLayout()
        self.call_labels = [_label(28) for _ in range(6)]
        for lab in self.call_labels:
            self.calls.addWidget(lab)
        left = QVBoxLayout()
        left.addWidget(self.calls_title)
        left.addLayout(self.calls)
        left.addStretch(1)

        self.windows_grid = QGridLayout()
        self.windows_title = _label(20, bold=True)
        self.windows_title.setText(self.tr("各窗口正在办理"))
        self.window_labels: dict[int, QLabel] = {}
        right = QVBoxLayout()
        right.addWidget(self.windows_title)
        right.addLayout(self.windows_grid)
        right.addStretch(1)

        middle = QHBoxLayout()
        middle.addLayout(left, 1)
        middle.addLayout(right, 2)

        self.waiting = WaitingStrip(20)
        self.notice = MarqueeLabel()
        ctx.settings.subscribe("display.notice", self.notice.setText)

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.latest)
        lay.addLayout(middle, 1)
        lay.addWidget(self.waiting)
        lay.addWidget(self.notice)

        self._clock_timer = QTimer(self, interval=1000, timeout=self._tick)
        self._clock_timer.start()
        self._tick()
        # a slow safety net: if a change signal was ever missed, the board still catches up
        self._poll = QTimer(self, interval=15_000, timeout=self.refresh)
        self._poll.start()
        ctx.bridge.changed.connect(self._on_bridge_changed)
        self.refresh()

    # ------------------------------------------------------------------ placing
    def show_on_chosen_screen(self) -> None:
        """Full screen on the monitor named by ``display.screen`` (else the second one), following hot-plugging."""
        from desk_app.ui.devices.screens import ScreenChooser
        self._chooser = ScreenChooser({"display": self.ctx.settings.get("display.screen")}, self)
        self.show()
        self._chooser.follow(self, "display", fullscreen=True)

    # ------------------------------------------------------------------ data
    def latest_number(self) -> str:
        return self._latest

    def _on_bridge_changed(self, topic: str, _payload: object) -> None:
        if topic in _TOPICS:
            self.refresh()

    def refresh(self) -> None:
        if self._loading:
            self._dirty = True  # one more load after this one: never a stale board, never a pile-up
            return
        self._loading = True
        svc = self.queue
        op = self.ctx.runner.read(lambda: (svc.recent_calls(len(self.call_labels)), svc.window_board(),
                                           svc.categories()),
                                  success=self._on_loaded, failure=self._on_load_failed, parent=self)
        if op is not None:
            op.on_bug(self._on_load_failed)  # the runner logged and showed the bug; the board is not frozen

    def _on_load_failed(self, _exc: KnownError | None = None) -> None:
        self._loading = False  # the display keeps what it shows; the poll tries again

    def _on_loaded(self, data: tuple) -> None:
        self._loading = False
        calls, board, cats = data
        self._show_calls(calls)
        self._show_board(board)
        parts = [self.tr("%1(%2) 等候 %3 人").replace("%1", c.name).replace("%2", c.prefix)
                 .replace("%3", str(c.waiting)) for c in cats if c.active]
        self.waiting.set_items(parts)
        self.refreshed.emit()
        if self._dirty:
            self._dirty = False
            self.refresh()

    def _show_calls(self, calls: list) -> None:
        for lab, c in zip(self.call_labels, calls + [None] * len(self.call_labels)):
            lab.setText(self.tr("%1  →  %2 号窗口").replace("%1", c.number).replace("%2", str(c.window_number))
                        if c is not None else "")
        newest = calls[0] if calls else None
        if newest is not None and newest.called_at_ms >= self._headline_at:
            self._headline_at = newest.called_at_ms
            self._latest = newest.number
            self.latest.setText(self.tr("请 %1 号 到 %2 号窗口").replace("%1", newest.number)
                                .replace("%2", str(newest.window_number)))
        else:
            # The headline's ticket was finished or became a no-show: nobody is asked to go anywhere now.
            # An older call still at its window does not come back as the headline (it was said long ago).
            self._latest = ""
            self.latest.setText(self.tr("欢迎光临"))
        keys = {(c.number, c.window_number, c.called_at_ms) for c in calls}
        if self._seen is None:
            self._seen = keys  # what was called before the display started is not said again
            return
        new = [c for c in reversed(calls) if (c.number, c.window_number, c.called_at_ms) not in self._seen]
        self._seen = (self._seen | keys) if len(self._seen) < 500 else keys
        if self.voice is not None and self.ctx.settings.get("voice.enabled"):
            for c in new:
                self.voice.announce(c.number, c.window_number)

    def _show_board(self, board: list) -> None:
        for i, b in enumerate(board):
            lab = self.window_labels.get(b.number)
            if lab is None:
                lab = _label(24)
                self.window_labels[b.number] = lab
                self.windows_grid.addWidget(lab, i // 3, i % 3)
            if b.paused:
                state = self.tr("暂停服务")
            else:
                state = b.serving or self.tr("空闲")
            lab.setText(self.tr("%1号窗口：%2").replace("%1", str(b.number)).replace("%2", state))

    def _tick(self) -> None:
        import time
        self.clock.setText(local_datetime(int(time.time() * 1000)).strftime("%Y-%m-%d %H:%M:%S"))
