"""Issuing queue tickets: the next number of a category, and whether the printed ticket reached the applicant."""
from __future__ import annotations

from typing import Any

from desk_app.domain import queue as q
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import hall_day
from desk_app.services.queue import statements as st
from desk_app.services.queue.results import IssuedTicket, TicketView
from desk_app.store.database import UnitOfWork
from desk_app.store.fastsql import run
from desk_app.store.numbering import MODE_KEY, take_number


def issue_ticket(uow: UnitOfWork, category: str, *, priority_group: str = "",
                 appointment_id: str | None = None, appt_slot_ms: int | None = None,
                 handed_out: bool = True, config: q.QueueConfig | None = None) -> IssuedTicket:
    """Give the next number of ``category`` (a prefix) to a new ticket and record it.

    ``handed_out=False`` is the guide desk's path: the ticket is counted (and callable) only once
    ``confirm_handed_out`` records that it printed, or ``print_failed`` voids it.
    """
    cfg = config or q.QueueConfig()
    group = cfg.validate_group(priority_group)
    now = uow.now_ms()
    day = hall_day(now)
    cat = st.check_category_open(uow.conn, uow.hall_id, day, category)
    seq = take_number(uow.conn, uow.hall_id, day, category, uow.device_id,
                      mode=uow.cached_meta(MODE_KEY, "local"))
    ticket_id = new_id()
    number = q.format_number(category, seq)
    payload: dict[str, Any] = {
        "day": day, "category": category, "seq": seq, "number": number,
        "priority_group": group, "appointment_id": appointment_id, "issued_at_ms": now,
        "handed_out": handed_out,
    }
    if appt_slot_ms is not None:
        payload["appt_slot_ms"] = appt_slot_ms
    me = q.TicketState(id=ticket_id, hall_id=uow.hall_id, day=day, category=category, seq=seq, number=number,
                       status=q.WAITING, priority_group=group, appointment_id=appointment_id, issued_at_ms=now,
                       issued_hlc="~", appt_slot_ms=appt_slot_ms)  # "~": after every earlier ticket's clock
    ahead = _people_ahead(uow.conn, uow.hall_id, day, me, cat.ordinary_waiting, now)
    uow.emit(q.TICKET_ISSUED, f"ticket:{ticket_id}", payload, new_aggregate=True)
    return IssuedTicket(ticket_id, number, category, day, now, priority_group=group,
                        appointment_id=appointment_id, appointment_on_time=appt_slot_ms is not None,
                        ahead=ahead, category_name=cat.name, counted=handed_out)


def _people_ahead(conn: Any, hall_id: str, day: str, me: q.TicketState, ordinary_waiting: int, now: int) -> int:
    """domain ``people_ahead`` without reading every waiting ticket: plain walk-ins of the category are all
    ahead of a new walk-in and behind any other new ticket, so only the few special ones are ranked."""
    special = run(conn, st.SPECIAL_IN_CATEGORY, {"hall": hall_id, "day": day, "prefix": me.category}).all()
    plain = not (me.priority_group or me.appt_slot_ms is not None)
    return (ordinary_waiting if plain else 0) + q.people_ahead(special, me, now)


def confirm_handed_out(uow: UnitOfWork, ticket_id: str) -> TicketView:
    """The ticket printed (or the guide confirms handing it out): from now on it counts and can be called."""
    r = st.ticket_state(uow.session, ticket_id)
    if r.status == q.VOID:
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "号码 {number} 已因打印失败作废，请重新取号。"), number=r.number, field="ticket")
    if r.status == q.PRINTING:
        uow.emit(q.TICKET_HANDED_OUT, f"ticket:{ticket_id}", {"at_ms": uow.now_ms()})
    return st.load_ticket(uow.session, ticket_id)


def print_failed(uow: UnitOfWork, ticket_id: str, reason: str = "") -> TicketView:
    """The print failed: the ticket is void and its number a gap; nobody waits on a ticket they never got."""
    r = st.ticket_state(uow.session, ticket_id)
    if r.status == q.PRINTING:
        uow.emit(q.TICKET_PRINT_FAILED, f"ticket:{ticket_id}", {"at_ms": uow.now_ms(), "reason": reason[:200]})
    return st.load_ticket(uow.session, ticket_id)
