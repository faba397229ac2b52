"""The clerk's window panel: the current ticket with its service timer, the calling actions on function keys
(F1–F8 by default, from the ``window.function_keys`` setting) and buttons, held tickets, 过号受理, and the
waiting list of this window's categories.
"""
from __future__ import annotations

import time
from typing import Any, Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from desk_app.domain import queue as q
from desk_app.domain.errors import KnownError
from desk_app.ui.context import ScreenContext
from desk_app.ui.errors import error_text

ACTIONS = ("call_next", "recall", "no_show", "transfer", "hold", "pause", "start_service", "finish")
_TOPICS = {"ticket", "window"}


class TransferDialog(QDialog):
    """Where the ticket goes (category, window or clerk) and why."""

    def __init__(self, categories: list[tuple[str, str]], windows: list[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("转移号码"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("转到业务类别"), "category")
        self.kind.addItem(self.tr("转到窗口"), "window")
        self.kind.addItem(self.tr("转到工作人员"), "clerk")
        self.category = QComboBox()
        for prefix, name in categories:
            self.category.addItem(f"{prefix} {name}", prefix)
        self.window = QComboBox()
        for n in windows:
            self.window.addItem(self.tr("%1 号窗口").replace("%1", str(n)), n)
        self.clerk = QLineEdit(placeholderText=self.tr("工作人员账号"))
        self.reason = QLineEdit(placeholderText=self.tr("必填：为什么转移"))
        form = QFormLayout(self)
        form.addRow(self.tr("转移方式"), self.kind)
        form.addRow(self.tr("业务类别"), self.category)
        form.addRow(self.tr("窗口"), self.window)
        form.addRow(self.tr("工作人员"), self.clerk)
        form.addRow(self.tr("转移原因"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def target(self) -> dict[str, Any]:
        kind = self.kind.currentData()
        out: dict[str, Any] = {"reason": self.reason.text()}
        if kind == "category":
            out["to_category"] = self.category.currentData()
        elif kind == "window":
            out["to_window"] = self.window.currentData()
        else:
            out["to_clerk"] = self.clerk.text().strip()
        return out


class WindowPanel(QWidget):
    """``WindowPanel(ctx)``: needs ``ctx.services.queue`` (QueueService); the window is ``ctx.window_number``
    (else the ``window.number`` setting); the clerk is ``ctx.user.username``."""

    service_started = Signal(str, str)  # ticket id, number: the lead opens the intake screen for it
    refreshed = Signal()
    action_failed = Signal(str)         # Chinese message

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.queue = ctx.services.queue
        self.window_number = int(ctx.window_number or ctx.settings.get("window.number"))
        self.clerk = ctx.user.username if ctx.user else ""
        self.current: Any = None
        self.paused = False
        self._keys: dict[str, str] = {}
        self._announced_conflicts: set[str] = set()
        self._loading = False
        self._dirty = False
        self._gen = 0  # bumped by each of our own writes: loads started before it are stale
        self._led_state: tuple[str, str] | None = None

        self.header = QLabel()
        self.header.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.number_label = QLabel("—")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number_label.setStyleSheet("font-size: 64px; font-weight: bold;")
        self.state_label = QLabel()
        self.state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_label = QLabel()
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_label.setStyleSheet("font-size: 24px;")
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.buttons: dict[str, QPushButton] = {}
        labels = {"call_next": self.tr("叫号"), "recall": self.tr("重呼"), "no_show": self.tr("过号"),
                  "transfer": self.tr("转移"), "hold": self.tr("挂起"), "pause": self.tr("暂停"),
                  "start_service": self.tr("开始办理"), "finish": self.tr("办结")}
        row = QHBoxLayout()
        for action in ACTIONS:
            b = QPushButton(labels[action])
            b.setMinimumHeight(48)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the panel
            b.clicked.connect(lambda _=False, a=action: self.trigger(a))
            self.buttons[action] = b
            row.addWidget(b)
        self._labels = labels

        self.waiting = QListWidget()
        self.waiting_title = QLabel()
        self.held = QListWidget()
        for lst in (self.waiting, self.held):
            lst.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F2 would start item editing in a focused list
        resume = QPushButton(self.tr("恢复所选挂起号"))
        resume.clicked.connect(self._on_resume_clicked)
        self.again_input = QLineEdit(placeholderText=self.tr("过号受理：输入号码后回车，如 A023"))
        self.again_input.returnPressed.connect(self._on_serve_again)

        left = QVBoxLayout()
        left.addWidget(self.header)
        left.addWidget(self.number_label)
        left.addWidget(self.state_label)
        left.addWidget(self.timer_label)
        left.addLayout(row)
        left.addWidget(self.message)
        left.addWidget(QLabel(self.tr("挂起的号码")))
        left.addWidget(self.held, 1)
        left.addWidget(resume)
        left.addWidget(self.again_input)
        right = QVBoxLayout()
        right.addWidget(self.waiting_title)
        right.addWidget(self.waiting, 1)
        lay = QHBoxLayout(self)
        lay.addLayout(left, 3)
        lay.addLayout(right, 2)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self._tick = QTimer(self, interval=1000, timeout=self._update_timer)
        self._tick.start()
        ctx.settings.subscribe("window.function_keys", self._on_keys_changed)
        ctx.bridge.changed.connect(self._on_bridge_changed)
        self.refresh()

    # ------------------------------------------------------------------ keys
    def _on_keys_changed(self, keys: dict) -> None:
        self._keys = {}
        for action, key in (keys or {}).items():
            if action in ACTIONS and key:
                self._keys[QKeySequence(key).toString()] = action
                if action in self.buttons:
                    self.buttons[action].setText(f"{self._labels[action]}\n{key}")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        seq = QKeySequence(event.keyCombination()).toString()
        action = self._keys.get(seq)
        if action is not None:
            event.accept()
            self.trigger(action)
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------------ refresh
    def _on_bridge_changed(self, topic: str, _payload: object) -> None:
        if topic in _TOPICS:
            self.refresh()

    def refresh(self) -> None:
        """Reload from the store. One load at a time, so an older result never lands after a newer one."""
        if self._loading:
            self._dirty = True
            return
        self._loading = True
        self._dirty = False
        w, clerk, svc = self.window_number, self.clerk, self.queue
        watched = self.current.id if self.current is not None else None
        gen = self._gen

        def load():
            lost = svc.ticket(watched) if watched else None
            return (svc.window(w), svc.current(w), svc.window_queue(w, clerk=clerk), svc.held(w), lost)
        op = self.ctx.runner.read(load, success=lambda data: self._on_loaded_gen(gen, data),
                                  failure=self._on_load_failed, parent=self)
        if op is not None:
            op.on_bug(self._on_load_crashed)

    def _on_loaded_gen(self, gen: int, data: tuple) -> None:
        self._loading = False
        if gen == self._gen:
            self._on_loaded(data)
        if self._dirty or gen != self._gen:  # something changed while loading: that result is already old
            self.refresh()

    def _on_load_failed(self, exc: KnownError) -> None:
        self._loading = False
        self._show(error_text(exc), error=True)

    def _on_load_crashed(self) -> None:
        self._loading = False  # the runner logged and showed the bug; the next refresh tries again

    def _on_loaded(self, data: tuple) -> None:
        info, current, waiting, held, watched = data
        self.paused = info.paused
        cats = self.tr("、").join(info.categories) or self.tr("无")
        state = self.tr("（已暂停）") if info.paused else ""
        self.header.setText(self.tr("%1 号窗口 %2 · 办理类别：%3 %4").replace("%1", str(info.number))
                            .replace("%2", info.name).replace("%3", cats).replace("%4", state))
        self.buttons["pause"].setText(
            f"{self.tr('恢复') if info.paused else self.tr('暂停')}\n{self._key_of('pause')}")
        self._check_conflict(watched, current)
        self.current = current
        self._show_current()
        self.waiting_title.setText(self.tr("本窗口等候 %1 人").replace("%1", str(len(waiting))))
        self.waiting.clear()
        now = time.time() * 1000
        for t in waiting:
            tags = []
            if t.priority_group:
                tags.append(self.tr("绿色通道"))
            if t.appointment:
                tags.append(self.tr("预约"))
            if t.transferred_in:
                tags.append(self.tr("转入"))
            mins = max(0, int((now - t.issued_at_ms) / 60_000))
            text = f"{t.number}  {' '.join(tags)}  " + self.tr("已等 %1 分钟").replace("%1", str(mins))
            it = QListWidgetItem(text)
            it.setData(Qt.ItemDataRole.UserRole, t.id)
            self.waiting.addItem(it)
        self.held.clear()
        for t in held:
            it = QListWidgetItem(t.number)
            it.setData(Qt.ItemDataRole.UserRole, t.id)
            self.held.addItem(it)
        self.refreshed.emit()

    def _check_conflict(self, watched: Any, current: Any) -> None:
        """Another window called our ticket first (offline on both sides): say so once."""
        if watched is None or (current is not None and current.id == watched.id):
            return
        mine = [c for c in watched.conflicts if c.get("window") == self.window_number]
        if mine and watched.id not in self._announced_conflicts:
            self._announced_conflicts.add(watched.id)
            msg = self.tr("号码 %1 已由 %2 号窗口先叫，本窗口的叫号无效。请叫下一号。") \
                .replace("%1", watched.number).replace("%2", str(watched.window_number or self.tr("其他")))
            self._show(msg, error=True)
            self.ctx.bridge.warning.emit(msg)

    def _key_of(self, action: str) -> str:
        for k, a in self._keys.items():
            if a == action:
                return k
        return ""

    def _show_current(self) -> None:
        t = self.current
        if t is None:
            self.number_label.setText("—")
            self.state_label.setText(self.tr("暂停服务") if self.paused else self.tr("空闲：按 %1 叫号")
                                     .replace("%1", self._key_of("call_next")))
        else:
            self.number_label.setText(t.number)
            status = {q.CALLED: self.tr("已叫号，等候到窗口"), q.SERVING: self.tr("办理中")}.get(t.status, t.status)
            extra = self.tr("（已重呼 %1 次）").replace("%1", str(t.recall_count)) if t.recall_count else ""
            self.state_label.setText(status + extra)
        self._update_timer()
        self._update_led()

    def _update_led(self) -> None:
        """Mirror the window's state on its LED panel above the counter (on the I/O pool: a serial port)."""
        led = self.ctx.devices.get("led_display") if self.ctx.devices is not None else None
        if led is None:
            return
        t = self.current
        want = ("call", t.number) if t is not None else ("paused", "") if self.paused else ("idle", "")
        if want == self._led_state:
            return
        self._led_state = want
        w = self.window_number
        job = {"call": lambda: led.show_call(want[1], w), "paused": led.paused, "idle": led.idle}[want[0]]
        # A known failure of the panel shows in its own health state and the calling goes on; a bug in the
        # LED code is not a panel failure: the runner reports it like any other.
        self.ctx.runner.io(job, failure=self._on_led_failed, parent=self)

    def _on_led_failed(self, _exc: KnownError) -> None:
        pass  # the LED display's health state already says what is wrong

    def _update_timer(self) -> None:
        t = self.current
        since = (t.started_at_ms or t.called_at_ms) if t is not None else None
        if not since:
            self.timer_label.setText("")
            return
        secs = max(0, int(time.time() - since / 1000))
        label = self.tr("办理用时") if t.started_at_ms else self.tr("叫号后")
        self.timer_label.setText(f"{label} {secs // 60:02d}:{secs % 60:02d}")

    def _show(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message.setText(text)

    # ------------------------------------------------------------------ actions
    def action_handlers(self) -> dict[str, Callable[[], None]]:
        """Each calling action's handler, by the action's name in ACTIONS (its button and its function key)."""
        return {
            "call_next": self._do_call_next, "recall": self._do_recall, "no_show": self._do_no_show,
            "transfer": self._do_transfer, "hold": self._do_hold, "pause": self._do_pause,
            "start_service": self._do_start_service, "finish": self._do_finish,
        }

    def trigger(self, action: str) -> None:
        """Run one calling action (the same for its button and its function key)."""
        handler = self.action_handlers().get(action)
        if handler is None:
            # A name looked up by string would fail silently on a typo: an unknown action is our bug.
            raise ValueError(f"WindowPanel has no action {action!r} (known: {', '.join(ACTIONS)})")
        handler()

    def _write(self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        def ok(result: Any) -> None:
            self._gen += 1
            if done:
                done(result)
            self._show_current()
            self.refresh()
        op = self.ctx.runner.write(fn, success=ok, failure=self._on_failed, parent=self)
        if op is not None:  # the runner logged the bug and showed the crash dialog; the clerk sees it failed
            op.on_bug(lambda: self._show_failure(self.tr("操作时程序出错，请重试。")))

    def _on_failed(self, exc: KnownError) -> None:
        self._show_failure(error_text(exc))

    def _show_failure(self, msg: str) -> None:
        self._show(msg, error=True)
        self.action_failed.emit(msg)
        self.refresh()

    def _need_current(self) -> Any:
        if self.current is None:
            msg = self.tr("本窗口当前没有号码。")
            self._show(msg, error=True)
            self.action_failed.emit(msg)
        return self.current

    def _do_call_next(self) -> None:
        w, clerk = self.window_number, self.clerk
        def done(t: Any) -> None:
            self.current = t
            self._show(self.tr("已叫号 %1").replace("%1", t.number))
        self._write(lambda: self.queue.call_next(w, clerk=clerk, actor=clerk), done)

    def _do_recall(self) -> None:
        t = self._need_current()
        if t is None:
            return
        w = self.window_number

        def done(r: Any) -> None:
            self.current = None if r.became_no_show else r.ticket
            if r.became_no_show:
                self._show(self.tr("%1 已重呼到上限，按过号处理。").replace("%1", r.ticket.number), error=True)
            else:
                self._show(self.tr("已重呼 %1（第 %2 次）").replace("%1", r.ticket.number)
                           .replace("%2", str(r.ticket.recall_count)))
        self._write(lambda: self.queue.recall(t.id, w, actor=self.clerk), done)

    def _do_no_show(self) -> None:
        t = self._need_current()
        if t is not None:
            w = self.window_number
            self._write(lambda: self.queue.no_show(t.id, w, actor=self.clerk),
                        lambda v: self._left(self.tr("%1 已过号").replace("%1", v.number)))

    def _do_start_service(self) -> None:
        t = self._need_current()
        if t is None:
            return
        w, clerk = self.window_number, self.clerk

        def done(v: Any) -> None:
            self.current = v
            self._show(self.tr("开始办理 %1").replace("%1", v.number))
            self.service_started.emit(v.id, v.number)
        self._write(lambda: self.queue.start_service(t.id, w, clerk=clerk, actor=clerk), done)

    def _do_finish(self) -> None:
        t = self._need_current()
        if t is not None:
            w = self.window_number
            self._write(lambda: self.queue.finish(t.id, w, actor=self.clerk),
                        lambda v: self._left(self.tr("%1 已办结").replace("%1", v.number)))

    def _do_hold(self) -> None:
        t = self._need_current()
        if t is not None:
            w = self.window_number
            self._write(lambda: self.queue.hold(t.id, w, actor=self.clerk),
                        lambda v: self._left(self.tr("%1 已挂起，回来后在挂起列表中恢复").replace("%1", v.number)))

    def _do_pause(self) -> None:
        w = self.window_number
        if self.paused:
            self._write(lambda: self.queue.resume_window(w, actor=self.clerk),
                        lambda i: self._paused_now(i, self.tr("已恢复服务")))
        else:
            self._write(lambda: self.queue.pause_window(w, actor=self.clerk),
                        lambda i: self._paused_now(i, self.tr("已暂停服务")))

    def _paused_now(self, info: Any, text: str) -> None:
        self.paused = info.paused
        self._show(text)

    def _left(self, text: str) -> None:
        """The current ticket left the window (finished, no-show, held, transferred)."""
        self.current = None
        self._show(text)

    def _do_transfer(self) -> None:
        t = self._need_current()
        if t is None:
            return
        self.ctx.runner.read(lambda: (self.queue.categories(), self.queue.windows()),
                             success=lambda data: self._open_transfer(t, *data), parent=self)

    def _open_transfer(self, t: Any, cats: list, windows: list) -> None:
        dlg = TransferDialog([(c.prefix, c.name) for c in cats if c.active],
                             [w.number for w in windows if w.number != self.window_number and w.active], self)
        self.transfer_dialog = dlg
        dlg.accepted.connect(lambda: self.transfer(t.id, **dlg.target()))
        dlg.open()

    def transfer(self, ticket_id: str, *, reason: str, to_category: str | None = None,
                 to_window: int | None = None, to_clerk: str | None = None) -> None:
        w = self.window_number
        self._write(lambda: self.queue.transfer(ticket_id, w, reason=reason, to_category=to_category,
                                                to_window=to_window, to_clerk=to_clerk, actor=self.clerk),
                    lambda v: self._left(self.tr("%1 已转移").replace("%1", v.number)))

    def _on_resume_clicked(self) -> None:
        item = self.held.currentItem() or (self.held.item(0) if self.held.count() else None)
        if item is None:
            return
        tid, w = item.data(Qt.ItemDataRole.UserRole), self.window_number
        self._write(lambda: self.queue.resume(tid, w, actor=self.clerk),
                    lambda v: self._show(self.tr("%1 已恢复，下次叫号优先").replace("%1", v.number)))

    def _on_serve_again(self) -> None:
        number = self.again_input.text().strip()
        if not number:
            return
        w, clerk = self.window_number, self.clerk

        def done(v: Any) -> None:
            self.again_input.clear()
            self._show(self.tr("过号受理 %1").replace("%1", v.number))
        self._write(lambda: self.queue.serve_again(number, w, clerk=clerk, actor=clerk), done)
