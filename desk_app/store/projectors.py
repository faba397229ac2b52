"""How a projection is declared: the projector decorators, the row projection, and the table built from modules."""
from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any, Callable, Protocol

from sqlalchemy import Connection, Table, select, update
from sqlalchemy.orm import Session

from desk_app.domain.events import Event
from desk_app.store.field_crypto import PREFIX
from desk_app.store.models import EventRow
from desk_app.store.pii import redact_json
from desk_app.store.report_rollups import tracked
from desk_app.store.upsert import delete_rows, upsert_rows


class Projector(Protocol):
    def __call__(self, session: Session, aggregate_id: str, events: list[Event]) -> None: ...


RowFold = Callable[[str, list[Event]], "dict[str, Any] | None"]
Purged = Callable[["dict[str, Any] | None", list[Event]], bool]


@dataclass(frozen=True)
class RowProjection:
    """An aggregate projected to exactly one row of ``table`` (keyed by the aggregate id), or none.

    ``purged(row, events)``: the fold honoured a retention purge, so the aggregate's events have their sealed
    values replaced by the purge marker before the row is written (``row``, on the PC and on desk-central).
    """
    table: Table
    fold: RowFold
    kind: str = ""
    purged: Purged | None = None

    def row(self, conn: Connection, aggregate_id: str, events: list[Event]) -> "dict[str, Any] | None":
        folded = self.fold(aggregate_id, events)
        if self.purged is not None and self.purged(folded, events):
            erase_sealed_events(conn, f"{self.kind}:{aggregate_id}")
        return folded

    def __call__(self, session: Session, aggregate_id: str, events: list[Event]) -> None:
        conn = session.connection()
        write_rows(conn, self.table, {aggregate_id: self.row(conn, aggregate_id, events)})


def erase_sealed_events(conn: Connection, aggregate: str) -> int:
    """Every sealed value in the aggregate's stored events replaced by its purge marker (store/pii.py): the
    audit chain hashes a sealed value by the digest the marker keeps, so no link breaks. Idempotent; returns
    the events rewritten."""
    e = EventRow.__table__
    rows = conn.execute(select(e.c.id, e.c.payload).where(e.c.aggregate == aggregate,
                                                          e.c.payload.contains(PREFIX))).all()
    for eid, payload in rows:
        conn.execute(update(e).where(e.c.id == eid).values(payload=redact_json(payload)))
    return len(rows)


def write_rows(conn: Connection, table: Table, rows: dict[str, "dict[str, Any] | None"]) -> None:
    """Upsert the folded rows by aggregate id; an aggregate that folds to nothing has its row deleted.
    The report rollups follow, in the same transaction."""
    with tracked(conn, table, rows):
        upsert_rows(conn, table, [r for r in rows.values() if r is not None])
        gone = [key for key, r in rows.items() if r is None]
        if gone:
            delete_rows(conn, table, gone)


# The decorators only label a function; projections/__init__.py builds the table from the modules it names,
# so nothing registers itself as a side effect of being imported.
_LABEL = "projects"


def projector(kind: str) -> Callable[[Projector], Projector]:
    """Label ``fn(session, aggregate_id, events)`` as the projector of an aggregate kind (decorator)."""
    def deco(fn: Projector) -> Projector:
        setattr(fn, _LABEL, (kind, fn))
        return fn
    return deco


def row_projector(kind: str, model: Any, *, purged: Purged | None = None) -> Callable[[RowFold], RowFold]:
    """Label ``fold(aggregate_id, events) -> row values | None`` as the projector of ``kind`` (``purged``: see
    RowProjection).

    Row projectors let the writer batch: the server writes a whole pushed batch's rows of one table in
    one statement, and the PC writes a row in one statement instead of an update and maybe an insert.
    """
    def deco(fold: RowFold) -> RowFold:
        setattr(fold, _LABEL, (kind, RowProjection(model.__table__, fold, kind, purged)))
        return fold
    return deco


def collect(*modules: ModuleType) -> dict[str, Projector]:
    """The projectors labelled in ``modules``, by aggregate kind; two for one kind is a programming error."""
    table: dict[str, Projector] = {}
    for module in modules:
        for value in vars(module).values():
            label = getattr(value, _LABEL, None)
            if label is None or getattr(value, "__module__", None) != module.__name__:
                continue  # not a projector, or one imported from another module (counted there)
            kind, fn = label
            if kind in table:
                raise RuntimeError(f"two projectors for aggregate kind {kind!r} (the second in {module.__name__})")
            table[kind] = fn
    return table
