"""Projections of queue events: tickets, window states, queue days and appointments."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Table, bindparam, delete
from sqlalchemy.orm import Session

from desk_app.domain.events import Event
from desk_app.domain.queue import TicketState, fold_ticket
from desk_app.domain.queue_appointments import fold_appointment
from desk_app.domain.queue_windows import fold_queue_day, fold_window
from desk_app.store.models import Ticket
from desk_app.store.models.queue import Appointment, QueueDay, WindowState
from desk_app.store.reducer import projector


def ticket_row(state: TicketState) -> dict[str, Any]:
    # Field by field rather than dataclasses.asdict: asdict deep-copies the history on every event.
    return {
        "id": state.id, "hall_id": state.hall_id, "day": state.day, "category": state.category,
        "seq": state.seq, "number": state.number, "status": state.status,
        "priority_group": state.priority_group, "appointment_id": state.appointment_id,
        "issued_at_ms": state.issued_at_ms, "issued_hlc": state.issued_hlc,
        "issued_device": state.issued_device, "window_number": state.window_number,
        "clerk": state.clerk, "appt_slot_ms": state.appt_slot_ms,
        "transferred_in": state.transferred_in, "target_window": state.target_window,
        "target_clerk": state.target_clerk, "comes_back": state.comes_back,
        "called_at_ms": state.called_at_ms, "started_at_ms": state.started_at_ms,
        "finished_at_ms": state.finished_at_ms, "recall_count": state.recall_count,
        "state": state.extra,
    }


_STATEMENTS: dict[str, tuple[Any, Any]] = {}


def _upsert(session: Session, table: Any, key: Any, values: dict[str, Any]) -> None:
    """UPDATE by id, INSERT when that hit nothing (most events touch an existing row).

    The statements are built once per table with bound parameters: building ``update().values(**v)``
    on every event cost more than the whole SQLite round trip.
    """
    t: Table = table.__table__
    stmts = _STATEMENTS.get(t.name)
    if stmts is None:
        stmts = (t.update().where(t.c.id == bindparam("_key")), t.insert())
        _STATEMENTS[t.name] = stmts
    conn = session.connection()
    if not conn.execute(stmts[0], {**values, "_key": key}).rowcount:
        conn.execute(stmts[1], values)


@projector("ticket")
def project_ticket(session: Session, ticket_id: str, events: list[Event]) -> None:
    state = fold_ticket(events)
    if state is None:
        session.execute(delete(Ticket).where(Ticket.id == ticket_id))
        return
    _upsert(session, Ticket, ticket_id, ticket_row(state))


@projector("window")
def project_window(session: Session, window_id: str, events: list[Event]) -> None:
    st = fold_window(events)
    if st is None:
        return
    _upsert(session, WindowState, window_id, {
        "id": window_id, "hall_id": st.hall_id, "number": st.number, "paused": st.paused,
        "pause_reason": st.pause_reason,
        "categories": list(st.categories) if st.categories is not None else None,
        "changed_by": st.changed_by})


@projector("queue_day")
def project_queue_day(session: Session, key: str, events: list[Event]) -> None:
    st = fold_queue_day(events)
    if st is None:
        return
    _upsert(session, QueueDay, key, {"id": key, "hall_id": st.hall_id, "day": st.day,
                                     "closed": st.closed,
                                     "closed_categories": list(st.closed_categories)})


@projector("appointment")
def project_appointment(session: Session, appt_id: str, events: list[Event]) -> None:
    st = fold_appointment(events)
    if st is None:
        return
    _upsert(session, Appointment, appt_id, {
        "id": appt_id, "hall_id": st.hall_id, "code": st.code, "category": st.category,
        "day": st.day, "slot_start_ms": st.slot_start_ms, "slot_end_ms": st.slot_end_ms,
        "status": st.status, "ticket_id": st.ticket_id, "conflicts": list(st.conflicts)})
