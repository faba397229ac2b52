"""Queue use cases: issuing tickets (more actions are added by the queue engine)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desk_app.domain import queue as q
from desk_app.domain.errors import ValidationError
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import hall_day
from desk_app.store.database import UnitOfWork
from desk_app.store.models import QueueCategory
from desk_app.store.numbering import take_number


@dataclass(frozen=True)
class IssuedTicket:
    id: str
    number: str
    category: str
    day: str
    issued_at_ms: int


def issue_ticket(uow: UnitOfWork, category: str, *, priority_group: str = "",
                 appointment_id: str | None = None) -> IssuedTicket:
    """Give the next number of ``category`` (a prefix) to a new ticket and record it."""
    cat = uow.session.execute(
        select(QueueCategory.active).where(QueueCategory.hall_id == uow.hall_id,
                                           QueueCategory.prefix == category)).first()
    if cat is None:
        raise ValidationError(f"没有业务类别“{category}”。请在类别列表中选择。", field="category")
    if not cat.active:
        raise ValidationError(f"业务类别“{category}”今日已停止取号。请引导申请人办理其他类别或次日再来。",
                              field="category")
    now = uow.now_ms()
    day = hall_day(now)
    seq = take_number(uow.session, uow.hall_id, day, category, uow.device_id)
    ticket_id = new_id()
    number = q.format_number(category, seq)
    uow.emit(q.TICKET_ISSUED, f"ticket:{ticket_id}", {
        "day": day, "category": category, "seq": seq, "number": number,
        "priority_group": priority_group, "appointment_id": appointment_id, "issued_at_ms": now,
    })
    return IssuedTicket(ticket_id, number, category, day, now)
