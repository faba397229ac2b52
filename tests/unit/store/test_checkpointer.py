"""WAL checkpoints run on their own thread when asked: the writer's commits never copy the log back."""
from __future__ import annotations

import sqlite3
import threading

from desk_app.store.checkpointer import WRITER_AUTOCHECKPOINT_PAGES
from desk_app.store.database import Store
from desk_app.store.fastsql import raw
from desk_app.store.models import Meta


def _fill(store: Store, n: int, tag: str) -> None:
    for i in range(n):
        with store.write() as uow:
            uow.session.add(Meta(key=f"{tag}{i}", value="x" * 3000))


def _in_main_file(path) -> int:
    """Rows in the database file itself, the WAL ignored (before any checkpoint not even the schema is there).

    The file is read as immutable, without SQLite's locks: a checkpoint copying pages meanwhile makes the read
    see a torn file ("malformed"), which counts as not there yet."""
    con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        return con.execute("SELECT count(*) FROM meta WHERE key LIKE 'b%'").fetchone()[0]
    except sqlite3.DatabaseError:  # no schema yet (OperationalError), or a torn read during a checkpoint
        return 0
    finally:
        con.close()


def test_background_checkpoint_moves_the_log_back_and_the_writer_does_not(tmp_path) -> None:
    store = Store.open(tmp_path / "a.db", background_checkpoint=True)
    store._checkpointer._stop.set()  # its thread ends: only the explicit call below checkpoints
    store._checkpointer._thread.join()
    try:
        _fill(store, 1, "a")
        assert raw(store._writer_conn()).execute("PRAGMA wal_autocheckpoint").fetchone()[0] \
            == WRITER_AUTOCHECKPOINT_PAGES
        _fill(store, 300, "b")  # more pages than SQLite's default threshold (1000)
        # the main file alone (the WAL ignored) does not hold the rows yet: the writer did not checkpoint
        assert _in_main_file(tmp_path / "a.db") < 300
        store._checkpointer.checkpoint()
        assert _in_main_file(tmp_path / "a.db") == 300
    finally:
        store.close()
    assert not any(t.name == "wal-checkpointer" for t in threading.enumerate())


def test_without_it_sqlite_checkpoints_in_the_commit_as_usual(tmp_path) -> None:
    store = Store.open(tmp_path / "b.db")
    try:
        _fill(store, 1, "a")
        assert store._checkpointer is None
        assert raw(store._writer_conn()).execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    finally:
        store.close()


def test_it_checkpoints_by_itself_once_the_writer_pauses(tmp_path) -> None:
    import time
    store = Store.open(tmp_path / "c.db", background_checkpoint=True)
    try:
        _fill(store, 50, "b")
        deadline = time.monotonic() + 5
        while _in_main_file(tmp_path / "c.db") < 50 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _in_main_file(tmp_path / "c.db") == 50
    finally:
        store.close()
