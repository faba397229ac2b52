"""Server re-fold of the aggregates a pushed batch touched: locked per aggregate, events read in one query."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desk_app.domain.events import Event
from desk_app.server.ownership import foreign_events
from desk_app.store import reducer
from desk_app.store.models import EventRow


class RefoldFailed(Exception):
    """A projection could not apply an event: the push rolls back and retries without it."""

    def __init__(self, event_id: str, reason: str, failures: dict[str, str] | None = None):
        super().__init__(reason)
        self.event_id, self.reason = event_id, reason
        # Every event found refused at once (a batch of foreign events costs one retry, not one each).
        self.failures = failures or {event_id: reason}


def refold(s: Session, events: list[Any]) -> None:
    """Re-fold every aggregate the batch touched, once, reading all their events in one query.

    Same result as ``reducer.apply`` per event (the fold reads all of an aggregate's events), with
    one round trip for the events instead of one per aggregate: this is what makes a backlog drain fast.
    ``events`` are the batch's newly stored events (anything with ``id`` and ``aggregate``).
    """
    per_agg: dict[str, list[str]] = {}
    for ev in events:
        per_agg.setdefault(ev.aggregate, []).append(ev.id)
    wanted = [agg for agg in per_agg if agg.split(":", 1)[0] in reducer.PROJECTORS]
    if not wanted:
        return
    _lock_aggregates(s, sorted(wanted))
    grouped: dict[str, list[Event]] = {agg: [] for agg in wanted}
    conn = s.connection()
    for i in range(0, len(wanted), 1000):
        chunk = wanted[i:i + 1000]
        if conn.dialect.name == "postgresql":  # one array parameter: a 500-item IN list costs more to send
            rows = conn.execute(_EVENTS_OF_PG, {"aggs": chunk})
        else:
            rows = conn.execute(_EVENTS_OF.where(_T.c.aggregate.in_(chunk)))
        for r in rows:
            grouped[r.aggregate].append(Event(
                id=r.id, hall=r.hall, device=r.device, device_seq=r.device_seq, hlc=r.hlc, type=r.type,
                schema_version=r.schema_version, actor=r.actor, aggregate=r.aggregate,
                payload=json.loads(r.payload)))
    fresh_ids = {ev.id for ev in events}
    foreign: dict[str, str] = {}
    for agg, agg_events in grouped.items():
        # Hall ownership, on the events the fold reads anyway (no query of its own): events of another
        # hall roll the group back and are retried as rejections, like any event a projection refuses.
        foreign.update(foreign_events(agg.split(":", 1)[0], agg_events, fresh_ids))
    if foreign:
        first = next(iter(foreign))
        raise RefoldFailed(first, foreign[first], foreign)
    batched: dict[Any, dict[str, dict[str, Any] | None]] = {}  # table -> aggregate id -> row
    for agg, agg_events in grouped.items():
        kind, agg_id = agg.split(":", 1)
        fn = reducer.PROJECTORS[kind]
        try:
            if isinstance(fn, reducer.RowProjection):
                batched.setdefault(fn.table, {})[agg_id] = fn.row(conn, agg_id, agg_events)
            else:
                fn(s, agg_id, agg_events)
        except Exception as exc:  # noqa: BLE001 - any projection failure rejects the event
            raise _failed(per_agg[agg], exc) from exc
    for table, rows in batched.items():
        _write_batch(s, table, rows, per_agg)


def _write_batch(s: Session, table: Any, rows: dict[str, Any], per_agg: dict[str, list[str]]) -> None:
    """All of a table's folded rows in one statement; if that fails, row by row to name the culprit."""
    if len(rows) > 1:  # one row needs no savepoint: its failure already names its event
        try:
            with s.begin_nested():
                reducer.write_rows(s.connection(), table, rows)
            return
        except Exception:  # noqa: BLE001 - retried row by row below, where the failure gets its event
            pass
    kind = next(k for k, fn in reducer.PROJECTORS.items()
                if isinstance(fn, reducer.RowProjection) and fn.table is table)
    for agg_id, row in rows.items():
        try:
            reducer.write_rows(s.connection(), table, {agg_id: row})
        except Exception as exc:  # noqa: BLE001 - any projection failure rejects the event
            raise _failed(per_agg[f"{kind}:{agg_id}"], exc) from exc


def _failed(event_ids: list[str], exc: Exception) -> RefoldFailed:
    # The newest event of the aggregate is blamed; the push's retry finds any further culprit.
    return RefoldFailed(event_ids[-1], f"服务器无法应用此事件：{_short(exc)}")


def _short(exc: Exception) -> str:
    text_ = str(getattr(exc, "orig", exc)).splitlines()[0] if str(exc) else type(exc).__name__
    return text_[:200]


def _lock_aggregates(s: Session, aggregates: list[str]) -> None:
    """Serialise concurrent re-folds of the same aggregate (PostgreSQL; SQLite writes are serial anyway).

    Two PCs pushing events of one ticket at once (a double call after a partition) must not each fold
    the ticket without the other's uncommitted event: the later commit would win with a partial fold.
    A transaction-scoped advisory lock per aggregate, taken in sorted order (no deadlock), makes the
    second push wait; under READ COMMITTED its fold then reads the first push's committed event.
    A batch holds at most MAX_BATCH (500) events, well within PostgreSQL's lock table. All locks are
    taken in one round trip, in hash order; should two pushes still deadlock, PostgreSQL aborts one and
    ``push`` retries it.
    """
    if s.get_bind().dialect.name != "postgresql" or not aggregates:
        return
    s.connection().execute(_ADVISORY_LOCKS, {"keys": aggregates})


_T = EventRow.__table__
_EVENT_COLS = (_T.c.id, _T.c.hall, _T.c.device, _T.c.device_seq, _T.c.hlc, _T.c.type, _T.c.schema_version,
               _T.c.actor, _T.c.aggregate, _T.c.payload)
_EVENTS_OF = select(*_EVENT_COLS).order_by(_T.c.hlc, _T.c.id)
_EVENTS_OF_PG = text(
    "SELECT id, hall, device, device_seq, hlc, type, schema_version, actor, aggregate, payload FROM events"
    " WHERE aggregate = ANY(CAST(:aggs AS text[])) ORDER BY hlc, id")
_ADVISORY_LOCKS = text(
    "SELECT count(pg_advisory_xact_lock(h)) FROM ("
    " SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(CAST(:keys AS text[])) AS k ORDER BY h) AS locks")
