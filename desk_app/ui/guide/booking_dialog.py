"""The guide desk's appointment booking: item or category, date, a slot with free places, the booker; gives the code."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDateEdit, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desk_app.domain.errors import KnownError
from desk_app.ui.context import ScreenContext
from desk_app.ui.errors import error_text


class BookingDialog(QDialog):
    """``BookingDialog(ctx)``: needs ``ctx.services.appointments`` (AppointmentService) and ``.queue``;
    ``ctx.services.catalog`` lets the guide find the item by name or pinyin."""

    booked = Signal(object)          # AppointmentView: the booking is recorded
    check_in_requested = Signal(str)  # an appointment code picked from the day's list (the guide desk checks it in)
    day_loaded = Signal()
    slots_loaded = Signal()
    failed = Signal(str)             # Chinese reason; nothing was booked and the form keeps what was typed

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.appointments = ctx.services.appointments
        self.queue = ctx.services.queue
        self.catalog = ctx.services.catalog
        self._item: tuple[str, str] = ("", "")  # item code, name
        self._busy = False
        self.last_code = ""
        self._moved_on = False  # moved to the next day once, when the first day had no free slot
        self._no_slot_text = self.tr("这一天该类别已没有可预约的时段，请换一天或换一个类别。")
        self.setWindowTitle(self.tr("预约登记"))
        self.setMinimumWidth(600)
        big = "font-size: 17px;"

        self.item_search = QLineEdit(placeholderText=self.tr("要办的事项（可选）：名称或拼音首字母"))
        self.item_results = QListWidget()
        self.item_results.setMaximumHeight(120)
        self.item_results.hide()
        self._search_timer = QTimer(self, singleShot=True, interval=150, timeout=self._run_search)
        self.item_search.textEdited.connect(lambda _t: self._search_timer.start())
        self.item_results.itemActivated.connect(self._on_item_chosen)
        self.item_search.returnPressed.connect(self._on_search_return)
        self.category = QComboBox()
        self.day = QDateEdit(calendarPopup=True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.slot = QComboBox()
        self.name = QLineEdit(placeholderText=self.tr("预约人姓名"))
        self.phone = QLineEdit(placeholderText=self.tr("11 位手机号码"))
        self.resident_id = QLineEdit(placeholderText=self.tr("身份证号（可选）"))
        for w in (self.item_search, self.category, self.day, self.slot, self.name, self.phone, self.resident_id):
            w.setStyleSheet(big)

        form = QFormLayout()
        form.addRow(self.tr("事项"), self.item_search)
        form.addRow("", self.item_results)
        form.addRow(self.tr("业务类别"), self.category)
        form.addRow(self.tr("日期"), self.day)
        form.addRow(self.tr("时段"), self.slot)
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("手机号"), self.phone)
        form.addRow(self.tr("身份证号"), self.resident_id)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 17px;")
        self.book_button = QPushButton(self.tr("确认预约"))
        self.book_button.setDefault(False)
        self.book_button.setAutoDefault(False)
        self.book_button.setMinimumHeight(44)
        close = QPushButton(self.tr("关闭"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        self.book_button.clicked.connect(self.submit)
        for field in (self.name, self.phone, self.resident_id):  # Enter in any of them books, no mouse needed
            field.returnPressed.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.book_button)
        buttons.addWidget(close)

        # today's and the coming days' appointments (whatever date is being booked): who booked, from where,
        # and check-in of today's by picking one, for an applicant who has lost the code (the guide confirms
        # name and phone first)
        self.day_title = QLabel()
        self.day_list = QTableWidget(0, 5)
        self.day_list.setHorizontalHeaderLabels([self.tr("时段"), self.tr("类别"), self.tr("预约人"),
                                                 self.tr("来源"), self.tr("状态")])
        self.day_list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.day_list.horizontalHeader().setStretchLastSection(True)
        self.day_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.day_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.day_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.day_list.verticalHeader().hide()
        self.day_list.setMinimumHeight(120)
        self.day_list.itemSelectionChanged.connect(self._on_day_selection)
        self.check_in_button = QPushButton(self.tr("为选中的预约签到取号"))
        self.check_in_button.setAutoDefault(False)
        self.check_in_button.setEnabled(False)
        self.check_in_button.clicked.connect(self._on_check_in_clicked)
        self._day_rows: list[Any] = []
        self._today = date.min
        ctx.bridge.changed.connect(self._on_bridge_changed)

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.message)
        lay.addLayout(buttons)
        lay.addWidget(self.day_title)
        lay.addWidget(self.day_list, 1)
        lay.addWidget(self.check_in_button)

        from desk_app.domain.hlc import wall_clock_ms
        from desk_app.domain.timeutil import hall_date
        rules = self.appointments.rules
        today = hall_date(wall_clock_ms())
        self.day.setMinimumDate(QDate(today.year, today.month, today.day))
        last = today + timedelta(days=rules.days_ahead)
        self.day.setMaximumDate(QDate(last.year, last.month, last.day))
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.category.currentIndexChanged.connect(lambda _i: self.load_slots())
        self.day.dateChanged.connect(lambda _d: self.load_slots())
        self.ctx.runner.read(self.queue.categories, success=self._on_categories, parent=self)
        self.load_day()

    # ------------------------------------------------------------------ choices
    def _on_categories(self, cats: list) -> None:
        self.category.blockSignals(True)
        for c in cats:
            if c.active:
                self.category.addItem(self.tr("%1（%2）").replace("%1", c.name).replace("%2", c.prefix), c.prefix)
        self.category.blockSignals(False)
        self.load_slots()

    def chosen_day(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())

    def load_slots(self) -> None:
        prefix = self.category.currentData()
        if not prefix:
            return
        day = self.chosen_day()
        self.ctx.runner.read(lambda: self.appointments.slots(day, prefix),
                             success=lambda slots: self._on_slots(day, prefix, slots), parent=self)

    def _on_slots(self, day: date, prefix: str, slots: list) -> None:
        if (day, prefix) != (self.chosen_day(), self.category.currentData()):
            return  # the guide changed the date or category meanwhile: a newer load follows
        from desk_app.domain.hlc import wall_clock_ms
        from desk_app.domain.timeutil import local_datetime
        keep = self.slot.currentData()
        now = wall_clock_ms()
        self.slot.clear()
        first_free = -1
        for s in slots:
            a, b = local_datetime(s.start_ms), local_datetime(s.end_ms)
            over = s.end_ms <= now
            note = self.tr("已过") if over else (self.tr("已满") if not s.free else
                                                self.tr("余 %1").replace("%1", str(s.free)))
            self.slot.addItem(self.tr("%1（%2）").replace("%1", f"{a:%H:%M}–{b:%H:%M}").replace("%2", note),
                              (s.start_ms, s.end_ms))
            item = self.slot.model().item(self.slot.count() - 1)
            if over or not s.free:
                item.setEnabled(False)
            elif first_free < 0:
                first_free = self.slot.count() - 1
        idx = self.slot.findData(keep) if keep is not None else -1
        usable = idx >= 0 and self.slot.model().item(idx).isEnabled()
        self.slot.setCurrentIndex(idx if usable else first_free)
        if first_free < 0 and not self._moved_on and self.day.date() < self.day.maximumDate():
            # opened after today's last slot (or today is full): offer the next day rather than nothing
            self._moved_on = True
            self.day.setDate(self.day.date().addDays(1))
            return
        if first_free < 0:
            self._say(self._no_slot_text, error=True)
        elif self.message.text() == self._no_slot_text:
            self._say("")
        self.slots_loaded.emit()

    # ------------------------------------------------------------------ the day's appointments
    def _on_bridge_changed(self, topic: str, _payload: object) -> None:
        if topic == "appointment" and self.isVisible():
            self.load_day()  # booked or checked in here, or pulled from desk-central (online bookings)
            self.load_slots()

    def load_day(self) -> None:
        from desk_app.domain.hlc import wall_clock_ms
        from desk_app.domain.timeutil import hall_date
        day = hall_date(wall_clock_ms())
        until = day + timedelta(days=self.appointments.rules.days_ahead)
        self._today = day
        self.ctx.runner.read(lambda: self.appointments.of_day(day.isoformat(), until=until.isoformat()),
                             success=self._on_day, parent=self)

    def _on_day(self, rows: list) -> None:
        from desk_app.domain.timeutil import local_datetime
        sources = {"online": self.tr("网上预约"), "guide_desk": self.tr("导办台"), "demo": self.tr("演示")}
        states = {"booked": self.tr("待签到"), "checked_in": self.tr("已签到"), "cancelled": self.tr("已取消")}
        keep = self._selected()
        self._day_rows = list(rows)
        today = sum(1 for a in rows if a.day == self._today.isoformat())
        self.day_title.setText(self.tr("今日预约 %1 个，以后几天 %2 个（只有今日的可签到）")
                               .replace("%1", str(today)).replace("%2", str(len(rows) - today)))
        self.day_list.setRowCount(len(rows))
        for i, a in enumerate(rows):
            phone = f"{a.phone[:3]}****{a.phone[-4:]}" if len(a.phone) == 11 else a.phone
            start = local_datetime(a.slot_start_ms)
            cells = (f"{start:%H:%M}" if a.day == self._today.isoformat() else f"{start:%m-%d %H:%M}", a.category, f"{a.name} {phone}".strip(),
                     sources.get(a.source, a.source), states.get(a.status, a.status))
            for j, text in enumerate(cells):
                self.day_list.setItem(i, j, QTableWidgetItem(text))
            if keep is not None and a.id == keep.id:
                self.day_list.selectRow(i)
        self._on_day_selection()
        self.day_loaded.emit()

    def _selected(self) -> Any:
        rows = self.day_list.selectionModel().selectedRows() if self.day_list.selectionModel() else []
        return self._day_rows[rows[0].row()] if rows and rows[0].row() < len(self._day_rows) else None

    def _on_day_selection(self) -> None:
        a = self._selected()
        self.check_in_button.setEnabled(a is not None and a.status == "booked"
                                        and a.day == self._today.isoformat())

    def _on_check_in_clicked(self) -> None:
        a = self._selected()
        if a is not None:
            self.check_in_requested.emit(a.code)

    # ------------------------------------------------------------------ item search
    def _run_search(self) -> None:
        text = self.item_search.text().strip()
        if not text:
            self.item_results.hide()
            if not text:
                self._item = ("", "")
            return
        self.ctx.runner.read(lambda: self.catalog.search(text, limit=6), success=self._on_search_results,
                             parent=self)

    def _on_search_results(self, hits: list) -> None:
        self.item_results.clear()
        for h in hits:
            it = QListWidgetItem(h.name)
            it.setData(Qt.ItemDataRole.UserRole, (h.item_code, h.name, h.sector))
            self.item_results.addItem(it)
        self.item_results.setVisible(bool(hits))
        if hits:
            self.item_results.setCurrentRow(0)

    def _on_search_return(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._run_search()
            return
        if self.item_results.currentItem() is not None:
            self._on_item_chosen(self.item_results.currentItem())

    def _on_item_chosen(self, item: QListWidgetItem) -> None:
        code, name, sector = item.data(Qt.ItemDataRole.UserRole)

        def mapped(prefix: str | None) -> None:
            if prefix is None:
                self._say(self.tr("该事项没有设置排队类别，请直接选择业务类别。"), error=True)
                return
            self._item = (code, name)
            self.item_search.setText(name)
            self.item_results.hide()
            i = self.category.findData(prefix)
            if i >= 0:
                self.category.setCurrentIndex(i)
            self.name.setFocus()
        self.ctx.runner.read(lambda: self.queue.category_for_item(code, sector), success=mapped, parent=self)

    # ------------------------------------------------------------------ booking
    def submit(self) -> None:
        if self._busy:
            return
        prefix, slot = self.category.currentData(), self.slot.currentData()
        if not prefix or slot is None or self.slot.currentIndex() < 0 \
                or not self.slot.model().item(self.slot.currentIndex()).isEnabled():
            self._say(self.tr("请选择一个还有名额的时段。"), error=True)
            return
        code, item_name = self._item
        if item_name and self.item_search.text().strip() != item_name:
            code, item_name = "", ""  # the guide typed over the chosen item
        name, phone, rid = self.name.text(), self.phone.text(), self.resident_id.text()
        self._busy = True
        self.book_button.setEnabled(False)
        self._say(self.tr("正在预约……"))
        op = self.ctx.runner.write(
            lambda: self.appointments.book(prefix, slot[0], slot[1], name=name, phone=phone, resident_id=rid,
                                           item_code=code, item_name=item_name),
            success=self._on_booked, failure=self._on_failed, parent=self)
        if op is not None:
            op.on_bug(self._on_crashed)

    def _on_booked(self, appt: Any) -> None:
        from desk_app.domain.timeutil import local_datetime
        self._busy = False
        self.book_button.setEnabled(True)
        a, b = local_datetime(appt.slot_start_ms), local_datetime(appt.slot_end_ms)
        self._say(self.tr("预约成功。预约码 %1（%2 %3–%4）。请告诉预约人：到场后凭预约码或预约短信二维码在导办台签到取号。")
                  .replace("%1", appt.code).replace("%2", a.strftime(self.tr("%m月%d日"))).replace("%3", f"{a:%H:%M}")
                  .replace("%4", f"{b:%H:%M}"), ok=True)
        self.last_code = appt.code
        for w in (self.name, self.phone, self.resident_id, self.item_search):
            w.clear()  # ready for the next person; the code stays on screen
        self._item = ("", "")
        self.load_slots()
        self.load_day()
        self.booked.emit(appt)

    def _on_failed(self, exc: KnownError) -> None:
        target = {"name": self.name, "phone": self.phone, "resident_id": self.resident_id}.get(exc.field or "")
        if target is not None:
            target.setFocus()
            target.selectAll()
        self._not_booked(error_text(exc))

    def _on_crashed(self) -> None:
        """The runner logged the bug and showed the crash dialog; the form keeps everything typed."""
        self._not_booked(self.tr("预约时程序出错，没有预约。请重试。"))

    def _not_booked(self, msg: str) -> None:
        self._busy = False
        self.book_button.setEnabled(True)
        self._say(msg, error=True)
        self.load_slots()  # a full slot shows as full now
        self.failed.emit(msg)

    def _say(self, text: str, *, error: bool = False, ok: bool = False) -> None:
        color = "#b00020" if error else ("#1b5e20" if ok else "#333333")
        self.message.setStyleSheet(f"font-size: 17px; color: {color};")
        self.message.setText(text)
