"""The report rollups (report_rollups): kept in each projection write's transaction, rebuilt from rows, read by period.

A projection write of tickets, cases, ratings or complaints takes the rows' entries (domain/report_rollup.py) out
before it and puts them back after it, so the rollups always equal a fold of the rows. A case, rating or complaint
takes its category from its ticket: when a write changes a ticket's (or a case's) category (a transfer, or a ticket
replicated after its case), the rows that follow it move to the new category too.
"""
from __future__ import annotations

import json
from collections import Counter
from contextlib import contextmanager
from datetime import date
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import Column, Connection, Table, bindparam, delete, func, select, text

from desk_app.domain import report_rollup as ru
from desk_app.domain import reports as rp
from desk_app.store.fastsql import raw, run
from desk_app.store.models import Case, Rating, Ticket
from desk_app.store.models.intake_extra import Complaint
from desk_app.store.models.reports import ReportRollup
from desk_app.store.report_rows import BASE, as_rows, fetch, report_as_of
from desk_app.store.upsert import recordset

_U = ReportRollup.__table__
_T, _C, _R, _K = Ticket.__table__, Case.__table__, Rating.__table__, Complaint.__table__
KINDS: dict[Table, str] = {_T: "tickets", _C: "cases", _R: "ratings", _K: "complaints"}
_ID: dict[str, Column] = {"tickets": _T.c.id, "cases": _C.c.id, "ratings": _R.c.id, "complaints": _K.c.id}
_HALL: dict[str, Column] = {"tickets": _T.c.hall_id, "cases": _C.c.hall_id, "ratings": _R.c.hall_id,
                            "complaints": _K.c.hall_id}
# Whose category a kind's rows follow: the changed kind -> (dependent kind, the link column to the changed rows)
_FOLLOWERS: dict[str, tuple[tuple[str, Column], ...]] = {
    "tickets": (("cases", _C.c.ticket_id), ("ratings", _C.c.ticket_id), ("complaints", _K.c.ticket_id)),
    "cases": (("ratings", _R.c.case_id),),
}
_KEY = ("hall_id", "day", "category", "window_number", "clerk", "measure", "value")
_COLS = (*_KEY, "n")
_ADD = (f'INSERT INTO report_rollups ({", ".join(_COLS)}) {{values}} ON CONFLICT ({", ".join(_KEY)})'
        ' DO UPDATE SET n = report_rollups.n + excluded.n')
_ADD_SQLITE = _ADD.format(values=f'VALUES ({", ".join("?" * len(_COLS))})')
Delta = Counter  # (group key..., measure, value) -> n


_BY_ONE: dict[tuple[str, str], Any] = {}  # (kind, link) -> the select of one link value, compiled once by fastsql


def _read(conn: Connection, kind: str, link: Column, ids: Iterable[str]) -> list[tuple[str, Any]]:
    """(link value, report row) of ``kind``'s rows whose ``link`` is one of ``ids``."""
    ids = list(ids)
    if not ids:
        return []
    if len(ids) == 1:  # the PC's every write: a prebuilt statement (compiling a join costs more than running it)
        key = (kind, f"{link.table.name}.{link.name}")
        stmt = _BY_ONE.get(key)
        if stmt is None:
            stmt = _BY_ONE[key] = BASE[kind].add_columns(link).where(link == bindparam("link"))
        raw_rows = [tuple(r) for r in run(conn, stmt, {"link": ids[0]})]
    else:  # a server batch: one statement for all
        raw_rows = fetch(conn, BASE[kind].add_columns(link).where(link.in_(ids)))
    return list(zip((r[-1] for r in raw_rows), as_rows(kind, raw_rows)))


def add(delta: Delta, row: Any, sign: int) -> None:
    key = ru.group_key(row)
    for measure, value, n in ru.entries(row):
        delta[(*key, measure, value)] += sign * n


@contextmanager
def tracked(conn: Connection, table: Table, ids: Iterable[str]) -> Iterator[None]:
    """Around a write of ``table``'s rows ``ids``: the rollups follow the write (no-op for other tables)."""
    kind = KINDS.get(table)
    if kind is None:
        yield
        return
    ids = list(ids)
    before = dict(_read(conn, kind, _ID[kind], ids))
    yield
    after = dict(_read(conn, kind, _ID[kind], ids))
    delta: Delta = Counter()
    for row in before.values():
        add(delta, row, -1)
    for row in after.values():
        add(delta, row, +1)
    old = {i: r.category for i, r in before.items()}
    new = {i: r.category for i, r in after.items()}
    moved = {i: old.get(i, "") for i in old.keys() | new.keys() if old.get(i, "") != new.get(i, "")}
    for follower, link in _FOLLOWERS.get(kind, ()) if moved else ():
        for link_id, row in _read(conn, follower, link, moved):
            add(delta, row._replace(category=moved[link_id]), -1)
            add(delta, row, +1)
    write(conn, delta)


def write(conn: Connection, delta: Delta) -> None:
    """Add the nonzero counts of ``delta`` to the rollups."""
    # in key order: two desk-central pushes adding to the same groups lock their rows in the same order
    rows = sorted((*k, n) for k, n in delta.items() if n)
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        raw(conn).executemany(_ADD_SQLITE, rows)
        return
    stmt = text(_ADD.format(values=recordset(_U, _COLS)))
    for i in range(0, len(rows), 5000):
        conn.execute(stmt, {"rows": json.dumps([dict(zip(_COLS, r)) for r in rows[i:i + 5000]],
                                               ensure_ascii=False)})


def rebuild(conn: Connection, halls: Sequence[str] | None = None) -> None:
    """The rollups made again from the projection rows (after a refold, or for rows written without events)."""
    conn.execute(delete(_U) if halls is None else delete(_U).where(_U.c.hall_id.in_(list(halls))))
    for kind, stmt in BASE.items():
        key = _ID[kind]
        q = stmt.add_columns(key).order_by(key).limit(50_000)  # in pages by id: years of rows do not fit memory
        if halls is not None:
            q = q.where(_HALL[kind].in_(list(halls)))
        last = ""
        while raw_rows := fetch(conn, q.where(key > last)):
            delta: Delta = Counter()
            for row in as_rows(kind, raw_rows):
                add(delta, row, +1)
            write(conn, delta)
            last = raw_rows[-1][-1]


_GROUP_COL = {"hall": _U.c.hall_id, "category": _U.c.category, "window": _U.c.window_number, "clerk": _U.c.clerk,
              "day": _U.c.day}


def statement(p: rp.Period, dimension: str, halls: Sequence[str] | None) -> Any:
    """A period's sums by group, measure and value: the primary key (hall, day, ...) bounds the scan."""
    g = _GROUP_COL[dimension]
    q = select(g, _U.c.measure, _U.c.value, func.sum(_U.c.n)).where(_U.c.day >= p.start, _U.c.day <= p.end)
    if halls is not None:
        q = q.where(_U.c.hall_id == halls[0] if len(halls) == 1 else _U.c.hall_id.in_(list(halls)))
    return q.group_by(g, _U.c.measure, _U.c.value).having(func.sum(_U.c.n) != 0)


def rollup_report(conn: Connection, p: rp.Period, dimension: str, halls: Sequence[str] | None,
                  today: date) -> rp.Report:
    """One report from the rollups: the same figures as the row path (report_rows.period_report), times bucketed."""
    if dimension not in rp.DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension}")
    sums = fetch(conn, statement(p, dimension, halls))
    if dimension == "window":
        sums = [(None if k == ru.NO_WINDOW else k, m, v, n) for k, m, v, n in sums]
    return ru.report(p, dimension, report_as_of(p, today), ((k, m, v, int(n)) for k, m, v, n in sums))


def rollup_reports(conn: Connection, p: rp.Period, dimensions: Sequence[str], halls: Sequence[str] | None,
                   today: date) -> dict[str, rp.Report]:
    """Several dimensions of one period (the export's sheets)."""
    return {d: rollup_report(conn, p, d, halls, today) for d in dimensions}
