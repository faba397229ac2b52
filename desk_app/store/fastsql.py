"""Prebuilt statements run straight on the sqlite3 cursor, with their SQL compiled once.

SQLAlchemy's per-execution work (events, cache key, bind and result processing) costs more than SQLite's
own work on the hottest paths (issuing and calling tickets, appending events). ``run`` skips it on SQLite:
the statement must be built once (module level) with bound parameters, and results carry raw values
(JSON columns come back as text, booleans as 0/1), so parameters must be plain values too.
The DBAPI connection under the caller's SQLAlchemy connection must already be in its transaction
(``Store.write`` begins it; ``Session.connection()`` does too), so the statement runs inside it.
Other databases take the ordinary SQLAlchemy path.
"""
from __future__ import annotations

from collections import namedtuple
from operator import itemgetter
from typing import Any, Callable, Iterator


class _Compiled:
    """A statement's SQLite text, how to lay out its parameters, and (once seen) its row type."""

    __slots__ = ("stmt", "sql", "names", "consts", "args", "row_type")

    def __init__(self, stmt: Any, dialect: Any):
        c = stmt.compile(dialect=dialect)
        self.stmt = stmt
        self.sql = str(c)
        hint = _INDEX_HINTS.get(id(stmt))
        if hint is not None and hint[0] is stmt:
            table, index = hint[1], hint[2]
            self.sql = self.sql.replace(f"FROM {table} ", f"FROM {table} INDEXED BY {index} ", 1)
        self.names: tuple[str, ...] = tuple(c.positiontup or ())
        # values of parameters the statement binds itself (literals, limits; None for an insert's omitted columns)
        self.consts: dict[str, Any] = dict(c.params)
        names = self.names
        get = itemgetter(*names) if len(names) > 1 else None
        self.args: Callable[[dict[str, Any]], tuple] = (
            get if get is not None else (lambda p, n=names[0]: (p[n],)) if names else (lambda p: ()))
        self.row_type: Callable[[Any], Any] | None = None


_COMPILED: dict[int, _Compiled] = {}
_INDEX_HINTS: dict[int, tuple[Any, str, str]] = {}
_ROW_TYPES: dict[tuple[str, ...], Any] = {}


def sqlite_index(stmt: Any, table: str, index: str) -> Any:
    """Make SQLite read ``table`` through ``index`` in ``stmt`` (INDEXED BY), where its planner, without
    statistics, would pick another; returns ``stmt``. Other databases plan as usual."""
    _INDEX_HINTS[id(stmt)] = (stmt, table, index)
    return stmt


class Rows:
    """The few Result methods the hot paths use, over a raw cursor, with named-tuple rows."""

    __slots__ = ("_cur", "_type")

    def __init__(self, cur: Any, entry: _Compiled | None = None):
        self._cur = cur
        row_type = entry.row_type if entry is not None else None
        if row_type is None and cur.description is not None:
            names = tuple(d[0] for d in cur.description)
            row_type = _ROW_TYPES.get(names)
            if row_type is None:
                row_type = _ROW_TYPES[names] = namedtuple("Row", names, rename=True)._make
            if entry is not None:
                entry.row_type = row_type
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


def compiled(conn: Any, stmt: Any) -> _Compiled:
    """The compiled form of a prebuilt statement (cached by identity; the statement must live on)."""
    entry = _COMPILED.get(id(stmt))
    if entry is None or entry.stmt is not stmt:
        entry = _COMPILED[id(stmt)] = _Compiled(stmt, conn.dialect)
    return entry


def raw(conn: Any) -> Any:
    """The sqlite3 connection under a SQLAlchemy connection."""
    return conn.connection.driver_connection


def run(conn: Any, stmt: Any, params: dict[str, Any]) -> Any:
    if conn.dialect.name != "sqlite":
        return conn.execute(stmt, params)
    entry = compiled(conn, stmt)
    args = entry.args({**entry.consts, **params} if entry.consts else params)
    return Rows(conn.connection.driver_connection.execute(entry.sql, args), entry)
