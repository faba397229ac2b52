"""Rows written by id in one statement, for one row (the PC) or a whole batch (the server).

SQLite runs the text straight on the sqlite3 cursor (see fastsql), serialising JSON columns the way
SQLAlchemy's JSON type does, so rows written either way read back the same. On PostgreSQL every row
travels in one JSON parameter unpacked by ``jsonb_to_recordset``: one statement with one fixed text
whatever the row count (an executemany sends a statement per row).
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
COPY_FROM_ROWS = 50


def _replace_all_but_id(cols: tuple[str, ...]) -> str:
    """The SET list of ``ON CONFLICT (id) DO UPDATE``: every column takes the new row's value (same text on both)."""
    return ", ".join(f'"{c}" = excluded."{c}"' for c in cols if c != "id")


def _sqlite_sql(table: Table, cols: tuple[str, ...]) -> tuple[str, tuple[int, ...]]:
    key = (table.name, cols)
    entry = _SQLITE.get(key)
    if entry is None:
        sets = _replace_all_but_id(cols)
        sql = (f'INSERT INTO "{table.name}" ({", ".join(f"{chr(34)}{c}{chr(34)}" for c in cols)}) '
               f'VALUES ({", ".join("?" * len(cols))}) ON CONFLICT (id) DO UPDATE SET {sets}')
        json_at = tuple(i for i, c in enumerate(cols) if isinstance(table.c[c].type, JSON))
        entry = _SQLITE[key] = (sql, json_at)
    return entry


def recordset(table: Table, cols: tuple[str, ...]) -> str:
    """``SELECT cols FROM`` the rows of the ``:rows`` JSON parameter, typed as the table's columns."""
    dialect = postgresql.dialect()
    names = ", ".join(f'"{c}"' for c in cols)
    defs = ", ".join(f'"{c}" {table.c[c].type.compile(dialect=dialect)}' for c in cols)
    return f"SELECT {names} FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x({defs})"


def _pg_stmt(table: Table, cols: tuple[str, ...], kind: str) -> Any:
    key = (table.name, cols, kind)
    stmt = _PG.get(key)
    if stmt is None:
        names = ", ".join(f'"{c}"' for c in cols)
        if kind == "upsert":
            sets = _replace_all_but_id(cols)
            sql = (f'INSERT INTO "{table.name}" ({names}) {recordset(table, cols)}'
                   f' ON CONFLICT (id) DO UPDATE SET {sets}')
        elif kind == "insert":
            sql = f'INSERT INTO "{table.name}" ({names}) {recordset(table, cols)}'
        else:  # "update": every column but the key, matched by the first column
            key_col, sets = cols[0], ", ".join(f'"{c}" = x."{c}"' for c in cols[1:])
            sql = (f'UPDATE "{table.name}" AS t SET {sets} FROM ({recordset(table, cols)}) AS x'
                   f' WHERE t."{key_col}" = x."{key_col}"')
        stmt = _PG[key] = text(sql)
    return stmt


def _pg_rows(rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    return {"rows": json.dumps(list(rows), ensure_ascii=False)}


def insert_rows(conn: Any, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (each with the same keys): on PostgreSQL by COPY when there are many (a drain sends
    500 events a batch), else one statement; an executemany elsewhere."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), list(rows))
        return
    cols = tuple(rows[0])
    if len(rows) < COPY_FROM_ROWS:  # a COPY costs three round trips: for a few rows one statement is quicker
        conn.execute(_pg_stmt(table, cols, "insert"), _pg_rows(rows))
        return
    json_at = {i for i, c in enumerate(cols) if isinstance(table.c[c].type, JSON)}
    names = ", ".join(f'"{c}"' for c in cols)
    with conn.connection.driver_connection.cursor() as cur, \
            cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for r in rows:
            values = [r[c] for c in cols]
            for i in json_at:
                values[i] = json.dumps(values[i], ensure_ascii=False)
            copy.write_row(values)


def update_rows(conn: Any, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Set columns of the rows whose first key (e.g. ``id``) matches; the rows share their keys."""
    if not rows:
        return
    cols = tuple(rows[0])
    if conn.dialect.name == "postgresql":
        conn.execute(_pg_stmt(table, cols, "update"), _pg_rows(rows))
    else:
        stmt = (table.update().where(table.c[cols[0]] == bindparam("b_" + cols[0]))
                .values({c: bindparam("b_" + c) for c in cols[1:]}))
        conn.execute(stmt, [{"b_" + c: r[c] for c in cols} for r in rows])


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
        conn.execute(_pg_stmt(table, cols, "upsert"), _pg_rows(rows))


def delete_rows(conn: Any, table: Table, ids: Sequence[str]) -> None:
    stmt = _DELETE.get(table.name)
    if stmt is None:
        stmt = _DELETE[table.name] = delete(table).where(table.c.id == bindparam("id"))
    for i in ids:
        run(conn, stmt, {"id": i})
