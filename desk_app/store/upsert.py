"""Insert-or-replace projection rows by id in one statement, for one row (the PC) or a whole batch (the server).

SQLite runs the text straight on the sqlite3 cursor (see fastsql), serialising JSON columns the way
SQLAlchemy's JSON type does, so rows written either way read back the same. PostgreSQL takes
``INSERT ... ON CONFLICT (id) DO UPDATE`` with every row in one statement.
"""
from __future__ import annotations

import json
from typing import Any, Sequence

from sqlalchemy import JSON, Table, bindparam, delete, text
from sqlalchemy.dialects import postgresql

from desk_app.store.fastsql import raw, run

_SQLITE: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[int, ...]]] = {}
_PG: dict[tuple[str, tuple[str, ...]], Any] = {}
_DELETE: dict[str, Any] = {}


def _sqlite_sql(table: Table, cols: tuple[str, ...]) -> tuple[str, tuple[int, ...]]:
    key = (table.name, cols)
    entry = _SQLITE.get(key)
    if entry is None:
        sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != "id")
        sql = (f'INSERT INTO "{table.name}" ({", ".join(f"{chr(34)}{c}{chr(34)}" for c in cols)}) '
               f'VALUES ({", ".join("?" * len(cols))}) ON CONFLICT (id) DO UPDATE SET {sets}')
        json_at = tuple(i for i, c in enumerate(cols) if isinstance(table.c[c].type, JSON))
        entry = _SQLITE[key] = (sql, json_at)
    return entry


def _pg_stmt(table: Table, cols: tuple[str, ...]) -> Any:
    """All rows as one JSON parameter unpacked by jsonb_to_recordset: one statement with one fixed text
    whatever the row count (an executemany sends a statement per row)."""
    key = (table.name, cols)
    stmt = _PG.get(key)
    if stmt is None:
        dialect = postgresql.dialect()
        names = ", ".join(f'"{c}"' for c in cols)
        defs = ", ".join(f'"{c}" {table.c[c].type.compile(dialect=dialect)}' for c in cols)
        sets = ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != "id")
        stmt = _PG[key] = text(
            f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM jsonb_to_recordset(CAST(:rows AS jsonb))'
            f' AS x({defs}) ON CONFLICT (id) DO UPDATE SET {sets}')
    return stmt


def upsert_rows(conn: Any, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Write ``rows`` (each with the same keys, ``id`` among them) replacing any row with the same id."""
    if not rows:
        return
    cols = tuple(rows[0])
    if conn.dialect.name == "sqlite":
        sql, json_at = _sqlite_sql(table, cols)
        params = [list(rows[0].values())] if len(rows) == 1 else [[r[c] for c in cols] for r in rows]
        for p in params:
            for i in json_at:
                p[i] = json.dumps(p[i])
        if len(params) == 1:
            raw(conn).execute(sql, params[0])
        else:
            raw(conn).executemany(sql, params)
    else:
        conn.execute(_pg_stmt(table, cols), {"rows": json.dumps(list(rows), ensure_ascii=False)})


def delete_rows(conn: Any, table: Table, ids: Sequence[str]) -> None:
    stmt = _DELETE.get(table.name)
    if stmt is None:
        stmt = _DELETE[table.name] = delete(table).where(table.c.id == bindparam("id"))
    for i in ids:
        run(conn, stmt, {"id": i})
