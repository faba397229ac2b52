"""Reads of the appointment projection shared by the PC's services and desk-central's booking API."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain import queue_appointments as qa
from desk_app.store.models.queue import Appointment


def booked_in_slot(s: Session, hall_id: str, category: str, slot_start_ms: int) -> int:
    """Bookings of the slot that hold a place (cancelled ones do not)."""
    return s.scalar(select(func.count()).select_from(Appointment).where(
        Appointment.hall_id == hall_id, Appointment.category == category,
        Appointment.slot_start_ms == slot_start_ms, Appointment.status != qa.CANCELLED)) or 0


def slot_counts(s: Session, hall_id: str, day: date, category: str) -> dict[int, int]:
    return dict(s.execute(select(Appointment.slot_start_ms, func.count()).where(
        Appointment.hall_id == hall_id, Appointment.day == day.isoformat(), Appointment.category == category,
        Appointment.status != qa.CANCELLED).group_by(Appointment.slot_start_ms)).all())


def codes_of_day(s: Session, hall_id: str, day: date) -> set[str]:
    """Codes already given out for ``day`` (codes carry the day: "YY" + MMDD + 4 digits)."""
    return set(s.scalars(select(Appointment.code).where(Appointment.hall_id == hall_id,
                                                        Appointment.code.like(f"YY{day:%m%d}%"))))


def by_external_id(s: Session, hall_id: str, external_id: str) -> Any:
    return s.scalars(select(Appointment).where(Appointment.hall_id == hall_id,
                                               Appointment.external_id == external_id)).first()


def of_day(s: Session, hall_id: str, day: str, category: str | None = None, *, until: str | None = None) -> list[Any]:
    """The appointments of ``day`` (through ``until``, ISO dates, when given), in slot order."""
    stmt = select(Appointment).where(Appointment.hall_id == hall_id, Appointment.day >= day,
                                     Appointment.day <= (until or day))
    if category:
        stmt = stmt.where(Appointment.category == category)
    return list(s.scalars(stmt.order_by(Appointment.slot_start_ms, Appointment.code)))
