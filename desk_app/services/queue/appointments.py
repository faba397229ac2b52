"""Appointment use cases: booking a slot (guide desk or the online booking system), cancelling, listing, check-in."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain import appointment_booking as ab
from desk_app.domain import queue as q
from desk_app.domain import queue_appointments as qa
from desk_app.domain.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import hall_date
from desk_app.services.queue.issuing import issue_ticket
from desk_app.services.queue.results import IssuedTicket
from desk_app.services.queue.statements import category_row
from desk_app.store import appointment_queries as aq
from desk_app.store import pii
from desk_app.store.database import UnitOfWork
from desk_app.store.models.queue import Appointment


@dataclass(frozen=True)
class AppointmentView:
    id: str
    code: str
    category: str
    day: str
    slot_start_ms: int
    slot_end_ms: int
    status: str
    name: str
    phone: str
    resident_id: str
    item_code: str
    item_name: str
    source: str
    external_id: str
    ticket_id: str | None


@dataclass(frozen=True)
class SlotView:
    start_ms: int
    end_ms: int
    booked: int
    capacity: int

    @property
    def free(self) -> int:
        return max(0, self.capacity - self.booked)


def _view(r: Any, cipher: Any = None) -> AppointmentView:
    """The row as shown, its personal fields opened with ``cipher`` (the session's data key)."""
    agg = f"appointment:{r.id}"
    name, phone, rid = (pii.open_value(cipher, agg, k, getattr(r, k) or "") for k in ("name", "phone", "resident_id"))
    return AppointmentView(r.id, r.code, r.category, r.day, r.slot_start_ms, r.slot_end_ms, r.status, name,
                           phone, rid, r.item_code or "", r.item_name or "",
                           r.source or "", r.external_id or "", r.ticket_id)


def book_appointment(uow: UnitOfWork, code: str | None, category: str, slot_start_ms: int, slot_end_ms: int, *,
                     name: str = "", phone: str = "", resident_id: str = "", item_code: str = "",
                     item_name: str = "", source: str = "import", external_id: str = "",
                     rules: ab.SlotRules | None = None, is_workday: Any = None) -> str:
    """Record a booked slot; returns the appointment id.

    With ``rules`` (the guide desk, the booking API) the slot must be one of the day's and not full, and the
    booker's name and mobile are required; without (an import of already-checked bookings) only the code
    and the times are checked. ``code=None``: a new code is made.
    """
    s = uow.session
    category_row(s, uow.hall_id, category)
    if slot_end_ms <= slot_start_ms:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "预约时段的结束时间必须晚于开始时间。"), field="slot")
    person = ab.Applicant(name.strip(), phone.strip(), resident_id.strip())
    if rules is not None:
        person = ab.validate_applicant(name, phone, resident_id)
        if not category_row(s, uow.hall_id, category).active:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "业务类别“{category}”已停用，不能预约。请选择其他类别。"), category=category, field="category")
        ab.check_slot(slot_start_ms, slot_end_ms, category, rules, uow.now_ms(),
                      aq.booked_in_slot(s, uow.hall_id, category, slot_start_ms), is_workday)
    day = hall_date(slot_start_ms)
    code = ab.new_code(day, aq.codes_of_day(s, uow.hall_id, day)) if code is None else qa.normalize_code(code)
    taken = s.execute(select(Appointment.id).where(Appointment.hall_id == uow.hall_id,
                                                   Appointment.code == code)).first()
    if taken is not None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "预约码 {code} 已存在。"), code=code, field="appointment_code")
    appt_id = new_id()
    payload = ab.booked_payload(code, category, slot_start_ms, slot_end_ms, person, source=source,
                                item_code=item_code, item_name=item_name, external_id=external_id)
    uow.emit(qa.APPOINTMENT_BOOKED, f"appointment:{appt_id}", payload)
    return appt_id


def cancel_appointment(uow: UnitOfWork, appt_id: str, *, reason: str = "") -> AppointmentView:
    r = uow.session.get(Appointment, appt_id)
    if r is None or r.hall_id != uow.hall_id:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "没有找到该预约。"), field="appointment")
    if r.status == qa.CHECKED_IN:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "预约码 {code} 已签到取号，不能取消。"), code=r.code, field="appointment")
    if r.status == qa.BOOKED:
        uow.emit(qa.APPOINTMENT_CANCELLED, f"appointment:{appt_id}", {"reason": reason[:100]})
    return _view(uow.session.get(Appointment, appt_id), uow.store_cipher)


def list_appointments(s: Session, hall_id: str, day: str, *, category: str | None = None) -> list[AppointmentView]:
    return [_view(r, pii.cipher_of(s)) for r in aq.of_day(s, hall_id, day, category)]


def find_by_external_id(s: Session, hall_id: str, external_id: str) -> AppointmentView | None:
    r = aq.by_external_id(s, hall_id, external_id)
    return _view(r, pii.cipher_of(s)) if r is not None else None


def slots(s: Session, hall_id: str, day: date, category: str, rules: ab.SlotRules) -> list[SlotView]:
    """The day's slots of ``category`` with how many are booked (cancelled ones free their place)."""
    counts = aq.slot_counts(s, hall_id, day, category)
    return [SlotView(a, b, counts.get(a, 0), rules.capacity) for a, b in ab.day_slots(day, rules)]


def _load(uow: UnitOfWork, code: str) -> qa.AppointmentState | None:
    r = uow.session.execute(select(Appointment).where(
        Appointment.hall_id == uow.hall_id, Appointment.code == code)).scalars().first()
    if r is None:
        return None
    return qa.AppointmentState(id=r.id, hall_id=r.hall_id, code=r.code, category=r.category, day=r.day,
                               slot_start_ms=r.slot_start_ms, slot_end_ms=r.slot_end_ms, status=r.status,
                               ticket_id=r.ticket_id)


def check_in(uow: UnitOfWork, raw_code: str, *, priority_group: str = "", handed_out: bool = False,
             config: q.QueueConfig | None = None) -> IssuedTicket:
    """Check the appointment in and issue its ticket: on time it keeps its appointment place, late it walks in."""
    cfg = config or q.QueueConfig()
    code = qa.normalize_code(raw_code)
    appt = _load(uow, code)
    decision = qa.check_in_decision(appt, code, uow.now_ms(), cfg.appointment_early_min,
                                    cfg.appointment_late_min)
    assert appt is not None  # check_in_decision refused a missing one
    ticket = issue_ticket(uow, appt.category, priority_group=priority_group, appointment_id=appt.id,
                          appt_slot_ms=appt.slot_start_ms if decision.on_time else None,
                          handed_out=handed_out, config=cfg)
    uow.emit(qa.APPOINTMENT_CHECKED_IN, f"appointment:{appt.id}",
             {"ticket_id": ticket.id, "on_time": decision.on_time})
    return ticket


class AppointmentService:
    """The booking use cases bound to a Store for the guide desk (``rules``: SlotRules or a callable giving
    the current ones, so a changed setting applies at the next booking)."""

    def __init__(self, store: Any, rules: ab.SlotRules | Any = None, *, calendar: Any = None, actor: str = ""):
        self.store = store
        self._rules = rules or ab.SlotRules()
        self._calendar = calendar  # a WorkdayCalendar, or a callable giving the current one; None: every day
        self.actor = actor

    def _is_workday(self) -> Any:
        cal = self._calendar() if callable(self._calendar) else self._calendar
        return cal.is_workday if cal is not None else None

    @property
    def rules(self) -> ab.SlotRules:
        return self._rules() if callable(self._rules) else self._rules

    def book(self, category: str, slot_start_ms: int, slot_end_ms: int, *, name: str, phone: str,
             resident_id: str = "", item_code: str = "", item_name: str = "") -> AppointmentView:
        with self.store.write(self.actor) as uow:
            appt_id = book_appointment(uow, None, category, slot_start_ms, slot_end_ms, name=name, phone=phone,
                                       resident_id=resident_id, item_code=item_code, item_name=item_name,
                                       source="guide_desk", rules=self.rules, is_workday=self._is_workday())
            return _view(uow.session.get(Appointment, appt_id), uow.store_cipher)

    def cancel(self, appt_id: str, *, reason: str = "") -> AppointmentView:
        with self.store.write(self.actor) as uow:
            return cancel_appointment(uow, appt_id, reason=reason)

    def slots(self, day: date, category: str) -> list[SlotView]:
        """The day's slots; none on a day off (a year without a holiday table raises, it is not guessed)."""
        workday = self._is_workday()
        if workday is not None and not workday(day):
            return []
        with self.store.read() as s:
            return slots(s, self.store.hall_id, day, category, self.rules)

    def of_day(self, day: str, *, category: str | None = None, until: str | None = None) -> list[AppointmentView]:
        with self.store.read() as s:
            return [_view(r, pii.cipher_of(s)) for r in aq.of_day(s, self.store.hall_id, day, category, until=until)]
