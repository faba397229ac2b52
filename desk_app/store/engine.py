"""Engine setup: SQLite in WAL mode with full fsync and a busy timeout, or PostgreSQL for desk-central."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 10_000


def sqlite_url(path: Path | str) -> str:
    return f"sqlite:///{Path(path)}"


def make_engine(url: str, *, echo: bool = False) -> Engine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url, echo)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return create_engine(url, echo=echo, pool_pre_ping=True)


def _sqlite_engine(url: str, echo: bool) -> Engine:
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        from desk_app.store.files import create_private_file, make_private
        db_file = Path(url[len("sqlite:///"):])
        create_private_file(db_file)  # 0600 before SQLite opens it: its -wal and -shm files get the same mode
        make_private(db_file)
    engine = create_engine(
        url, echo=echo,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy own transaction boundaries; pysqlite's implicit BEGIN is deferred and
        # lets two writers race to upgrade their locks ("database is locked").
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # IMMEDIATE takes the write lock up front: a use case never fails half-way on lock upgrade.
        # Store.write begins on the driver itself (cheaper); a session used inside joins that transaction.
        dbapi = conn.connection.driver_connection
        if not dbapi.in_transaction:
            dbapi.execute("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

    return engine
