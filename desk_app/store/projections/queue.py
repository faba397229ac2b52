"""Projections of queue events: tickets, window states, queue days and appointments."""
from __future__ import annotations

from typing import Any

from desk_app.domain.events import Event
from desk_app.domain.queue import FINISHED, TicketState, fold_ticket
from desk_app.domain.queue_appointments import APPOINTMENT_PII_PURGED, fold_appointment
from desk_app.domain.queue_windows import fold_queue_day, fold_window
from desk_app.store.models import Ticket
from desk_app.store.models.queue import Appointment, QueueDay, WindowState
from desk_app.store.projectors import row_projector


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
        **report_columns(state), "state": state.extra,
    }


def report_columns(state: TicketState) -> dict[str, Any]:
    """The ticket's figures for the reports (definitions in domain/reports.py): waiting time to the first call,
    service time at the serving window, transfers, and whether it ended as a no-show."""
    history = state.extra.get("history", ())
    first_call = next((h.get("at_ms") for h in history if h.get("type") == "called"), None)
    finished = state.status == FINISHED
    service = None
    if finished and state.finished_at_ms is not None:
        begun = state.started_at_ms if state.started_at_ms is not None else state.called_at_ms
        service = max(0, state.finished_at_ms - begun) if begun is not None else None
    return {"wait_ms": max(0, first_call - state.issued_at_ms) if first_call is not None else None,
            "service_ms": service, "transfers": int(state.extra.get("transfers", 0)),
            "no_show": not finished and any(h.get("type") == "no_show" for h in history)}


@row_projector("ticket", Ticket)
def project_ticket(ticket_id: str, events: list[Event]) -> dict[str, Any] | None:
    state = fold_ticket(events)
    return None if state is None else ticket_row(state)


@row_projector("window", WindowState)
def project_window(window_id: str, events: list[Event]) -> dict[str, Any] | None:
    st = fold_window(events)
    if st is None:
        return None
    return {"id": window_id, "hall_id": st.hall_id, "number": st.number, "paused": st.paused,
            "pause_reason": st.pause_reason,
            "categories": list(st.categories) if st.categories is not None else None,
            "changed_by": st.changed_by, "paused_at_ms": st.paused_at_ms}


@row_projector("queue_day", QueueDay)
def project_queue_day(key: str, events: list[Event]) -> dict[str, Any] | None:
    st = fold_queue_day(events)
    if st is None:
        return None
    return {"id": key, "hall_id": st.hall_id, "day": st.day, "closed": st.closed,
            "closed_categories": list(st.closed_categories)}


def _appointment_purged(row: dict[str, Any] | None, events: list[Event]) -> bool:
    return row is not None and any(ev.type == APPOINTMENT_PII_PURGED for ev in events)  # the fold always honours it


@row_projector("appointment", Appointment, purged=_appointment_purged)
def project_appointment(appt_id: str, events: list[Event]) -> dict[str, Any] | None:
    st = fold_appointment(events)
    if st is None:
        return None
    return {"id": appt_id, "hall_id": st.hall_id, "code": st.code, "category": st.category,
            "day": st.day, "slot_start_ms": st.slot_start_ms, "slot_end_ms": st.slot_end_ms,
            "status": st.status, "ticket_id": st.ticket_id, "conflicts": list(st.conflicts),
            "name": st.name, "phone": st.phone, "resident_id": st.resident_id, "item_code": st.item_code,
            "item_name": st.item_name, "source": st.source, "external_id": st.external_id}
