"""Prebuilt statements run through the driver on SQLite, with their SQL compiled once.

SQLAlchemy's per-execution work (cache key, bind and result processing) costs more than SQLite's own
work on the hottest paths (issuing and calling tickets, appending events). ``run`` skips it on SQLite:
the statement must be built once (module level) with bound parameters, and results carry raw values
(JSON columns come back as text, booleans as 0/1), so parameters must be plain values too.
Other databases take the ordinary SQLAlchemy path.
"""
from __future__ import annotations

from typing import Any

_COMPILED: dict[int, tuple[Any, str, tuple[str, ...], dict[str, Any]]] = {}


def run(conn: Any, stmt: Any, params: dict[str, Any]) -> Any:
    if conn.dialect.name != "sqlite":
        return conn.execute(stmt, params)
    entry = _COMPILED.get(id(stmt))
    if entry is None or entry[0] is not stmt:
        c = stmt.compile(dialect=conn.dialect)
        entry = (stmt, str(c), tuple(c.positiontup or ()), dict(c.params))
        _COMPILED[id(stmt)] = entry
    _, sql, names, consts = entry
    return conn.exec_driver_sql(sql, tuple(params[n] if n in params else consts[n] for n in names))
