"""The reducer: applies an event to the projections by re-folding its aggregate, so arrival order never matters.

Each aggregate kind ("ticket", "case", ...) has a projector: given all events of one aggregate in
fold order (hybrid logical time, then id), it writes that aggregate's rows. The same code runs on
the PC (local and pulled events) and on desk-central.
"""
from __future__ import annotations

import json
from typing import Callable

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from desk_app.domain.events import Event
from desk_app.store.fastsql import run
from desk_app.store.models import EventRow
from desk_app.store import report_rollups
from desk_app.store.projections import PROJECTORS
from desk_app.store.projectors import RowProjection, write_rows

__all__ = ["PROJECTORS", "RowProjection", "aggregate_events", "apply", "rebuild", "row_to_event", "write_rows"]


def row_to_event(row: EventRow) -> Event:
    return Event(
        id=row.id, hall=row.hall, device=row.device, device_seq=row.device_seq, hlc=row.hlc,
        type=row.type, schema_version=row.schema_version, actor=row.actor, aggregate=row.aggregate,
        payload=json.loads(row.payload),
    )


_T = EventRow.__table__
# Built once and reused: the statement is compiled and cached a single time.
_AGGREGATE_EVENTS = (
    select(_T.c.id, _T.c.hall, _T.c.device, _T.c.device_seq, _T.c.hlc, _T.c.type, _T.c.schema_version,
           _T.c.actor, _T.c.aggregate, _T.c.payload)
    .where(_T.c.aggregate == bindparam("aggregate")).order_by(_T.c.hlc, _T.c.id)
)


def aggregate_events(source: Session | Connection, aggregate: str) -> list[Event]:
    """All events of one aggregate in fold order (hybrid logical time, then id)."""
    conn = source.connection() if isinstance(source, Session) else source
    rows = run(conn, _AGGREGATE_EVENTS, {"aggregate": aggregate})
    return [Event(id=r[0], hall=r[1], device=r[2], device_seq=r[3], hlc=r[4], type=r[5], schema_version=r[6],
                  actor=r[7], aggregate=r[8], payload=json.loads(r[9])) for r in rows]


def apply(conn: Connection, event: Event, *, session: Callable[[], Session], only: bool = False) -> None:
    """Re-project the aggregate of ``event``, which must already be in the event log of ``conn``'s transaction.

    ``session`` gives the unit of work's ORM session, asked for only by projectors that are not row
    projectors. ``only``: the event is known to be its aggregate's only one, so the log need not be read.
    """
    fn = PROJECTORS.get(event.aggregate_kind)
    if fn is None:
        return  # an aggregate with no projection on this side (e.g. audit-only events)
    events = [event] if only else aggregate_events(conn, event.aggregate)
    if isinstance(fn, RowProjection):
        write_rows(conn, fn.table, {event.aggregate_id: fn.row(conn, event.aggregate_id, events)})
    else:
        fn(session(), event.aggregate_id, events)


def rebuild(session: Session) -> int:
    """Re-project every aggregate from the event log (after restore or a projector change)."""
    aggregates = session.scalars(select(EventRow.aggregate).distinct()).all()
    for aggregate in aggregates:
        kind, agg_id = aggregate.split(":", 1)
        fn = PROJECTORS.get(kind)
        if fn:
            fn(session, agg_id, aggregate_events(session, aggregate))
    report_rollups.rebuild(session.connection())  # whole again even if rows were written without their events
    return len(aggregates)
