"""Projection of ticket events into the tickets table."""
from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import delete, insert, update
from sqlalchemy.orm import Session

from desk_app.domain.events import Event
from desk_app.domain.queue import fold_ticket
from desk_app.store.models import Ticket
from desk_app.store.reducer import projector


@projector("ticket")
def project_ticket(session: Session, ticket_id: str, events: list[Event]) -> None:
    state = fold_ticket(events)
    if state is None:
        session.execute(delete(Ticket).where(Ticket.id == ticket_id))
        return
    values = asdict(state)
    values["state"] = values.pop("extra")
    # Most events touch an existing ticket; an UPDATE that hits nothing means it is new.
    if not session.execute(update(Ticket).where(Ticket.id == ticket_id).values(**values)).rowcount:
        session.execute(insert(Ticket).values(**values))
