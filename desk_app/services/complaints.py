"""The 办不成事 window: record what could not get done, link it to a ticket or case, follow it to resolution."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import select

from desk_app.domain import complaint as c
from desk_app.domain.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import hall_date, hall_day
from desk_app.domain.validators import validate_mobile
from desk_app.services.calendar import read_calendar
from desk_app.services.intake import find_case_id, next_case_number
from desk_app.store import pii
from desk_app.store.database import Store, UnitOfWork
from desk_app.store.models import Ticket
from desk_app.store.models.intake_extra import Complaint
from desk_app.store.reducer import aggregate_events

RESOLVE_WITHIN_DAYS = 5  # working days to a resolution


def load_complaint(session: Any, complaint_id: str) -> c.ComplaintState:
    state = c.fold_complaint(aggregate_events(session, f"complaint:{complaint_id}"))
    if state is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到该反映记录。"), field="complaint")
    cipher, agg = pii.cipher_of(session), f"complaint:{complaint_id}"
    return replace(state, complainant_name=pii.open_value(cipher, agg, "complainant_name", state.complainant_name),
                   phone=pii.open_value(cipher, agg, "phone", state.phone))


def record(uow: UnitOfWork, *, category: str, description: str, complainant_name: str = "", phone: str = "",
           ticket_id: str | None = None, ticket_number: str = "", case_number: str = "",
           window_number: int | None = None) -> c.ComplaintState:
    category, description = c.validate_complaint(category, description)
    phone = phone.strip()
    if phone:
        phone = validate_mobile(phone, field="phone")
    case_id = None
    if case_number.strip():
        case_number = case_number.strip().upper()
        case_id = find_case_id(uow.session, uow.hall_id, case_number)
    if ticket_number.strip() and not ticket_id:
        day = hall_day(uow.now_ms())
        ticket_id = uow.session.scalar(select(Ticket.id).where(
            Ticket.hall_id == uow.hall_id, Ticket.day == day, Ticket.number == ticket_number.strip().upper()))
        if ticket_id is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "今天没有号码为 {ticket_number} 的排队号。请核对后重新输入。"),
                                ticket_number=ticket_number.strip().upper(),
                                field="ticket_number")
    elif ticket_id and not ticket_number:
        ticket_number = uow.session.scalar(select(Ticket.number).where(Ticket.id == ticket_id)) or ""
    now = uow.now_ms()
    today = hall_date(now)
    complaint_id = new_id()
    uow.emit(c.COMPLAINT_RECORDED, f"complaint:{complaint_id}", {
        "number": next_case_number(uow, today.isoformat(), kind="complaint"), "category": category,
        "description": description, "complainant_name": complainant_name.strip()[:40], "phone": phone,
        "ticket_id": ticket_id, "ticket_number": ticket_number.strip().upper(), "case_id": case_id,
        "case_number": case_number if case_id else "", "window_number": window_number, "recorded_at_ms": now,
        "recorded_on": today.isoformat(),
        "due_date": read_calendar(uow.session).add_working_days(today, RESOLVE_WITHIN_DAYS).isoformat(),
    })
    return load_complaint(uow.session, complaint_id)


def _follow_up_text(uow: UnitOfWork, complaint_id: str, text: str, missing: str, field: str) -> str:
    """``text`` stripped, once the complaint is known to be still open and ``text`` is not empty (else
    ``missing``, for ``field``)."""
    if load_complaint(uow.session, complaint_id).status == c.RESOLVED:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "该反映已办结。"), field="complaint")
    text = (text or "").strip()
    if not text:
        raise ValidationError(missing, field=field)
    return text


def progress(uow: UnitOfWork, complaint_id: str, note: str, *, handler: str = "") -> c.ComplaintState:
    note = _follow_up_text(uow, complaint_id, note, QT_TRANSLATE_NOOP("Errors", "请写明处理进展。"), "note")
    uow.emit(c.COMPLAINT_PROGRESSED, f"complaint:{complaint_id}",
             {"note": note[:300], "handler": handler.strip()[:60], "on": hall_day(uow.now_ms())})
    return load_complaint(uow.session, complaint_id)


def resolve(uow: UnitOfWork, complaint_id: str, resolution: str, *, satisfied: bool | None = None
            ) -> c.ComplaintState:
    resolution = _follow_up_text(uow, complaint_id, resolution, QT_TRANSLATE_NOOP("Errors", "请写明处理结果。"),
                                 "resolution")
    uow.emit(c.COMPLAINT_RESOLVED, f"complaint:{complaint_id}",
             {"resolution": resolution[:500], "satisfied": satisfied, "resolved_on": hall_day(uow.now_ms())})
    return load_complaint(uow.session, complaint_id)


class ComplaintService:
    def __init__(self, store: Store, *, actor: str = "", window_number: int | None = None):
        self.store = store
        self.actor = actor
        self.window_number = window_number

    def record(self, **kw: Any) -> c.ComplaintState:
        with self.store.write(self.actor) as uow:
            return record(uow, window_number=self.window_number, **kw)

    def progress(self, complaint_id: str, note: str, *, handler: str = "") -> c.ComplaintState:
        with self.store.write(self.actor) as uow:
            return progress(uow, complaint_id, note, handler=handler)

    def resolve(self, complaint_id: str, resolution: str, *, satisfied: bool | None = None) -> c.ComplaintState:
        with self.store.write(self.actor) as uow:
            return resolve(uow, complaint_id, resolution, satisfied=satisfied)

    def get(self, complaint_id: str) -> c.ComplaintState:
        with self.store.read() as s:
            return load_complaint(s, complaint_id)

    def open_list(self) -> list[c.ComplaintState]:
        """Unresolved complaints, oldest due first, then the latest resolved ones."""
        with self.store.read() as s:
            ids = s.scalars(select(Complaint.id).where(Complaint.hall_id == self.store.hall_id)
                            .order_by(Complaint.status == c.RESOLVED, Complaint.due_date,
                                      Complaint.recorded_at_ms).limit(200)).all()
            return [load_complaint(s, i) for i in ids]
