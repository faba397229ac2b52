"""Prebuilt statements run straight on the sqlite3 cursor, with their SQL compiled once.

SQLAlchemy's per-execution work (events, cache key, bind and result processing) costs more than SQLite's
own work on the hottest paths (issuing and calling tickets, appending events). ``run`` skips it on SQLite:
the statement must be built once (module level) with bound parameters, and results carry raw values
(JSON columns come back as text, booleans as 0/1), so parameters must be plain values too.
The caller's SQLAlchemy connection must already be in its transaction (``Session.connection()`` begins
it), so the statement runs inside that transaction on the same DBAPI connection.
Other databases take the ordinary SQLAlchemy path.
"""
from __future__ import annotations

from collections import namedtuple
from typing import Any, Iterator

_COMPILED: dict[int, tuple[Any, str, tuple[str, ...], dict[str, Any]]] = {}
_ROW_TYPES: dict[tuple[str, ...], Any] = {}


class Rows:
    """The few Result methods the hot paths use, over a raw cursor, with named-tuple rows."""

    __slots__ = ("_cur", "_type")

    def __init__(self, cur: Any):
        self._cur = cur
        desc = cur.description
        if desc is None:
            self._type = None
            return
        names = tuple(d[0] for d in desc)
        row_type = _ROW_TYPES.get(names)
        if row_type is None:
            row_type = _ROW_TYPES[names] = namedtuple("Row", names, rename=True)._make
        self._type = row_type

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount

    def first(self) -> Any:
        row = self._cur.fetchone()
        self._cur.close()
        return None if row is None else self._type(row)

    def scalar(self) -> Any:
        row = self._cur.fetchone()
        self._cur.close()
        return None if row is None else row[0]

    def all(self) -> list[Any]:
        make = self._type
        return [make(r) for r in self._cur.fetchall()]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.all())


def compiled(conn: Any, stmt: Any) -> tuple[str, tuple[str, ...], dict[str, Any]]:
    """The SQLite text of a prebuilt statement, its positional parameter names and their defaults."""
    entry = _COMPILED.get(id(stmt))
    if entry is None or entry[0] is not stmt:
        c = stmt.compile(dialect=conn.dialect)
        entry = (stmt, str(c), tuple(c.positiontup or ()), dict(c.params))
        _COMPILED[id(stmt)] = entry
    return entry[1], entry[2], entry[3]


def raw(conn: Any) -> Any:
    """The sqlite3 connection under a SQLAlchemy connection (which must be in its transaction)."""
    return conn.connection.driver_connection


def run(conn: Any, stmt: Any, params: dict[str, Any]) -> Any:
    if conn.dialect.name != "sqlite":
        return conn.execute(stmt, params)
    sql, names, consts = compiled(conn, stmt)
    return Rows(raw(conn).execute(sql, tuple(params[n] if n in params else consts[n] for n in names)))
