"""Queue tickets: numbering and the fold of a ticket's events into its state."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from desk_app.domain.events import Event, ordered, register

TICKET_ISSUED = register("ticket.issued", "ticket").name

WAITING = "waiting"


def format_number(prefix: str, seq: int) -> str:
    """The printed ticket number: category prefix and a zero-padded daily sequence, e.g. A023."""
    return f"{prefix}{seq:03d}"


@dataclass(frozen=True)
class TicketState:
    id: str
    hall_id: str
    day: str
    category: str
    seq: int
    number: str
    status: str
    priority_group: str = ""
    appointment_id: str | None = None
    issued_at_ms: int = 0
    issued_hlc: str = ""
    issued_device: str = ""
    window_number: int | None = None
    clerk: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def fold_ticket(events: list[Event]) -> TicketState | None:
    """The ticket's state from its events, in hybrid-logical-clock order; None until it is issued."""
    state: TicketState | None = None
    for ev in ordered(events):
        if ev.type == TICKET_ISSUED:
            p = ev.payload
            state = TicketState(
                id=ev.aggregate_id, hall_id=ev.hall, day=p["day"], category=p["category"],
                seq=p["seq"], number=p["number"], status=WAITING,
                priority_group=p.get("priority_group", ""), appointment_id=p.get("appointment_id"),
                issued_at_ms=p["issued_at_ms"], issued_hlc=ev.hlc, issued_device=ev.device,
            )
        elif state is not None:
            state = replace(state)  # later event types are folded by the queue engine
    return state
