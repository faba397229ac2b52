"""Issue-ticket latency on a local database holding N historical events, beside a bare SQLite insert-and-commit.

Usage: .venv/bin/python bench/issue_ticket.py [--history 2000000] [--n 2000]
The history database is built once under /tmp and reused (copy-on-run keeps it pristine).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit, summary, timed  # noqa: E402
from desk_app.domain.ids import new_id  # noqa: E402
from desk_app.services.queue import issue_ticket  # noqa: E402
from desk_app.store.database import Store  # noqa: E402
from desk_app.store.models import QueueCategory  # noqa: E402

HALL = "01900000-0000-7000-8000-0000000000aa"


def build_history(path: Path, events: int) -> None:
    """A database with ``events`` past ticket.issued events (and their tickets) over earlier days."""
    store = Store.open(path)
    store.set_meta("hall_id", HALL)
    with store.write() as uow:
        uow.session.add_all([QueueCategory(id=new_id(), hall_id=HALL, prefix=p, name=p) for p in "ABCD"])
    device = store.device_id
    store.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    per_day = 2000
    base_ms = 1_600_000_000_000
    batch_e, batch_t = [], []
    for i in range(events):
        day_idx, k = divmod(i, per_day)
        day = time.strftime("%Y-%m-%d", time.gmtime(base_ms / 1000 + day_idx * 86400))
        cat = "ABCD"[k % 4]
        seq = k // 4 + 1
        tid = new_id()
        number = f"{cat}{seq:03d}"
        ms = base_ms + day_idx * 86_400_000 + k * 1000
        payload = json.dumps({"day": day, "category": cat, "seq": seq, "number": number,
                              "priority_group": "", "appointment_id": None, "issued_at_ms": ms},
                             ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        hlc = f"{ms:015d}.00000.{device}"
        batch_e.append((new_id(), HALL, "hist-device", i + 1, hlc, "ticket.issued", 1, "guide",
                        f"ticket:{tid}", payload, ms, "local", "acked", "", None, ""))
        batch_t.append((tid, HALL, day, cat, seq, number, "done", "", None, ms, hlc, "hist-device", None, "", "{}"))
        if len(batch_e) == 50_000:
            _flush(con, batch_e, batch_t)
    _flush(con, batch_e, batch_t)
    con.close()


def _flush(con, batch_e, batch_t) -> None:
    con.executemany("INSERT INTO events (id, hall, device, device_seq, hlc, type, schema_version, actor, aggregate,"
                    " payload, recorded_at_ms, origin, push_state, push_result, server_seq, flags)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch_e)
    con.executemany("INSERT INTO tickets (id, hall_id, day, category, seq, number, status, priority_group,"
                    " appointment_id, issued_at_ms, issued_hlc, issued_device, window_number, clerk, state)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch_t)
    con.commit()
    batch_e.clear()
    batch_t.clear()


def bare_insert(path: Path, n: int) -> list[float]:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, payload TEXT, n INTEGER)")
    counter = iter(range(10**9))

    def one() -> None:
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO t VALUES (?, ?, ?)", (new_id(), "x" * 200, next(counter)))
        con.execute("COMMIT")
    try:
        return timed(one, n)
    finally:
        con.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--history", type=int, default=2_000_000)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--workdir", default="/tmp/desk_bench")
    a = ap.parse_args()
    work = Path(a.workdir)
    work.mkdir(parents=True, exist_ok=True)
    pristine = work / f"history_{a.history}.db"
    if not pristine.exists():
        t0 = time.perf_counter()
        build_history(pristine, a.history)
        emit("build_history", events=a.history, seconds=round(time.perf_counter() - t0, 1))
    db = work / "run.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    shutil.copy(pristine, db)
    bare = work / "bare.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(bare) + suffix).unlink(missing_ok=True)

    bare_ms = bare_insert(bare, a.n)
    store = Store.open(db)
    cats = iter("ABCD" * a.n * 2)

    def one() -> None:
        with store.write("guide") as uow:
            issue_ticket(uow, next(cats))
    ours = timed(one, a.n)
    store.close()
    b, o = summary(bare_ms), summary(ours)
    emit("bare_sqlite_insert_commit", **b)
    emit("issue_ticket", history_events=a.history, **o,
         ratio_median=round(o["median_ms"] / b["median_ms"], 2), goal="<= 2x bare")
    os.unlink(db)


if __name__ == "__main__":
    main()
