"""The reducer: applies an event to the projections by re-folding its aggregate, so arrival order never matters.

Each aggregate kind ("ticket", "case", ...) has a projector: given all events of one aggregate in
fold order (hybrid logical time, then id), it writes that aggregate's rows. The same code runs on
the PC (local and pulled events) and on desk-central.
"""
from __future__ import annotations

import json
from typing import Callable, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.events import Event
from desk_app.store.models import EventRow


class Projector(Protocol):
    def __call__(self, session: Session, aggregate_id: str, events: list[Event]) -> None: ...


_PROJECTORS: dict[str, Projector] = {}


def projector(kind: str) -> Callable[[Projector], Projector]:
    """Register the projector of an aggregate kind (decorator)."""
    def deco(fn: Projector) -> Projector:
        _PROJECTORS[kind] = fn
        return fn
    return deco


def row_to_event(row: EventRow) -> Event:
    return Event(
        id=row.id, hall=row.hall, device=row.device, device_seq=row.device_seq, hlc=row.hlc,
        type=row.type, schema_version=row.schema_version, actor=row.actor, aggregate=row.aggregate,
        payload=json.loads(row.payload),
    )


def aggregate_events(session: Session, aggregate: str) -> list[Event]:
    rows = session.scalars(
        select(EventRow).where(EventRow.aggregate == aggregate).order_by(EventRow.hlc, EventRow.id)
    )
    return [row_to_event(r) for r in rows]


def apply(session: Session, event: Event) -> None:
    """Re-project the aggregate of ``event``, which must already be in the session's event log."""
    _ensure_projectors_loaded()
    fn = _PROJECTORS.get(event.aggregate_kind)
    if fn is None:
        return  # an aggregate with no projection on this side (e.g. audit-only events)
    session.flush()
    fn(session, event.aggregate_id, aggregate_events(session, event.aggregate))


def rebuild(session: Session) -> int:
    """Re-project every aggregate from the event log (after restore or a projector change)."""
    _ensure_projectors_loaded()
    aggregates = session.scalars(select(EventRow.aggregate).distinct()).all()
    for aggregate in aggregates:
        kind, agg_id = aggregate.split(":", 1)
        fn = _PROJECTORS.get(kind)
        if fn:
            fn(session, agg_id, aggregate_events(session, aggregate))
    return len(aggregates)


def _ensure_projectors_loaded() -> None:
    # Projectors live beside the tables they write; importing the module registers them.
    from desk_app.store import projections  # noqa: F401
