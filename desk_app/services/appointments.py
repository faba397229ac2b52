"""Appointment use cases: booking a slot, and checking in by a typed or scanned code at the guide desk."""
from __future__ import annotations

from sqlalchemy import select

from desk_app.domain import queue as q
from desk_app.domain import queue_appointments as qa
from desk_app.domain.errors import ValidationError
from desk_app.domain.ids import new_id
from desk_app.store.database import UnitOfWork
from desk_app.store.models.queue import Appointment
from desk_app.services.queue import IssuedTicket, _category, issue_ticket


def book_appointment(uow: UnitOfWork, code: str, category: str, slot_start_ms: int, slot_end_ms: int) -> str:
    """Record a booked slot (from the booking system's import or the demo); returns the appointment id."""
    code = qa.normalize_code(code)
    _category(uow.session, uow.hall_id, category)
    if slot_end_ms <= slot_start_ms:
        raise ValidationError("预约时段的结束时间必须晚于开始时间。", field="slot")
    taken = uow.session.execute(select(Appointment.id).where(
        Appointment.hall_id == uow.hall_id, Appointment.code == code)).first()
    if taken is not None:
        raise ValidationError(f"预约码 {code} 已存在。", field="appointment_code")
    appt_id = new_id()
    uow.emit(qa.APPOINTMENT_BOOKED, f"appointment:{appt_id}", {
        "code": code, "category": category, "slot_start_ms": slot_start_ms, "slot_end_ms": slot_end_ms})
    return appt_id


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
