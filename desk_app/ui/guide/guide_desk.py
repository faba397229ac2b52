"""The lobby guide's screen: large category buttons, item search by name or pinyin, priority groups, appointment
check-in, and the ticket printed in one or two actions; people waiting per category always visible.

Flow of one ticket: issue (not yet counted) on the writer → print on the I/O pool → confirm handed out,
or void it when the print failed and tell the guide. When the printer cannot say whether the ticket came
out, the guide is asked: "已打出" confirms it, "作废" voids it.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout, QWidget,
)

from desk_app.domain.errors import KnownError
from desk_app.domain.queue import DEFAULT_PRIORITY_GROUPS
from desk_app.ui.context import ScreenContext
from desk_app.ui.errors import error_text
from desk_app.ui.labels import label

_TOPICS = {"ticket", "queue_day", "window"}


class CategoryButton(QPushButton):
    """A big button: category name, prefix, people waiting and the estimate."""

    def __init__(self, prefix: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.prefix = prefix
        self.category_name = name
        self.setMinimumSize(220, 120)
        self.setObjectName("categoryButton")
        # min-height here: the application style sheet's button rule would otherwise win over setMinimumSize
        self.setStyleSheet("QPushButton#categoryButton { font-size: 24px; padding: 8px; min-height: 130px; }")
        self.set_counts(0, 0, True)

    def set_counts(self, waiting: int, estimate_min: int, open_: bool) -> None:
        if not open_:
            line = self.tr("今日已停止取号")
        elif waiting:
            line = self.tr("等候 %1 人 · 约 %2 分钟").replace("%1", str(waiting)).replace("%2", str(estimate_min))
        else:
            line = self.tr("无需等候")
        self.setText(f"{self.category_name}\n{self.prefix}  ·  {line}")
        self.setEnabled(open_)


class GuideDesk(QWidget):
    """``GuideDesk(ctx)``: needs ``ctx.services.queue`` (QueueService), ``ctx.services.catalog``
    (CatalogService.search), ``ctx.services.appointments`` (the booking dialog) and
    ``ctx.devices.get("ticket_printer")``."""

    ticket_issued = Signal(str, str)       # ticket id, number: printed (or confirmed) and counted
    ticket_failed = Signal(str)            # Chinese reason: nothing was issued
    counts_refreshed = Signal()

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.queue = ctx.services.queue
        self.catalog = ctx.services.catalog
        self._busy = False
        self._pending_confirm: Any = None  # an issued ticket whose print result is unknown
        self._buttons: dict[str, CategoryButton] = {}
        self._priority = ""
        self._loading = False
        self._dirty = False

        title = QLabel(self.tr("咨询导办 · 取号"))
        title.setStyleSheet("font-size: 24px; font-weight: bold;")

        self.search = QLineEdit(placeholderText=self.tr("输入要办的事项：名称或拼音首字母，如 gtgsh"))
        self.search.setClearButtonEnabled(True)
        self.search.setStyleSheet("font-size: 18px; padding: 6px;")
        self.results = QListWidget()
        self.results.setMaximumHeight(180)
        self.results.setStyleSheet("font-size: 16px;")
        self.results.hide()
        self._search_timer = QTimer(self, singleShot=True, interval=150, timeout=self._run_search)
        self.search.textEdited.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._on_search_return)
        self.results.itemActivated.connect(self._on_result_activated)

        self.grid = QGridLayout()
        self.grid.setSpacing(12)

        prio_row = QHBoxLayout()
        prio_row.addWidget(QLabel(self.tr("绿色通道：")))
        self.priority_buttons: dict[str, QPushButton] = {}
        groups = getattr(self.queue.config, "priority_groups", DEFAULT_PRIORITY_GROUPS)
        for code, group in groups:
            b = QPushButton(label(group), checkable=True)
            b.setMinimumHeight(44)
            b.toggled.connect(lambda on, c=code: self._on_priority_toggled(c, on))
            self.priority_buttons[code] = b
            prio_row.addWidget(b)
        prio_row.addStretch(1)

        appt_row = QHBoxLayout()
        self.appt_code = QLineEdit(placeholderText=self.tr("预约码：输入或扫码后按回车"))
        self.appt_code.setStyleSheet("font-size: 18px; padding: 6px;")
        self.appt_button = QPushButton(self.tr("预约签到取号"))
        self.appt_button.setMinimumHeight(44)
        self.appt_code.returnPressed.connect(self._on_check_in)
        self.appt_button.clicked.connect(self._on_check_in)
        appt_row.addWidget(self.appt_code, 1)
        appt_row.addWidget(self.appt_button)
        self.book_button = QPushButton(self.tr("预约登记"))
        self.book_button.setMinimumHeight(44)
        self.book_button.clicked.connect(self.open_booking)
        appt_row.addWidget(self.book_button)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 20px;")
        self.confirm_bar = QFrame()
        cb = QHBoxLayout(self.confirm_bar)
        self.confirm_label = QLabel()
        self.confirm_label.setWordWrap(True)
        self.confirm_yes = QPushButton(self.tr("已打出，交给群众"))
        self.confirm_no = QPushButton(self.tr("没有打出，作废"))
        self.confirm_yes.clicked.connect(lambda: self._resolve_unknown(True))
        self.confirm_no.clicked.connect(lambda: self._resolve_unknown(False))
        cb.addWidget(self.confirm_label, 1)
        cb.addWidget(self.confirm_yes)
        cb.addWidget(self.confirm_no)
        self.confirm_bar.hide()

        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addWidget(self.search)
        lay.addWidget(self.results)
        lay.addLayout(self.grid)
        lay.addLayout(prio_row)
        lay.addLayout(appt_row)
        lay.addWidget(self.confirm_bar)
        lay.addWidget(self.status)
        lay.addStretch(1)

        for i in range(9):  # Ctrl+1..9: the category buttons from the keyboard
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, activated=lambda i=i: self._on_shortcut(i))
        ctx.bridge.changed.connect(self._on_bridge_changed)
        router = getattr(ctx, "scan_router", None)
        if router is not None:  # an appointment QR scanned anywhere on this PC checks in here
            router.register({"appointment"}, lambda payload: self.on_scan(payload.value), owner=self)
        self.refresh()

    # ------------------------------------------------------------------ counts
    def refresh(self) -> None:
        """Reload the counts; one load at a time so an older result never lands after a newer one."""
        if self._loading:
            self._dirty = True
            return
        self._loading, self._dirty = True, False
        op = self.ctx.runner.read(self.queue.categories, success=self._on_categories,
                                  failure=self._on_categories_failed, parent=self)
        if op is not None:
            op.on_bug(self._on_categories_failed)  # the runner showed the bug; the next refresh tries again

    def _on_categories_failed(self, _exc: KnownError | None = None) -> None:
        self._loading = False  # the counts on screen stay; the next refresh tries again

    def _on_bridge_changed(self, topic: str, _payload: object) -> None:
        if topic in _TOPICS:
            self.refresh()

    def _on_categories(self, cats: list) -> None:
        self._loading = False
        for c in cats:
            btn = self._buttons.get(c.prefix)
            if btn is None:
                btn = CategoryButton(c.prefix, c.name)
                btn.clicked.connect(lambda _=False, p=c.prefix: self.issue(p))
                n = len(self._buttons)
                self.grid.addWidget(btn, n // 3, n % 3)
                self._buttons[c.prefix] = btn
            btn.set_counts(c.waiting, c.estimate_min, c.active and not c.closed_today)
            if self._busy:
                btn.setEnabled(False)
        self.counts_refreshed.emit()
        if self._dirty:
            self.refresh()

    def category_buttons(self) -> dict[str, CategoryButton]:
        return dict(self._buttons)

    # ------------------------------------------------------------------ priority groups
    def _on_priority_toggled(self, code: str, on: bool) -> None:
        if on:
            self._priority = code
            for other, b in self.priority_buttons.items():
                if other != code and b.isChecked():
                    b.setChecked(False)
        elif self._priority == code:
            self._priority = ""

    def _clear_priority(self) -> None:
        for b in self.priority_buttons.values():
            b.setChecked(False)
        self._priority = ""

    # ------------------------------------------------------------------ item search
    def _run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.results.clear()
            self.results.hide()
            return
        self.ctx.runner.read(lambda: self.catalog.search(text, limit=8), success=self._on_search_results,
                             parent=self)

    def _on_search_results(self, hits: list) -> None:
        self.results.clear()
        for h in hits:
            it = QListWidgetItem(self.tr("%1（%2）").replace("%1", h.name).replace("%2", h.department or h.sector))
            it.setData(Qt.ItemDataRole.UserRole, (h.item_code, h.sector))
            self.results.addItem(it)
        self.results.setVisible(bool(hits))
        if hits:
            self.results.setCurrentRow(0)

    def _on_search_return(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._run_search()
            return
        item = self.results.currentItem()
        if item is not None:
            self._on_result_activated(item)

    def _on_result_activated(self, item: QListWidgetItem) -> None:
        code, sector = item.data(Qt.ItemDataRole.UserRole)

        def mapped(prefix: str | None) -> None:
            if prefix is None:
                self._fail(self.tr("该事项没有设置排队类别，请直接点选类别按钮。"))
                return
            self.search.clear()
            self.results.hide()
            self.issue(prefix)
        self.ctx.runner.read(lambda: self.queue.category_for_item(code, sector), success=mapped, parent=self)

    def _on_shortcut(self, i: int) -> None:
        buttons = list(self._buttons.values())
        if i < len(buttons) and buttons[i].isEnabled():
            self.issue(buttons[i].prefix)

    # ------------------------------------------------------------------ issuing and printing
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for b in self._buttons.values():
            b.setEnabled(not busy)
        self.appt_button.setEnabled(not busy)
        if not busy:
            self.refresh()  # re-applies closed categories

    def issue(self, category: str) -> None:
        """Issue a ticket of ``category`` with the toggled priority group, and print it."""
        if self._busy:
            return
        group = self._priority
        self._set_busy(True)
        self.status.setText(self.tr("正在出号……"))
        self._write(lambda: self.queue.issue(category, priority_group=group), self._print)

    def _on_check_in(self) -> None:
        code = self.appt_code.text()
        if self._busy or not code.strip():
            return
        group = self._priority
        self._set_busy(True)
        self.status.setText(self.tr("正在签到……"))
        self._write(lambda: self.queue.check_in(code, priority_group=group), self._on_checked_in)

    def open_booking(self) -> Any:
        """The booking dialog (non-modal: the guide can issue tickets meanwhile); returns it."""
        from desk_app.ui.guide.booking_dialog import BookingDialog
        dlg = getattr(self, "_booking", None)
        if dlg is None:
            dlg = self._booking = BookingDialog(self.ctx, self)
            dlg.check_in_requested.connect(self.on_scan)  # picked from the day's list: as if scanned
        dlg.show()
        dlg.raise_()
        dlg.name.setFocus()
        return dlg

    def on_scan(self, payload: str) -> None:
        """An appointment code read by the barcode scanner (the scan router calls this for "appointment")."""
        self.appt_code.setText(str(payload))
        self._on_check_in()

    def _on_checked_in(self, ticket: Any) -> None:
        self.appt_code.clear()
        self._print(ticket)

    def _write(self, fn: Callable[[], Any], success: Callable[[Any], None]) -> None:
        """One step of issuing on the writer; a known error or a bug (which the runner reports) ends it."""
        op = self.ctx.runner.write(fn, success=success, failure=self._on_issue_failed, parent=self)
        if op is not None:
            op.on_bug(self._on_issue_crashed)

    def _on_issue_failed(self, exc: KnownError) -> None:
        self._set_busy(False)
        self._fail(error_text(exc))

    def _on_issue_crashed(self) -> None:
        self._set_busy(False)  # the crash dialog is up; the guide sees nothing was issued
        self._fail(self.tr("出号时程序出错，没有出号。请重试。"))

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("font-size: 20px; color: #b00020;")
        self.ticket_failed.emit(message)

    def _ticket_data(self, t: Any) -> dict[str, Any]:
        from desk_app.services.printout_data import ticket_data
        tag = ""
        if t.priority_group:
            tag = self.tr("绿色通道")
        elif t.appointment_id:
            tag = self.tr("预约") if t.appointment_on_time else ""
        return ticket_data(t, hall_name=self.ctx.hall_name or self.tr("政务服务中心"), tag=tag)

    def _print(self, t: Any) -> None:
        printer = self.ctx.devices.get("ticket_printer") if self.ctx.devices is not None else None
        width = self.ctx.settings.get("printing.ticket_width_mm")
        data = self._ticket_data(t)
        offline = self.tr("没有连接小票打印机，请在外设设置中配置后重试。")  # here: job() runs on a worker

        def job():
            from desk_app.devices.ticket_printer import PrintOutcome, print_ticket
            from desk_app.printing.ticket import render_ticket_escpos
            if printer is None:
                return PrintOutcome(False, "offline", offline)
            return print_ticket(printer, render_ticket_escpos(data, width_mm=width))
        self.status.setText(self.tr("正在打印 %1……").replace("%1", t.number))
        op = self.ctx.runner.io(job, success=lambda outcome: self._on_printed(t, outcome),
                                failure=lambda exc: self._void(t, exc.message, error_text(exc)), parent=self)
        if op is not None:  # a bug while printing (reported by the runner): the ticket did not come out
            op.on_bug(lambda: self._void(t, QT_TRANSLATE_NOOP("GuideDesk", "打印时程序出错"), self.tr("打印时程序出错")))

    def _on_printed(self, t: Any, outcome: Any) -> None:
        if outcome.ok:
            self._write(lambda: self.queue.confirm_handed_out(t.id), lambda _v: self._issued(t))
            return
        if outcome.status == "unknown" and outcome.sent:
            self._pending_confirm = t
            self.confirm_label.setText(self.tr("号码 %1：%2").replace("%1", t.number).replace("%2", outcome.message_cn))
            self.confirm_bar.show()
            self.status.setText("")
            return
        self._void(t, outcome.message_cn)

    def _void(self, t: Any, reason: str, shown: str | None = None) -> None:
        """``reason`` is recorded with the void ticket (in Chinese, as every event); ``shown``, when given, is
        the reason in the UI's language."""
        message = self.tr("%1 没有出号（号码 %2 作废）。请处理打印机后重新取号。").replace("%1", shown or reason) \
            .replace("%2", t.number)

        def done(_v: object) -> None:
            self._set_busy(False)
            self._fail(message)
            self.ctx.bridge.warning.emit(message)
        self._write(lambda: self.queue.print_failed(t.id, reason), done)

    def _resolve_unknown(self, came_out: bool) -> None:
        t, self._pending_confirm = self._pending_confirm, None
        self.confirm_bar.hide()
        if t is None:
            return
        if came_out:
            self._write(lambda: self.queue.confirm_handed_out(t.id), lambda _v: self._issued(t))
        else:
            self._void(t, self.tr("小票没有打出"))

    def _issued(self, t: Any) -> None:
        self._set_busy(False)
        self._clear_priority()
        ahead = self.tr("前面还有 %1 人").replace("%1", str(t.ahead)) if t.ahead else self.tr("无需等候")
        self.status.setStyleSheet("font-size: 20px; color: #1b5e20;")
        self.status.setText(self.tr("已出号 %1（%2）").replace("%1", t.number).replace("%2", ahead))
        self.search.setFocus()
        self.ticket_issued.emit(t.id, t.number)
