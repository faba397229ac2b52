"""Queue hot paths with 300 waiting and 2 million historical tickets: call-next and issue at the service layer,
beside the bare SQLite operations in the same run, and click-to-display latency on the same PC (offscreen).

Usage: .venv/bin/python bench/queue_ops.py [--history 2000000] [--n 1000] [--no-display]
The history database is built once under /tmp/desk_queue_bench (executemany, a minute or so) and reused:
each run works on a fresh hall day of its own, so earlier runs only add to the history.
"""
from __future__ import annotations

import sys
from pathlib import Path

import argparse  # noqa: E402
import itertools  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sqlite3  # noqa: E402
import time  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit, summary  # noqa: E402
from desk_app.domain.ids import new_id  # noqa: E402
from desk_app.domain.timeutil import ms_of  # noqa: E402
from desk_app.services.queue import QueueService, call_next, finish, issue_ticket  # noqa: E402
from desk_app.store.database import Store  # noqa: E402
from desk_app.store.models import QueueCategory, Window  # noqa: E402

HALL = "01900000-0000-7000-8000-0000000000bb"
CATS = "ABCD"
WINDOWS = 10
WAITING = 300


def build_history(path: Path, tickets: int) -> None:
    """``tickets`` finished tickets over earlier days, each with its issued/called/started/finished events."""
    store = Store.open(path)
    store.set_meta("hall_id", HALL)
    with store.write() as uow:
        uow.session.add_all([QueueCategory(id=new_id(), hall_id=HALL, prefix=p, name=f"类别{p}", sort_order=i)
                             for i, p in enumerate(CATS)])
        uow.session.add_all([Window(id=new_id(), hall_id=HALL, number=n, name=f"{n}号窗口",
                                    categories=list(CATS[(n - 1) % 4:] + CATS[:(n - 1) % 4]))
                             for n in range(1, WINDOWS + 1)])
    store.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA journal_mode=WAL")
    per_day = 2000
    base_ms = ms_of(__import__("datetime").datetime(2021, 1, 4, 9, 0))
    ev, tk = [], []
    seq = itertools.count(1)
    for i in range(tickets):
        day_idx, k = divmod(i, per_day)
        ms = base_ms + day_idx * 86_400_000 + k * 10_000
        day = time.strftime("%Y-%m-%d", time.gmtime((ms + 8 * 3_600_000) / 1000))
        cat = CATS[k % 4]
        s = k // 4 + 1
        number = f"{cat}{s:03d}"
        tid = new_id()
        w = k % WINDOWS + 1
        hlc0 = f"{ms:015d}.00000.hist-device"
        payload = json.dumps({"appointment_id": None, "category": cat, "day": day, "handed_out": True,
                              "issued_at_ms": ms, "number": number, "priority_group": "", "seq": s},
                             ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        ev.append((new_id(), HALL, "hist-device", next(seq), hlc0, "ticket.issued", 1, "guide",
                   f"ticket:{tid}", payload, ms, "remote", "", "", None, ""))
        for j, typ in enumerate(("ticket.called", "ticket.service_started", "ticket.finished"), start=1):
            at = ms + j * 120_000
            ev.append((new_id(), HALL, "hist-device", next(seq), f"{at:015d}.00000.hist-device", typ, 1, "clerk",
                       f"ticket:{tid}", json.dumps({"window": w, "at_ms": at}), at, "remote", "", "", None, ""))
        tk.append((tid, HALL, day, cat, s, number, "finished", "", None, ms, hlc0, "hist-device", w, "clerk",
                   ms + 120_000, ms + 240_000, ms + 360_000, "{}"))
        if len(tk) == 50_000:
            _flush(con, ev, tk)
    _flush(con, ev, tk)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _flush(con: sqlite3.Connection, ev: list, tk: list) -> None:
    con.executemany("INSERT INTO events (id, hall, device, device_seq, hlc, type, schema_version, actor, aggregate,"
                    " payload, recorded_at_ms, origin, push_state, push_result, server_seq, flags)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", ev)
    con.executemany("INSERT INTO tickets (id, hall_id, day, category, seq, number, status, priority_group,"
                    " appointment_id, issued_at_ms, issued_hlc, issued_device, window_number, clerk,"
                    " called_at_ms, started_at_ms, finished_at_ms, state)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", tk)
    con.commit()
    ev.clear()
    tk.clear()


class RunClock:
    """Real elapsed time on a hall day of this run's own (so runs never see each other's open tickets)."""

    def __init__(self, day_ms: int):
        self._base = day_ms
        self._t0 = time.monotonic_ns()

    def __call__(self) -> int:
        return self._base + (time.monotonic_ns() - self._t0) // 1_000_000


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def bench_service(store: Store, n: int) -> tuple[list[float], list[float]]:
    issue_ms: list[float] = []
    call_ms: list[float] = []
    cats = itertools.cycle(CATS)

    def issue_one() -> None:
        t0 = time.perf_counter()
        with store.write("guide") as uow:
            issue_ticket(uow, next(cats))
        issue_ms.append(_ms(t0))

    for _ in range(WAITING):
        issue_one()
    windows = itertools.cycle(range(1, WINDOWS + 1))
    for i in range(n):
        w = next(windows)
        t0 = time.perf_counter()
        with store.write("clerk") as uow:
            t = call_next(uow, w)
        call_ms.append(_ms(t0))
        with store.write("clerk") as uow:
            finish(uow, t.id, w)
        issue_one()  # keep 300 waiting
    return issue_ms[50:], call_ms[20:]


def bench_bare(path: Path, bare_path: Path, n: int, day: str) -> tuple[list[float], list[float]]:
    """The floor: a bare insert-and-commit, and an indexed select-and-update on the same big tickets table."""
    con = sqlite3.connect(bare_path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, payload TEXT, n INTEGER)")
    ins = []
    for i in range(n):
        t0 = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO t VALUES (?, ?, ?)", (new_id(), "x" * 200, i))
        con.execute("COMMIT")
        ins.append(_ms(t0))
    con.close()

    big = sqlite3.connect(path, isolation_level=None)
    big.execute("PRAGMA journal_mode=WAL")
    big.execute("PRAGMA synchronous=FULL")
    big.execute("BEGIN IMMEDIATE")
    big.executemany("INSERT INTO tickets (id, hall_id, day, category, seq, number, status, priority_group,"
                    " issued_at_ms, issued_hlc, issued_device, clerk, state) VALUES (?,?,?,?,?,?,?,'',?,'','','',?)",
                    [(new_id(), HALL, day, "Z", i, f"Z{i:03d}", "waiting", i, "{}") for i in range(WAITING)])
    big.execute("COMMIT")
    upd = []
    for i in range(n):
        t0 = time.perf_counter()
        big.execute("BEGIN IMMEDIATE")
        row = big.execute("SELECT id FROM tickets WHERE hall_id=? AND day=? AND status='waiting'"
                          " ORDER BY issued_at_ms LIMIT 1", (HALL, day)).fetchone()
        big.execute("UPDATE tickets SET status='called', called_at_ms=? WHERE id=?", (i, row[0]))
        big.execute("COMMIT")
        upd.append(_ms(t0))
        big.execute("UPDATE tickets SET status='waiting', issued_at_ms=issued_at_ms+1000 WHERE id=?", (row[0],))
    big.execute("UPDATE tickets SET status='closed' WHERE hall_id=? AND day=?", (HALL, day))
    big.close()
    return ins[20:], upd[20:]


def bench_same_statements(path: Path, n: int, day: str) -> tuple[list[float], list[float]]:
    """What issuing must do, done bare: the same reads (the category open today with its people waiting, the
    number block) and writes (the number block, the event and the ticket row, each with its indexes), one
    transaction, straight SQL, 300 waiting. Returns (whole transaction, writes and commit only). The gap between
    these and a one-row insert is the data model's; the gap between ``issue_ticket`` and them is the code's."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    block, device = new_id(), "bare-" + new_id()  # a device of its own: runs never share sequences
    con.execute("INSERT INTO number_blocks (id, hall_id, day, category, device, start, \"end\", next, source)"
                " VALUES (?, ?, ?, 'Z', 'bare', 1, 999999, 1, 'local')", (block, HALL, day))
    waiting: list[str] = []
    whole, writes = [], []
    for i in range(n + WAITING):
        tid = new_id()
        ms = int(time.time() * 1000)
        t0 = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("SELECT c.active, c.name, (SELECT closed FROM queue_days WHERE id = ?),"
                    " (SELECT closed_categories FROM queue_days WHERE id = ?), (SELECT count(*) FROM tickets"
                    " WHERE hall_id = ? AND day = ? AND status = 'waiting' AND category = 'Z')"
                    " FROM queue_categories AS c WHERE c.hall_id = ? AND c.prefix = 'A'",
                    (f"{HALL}/{day}", f"{HALL}/{day}", HALL, day, HALL)).fetchone()
        seq = con.execute("SELECT id, next, \"end\" FROM number_blocks WHERE hall_id = ? AND day = ?"
                          " AND category = 'Z' AND source IN ('local') AND next <= \"end\" ORDER BY start LIMIT 1",
                          (HALL, day)).fetchone()[1]
        number, hlc = f"Z{seq:05d}", f"{ms:015d}.00000.bare"
        payload = json.dumps({"category": "Z", "day": day, "number": number, "seq": seq}, separators=(",", ":"))
        t1 = time.perf_counter()
        con.execute("UPDATE number_blocks SET next = ? WHERE id = ?", (seq + 1, block))
        con.execute("INSERT INTO events (id, hall, device, device_seq, hlc, type, schema_version, actor, aggregate,"
                    " payload, recorded_at_ms, origin, push_state, push_result, server_seq, flags)"
                    " VALUES (?,?,?,?,?,'ticket.issued',1,'guide',?,?,?,'local','pending','',NULL,'')",
                    (new_id(), HALL, device, i + 1, hlc, f"ticket:{tid}", payload, ms))
        con.execute("INSERT INTO tickets (id, hall_id, day, category, seq, number, status, priority_group,"
                    " issued_at_ms, issued_hlc, issued_device, clerk, transferred_in, target_clerk, comes_back,"
                    " recall_count, state) VALUES (?,?,?,'Z',?,?,'waiting','',?,?,'bare','',0,'',0,0,'{}')",
                    (tid, HALL, day, seq, number, ms, hlc))
        con.execute("COMMIT")
        t2 = time.perf_counter()
        whole.append((t2 - t0) * 1000)
        writes.append((t2 - t1) * 1000)
        waiting.append(tid)
        if len(waiting) > WAITING:  # keep 300 waiting, as the service bench does (untimed)
            con.execute("UPDATE tickets SET status = 'finished' WHERE id = ?", (waiting.pop(0),))
    con.execute("UPDATE tickets SET status = 'closed' WHERE hall_id = ? AND day = ?", (HALL, day))
    con.close()
    return whole[WAITING + 20:], writes[WAITING + 20:]


def bench_display(store: Store, n: int) -> list[float]:
    """Click (call-next through the runner) to the number on the hall display, same PC, offscreen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desk_app.runtime.bridge import MessageBridge
    from desk_app.runtime.ops import Runner
    from desk_app.runtime.settings import Settings
    from desk_app.ui.context import ScreenContext
    from desk_app.ui.display.hall_display import HallDisplay
    from types import SimpleNamespace

    app = QApplication.instance() or QApplication([])
    bridge = MessageBridge()
    runner = Runner(bridge)
    store.add_commit_listener(bridge.publish_events)
    svc = QueueService(store)
    ctx = ScreenContext(runner=runner, bridge=bridge, settings=Settings(None),
                        services=SimpleNamespace(queue=svc))
    display = HallDisplay(ctx, voice=None)
    display.resize(1280, 720)
    display.show()
    out: list[float] = []
    for i in range(n):
        w = i % WINDOWS + 1
        cur = svc.current(w)
        if cur is not None:
            svc.finish(cur.id, w)
        svc.issue("ABCD"[(w - 1) % 4], handed_out=True)
        for _ in range(50):
            app.processEvents()
        done: dict[str, object] = {}
        t0 = time.perf_counter()
        runner.write(lambda w=w: svc.call_next(w), success=lambda t: done.setdefault("number", t.number))
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline:
            app.processEvents()
            if "number" in done and display.latest_number() == done["number"]:
                out.append(_ms(t0))
                break
    runner.shutdown()
    display.close()
    return out[5:]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--history", type=int, default=2_000_000)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--workdir", default="/tmp/desk_queue_bench")
    ap.add_argument("--no-display", action="store_true")
    a = ap.parse_args()
    work = Path(a.workdir)
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"history_{a.history}.db"
    if not db.exists():
        t0 = time.perf_counter()
        build_history(db.with_suffix(".building"), a.history)
        for suffix in ("-wal", "-shm"):
            Path(str(db.with_suffix(".building")) + suffix).unlink(missing_ok=True)
        db.with_suffix(".building").rename(db)
        emit("queue_build_history", tickets=a.history, seconds=round(time.perf_counter() - t0, 1))
    # a fresh hall day for this run: the day after every earlier run's
    runs_file = work / "runs"
    run = int(runs_file.read_text()) + 1 if runs_file.exists() else 1
    runs_file.write_text(str(run))
    day_ms = ms_of(__import__("datetime").datetime(2031, 1, 1, 9, 0)) + run * 3 * 86_400_000
    clock = RunClock(day_ms)
    store = Store.open(db, now_ms=clock, background_checkpoint=True)  # as the program opens it
    try:
        issue_ms, call_ms = bench_service(store, a.n)
        bare_day = time.strftime("%Y-%m-%d", time.gmtime((day_ms + 86_400_000 + 8 * 3_600_000) / 1000))
        bare_ins, bare_upd = bench_bare(db, work / "bare.db", a.n, bare_day)
        same_all, same_writes = bench_same_statements(db, a.n, time.strftime(
            "%Y-%m-%d", time.gmtime((day_ms + 2 * 86_400_000 + 8 * 3_600_000) / 1000)))
        same, writes = summary(same_all), summary(same_writes)
        si, sc, bi, bu = summary(issue_ms), summary(call_ms), summary(bare_ins), summary(bare_upd)
        emit("bare_sqlite_insert_commit", **bi)
        emit("bare_sqlite_same_writes_as_issue", **writes,
             ratio_to_insert=round(writes["median_ms"] / bi["median_ms"], 2))
        emit("bare_sqlite_same_statements_as_issue", **same,
             ratio_to_insert=round(same["median_ms"] / bi["median_ms"], 2),
             ratio_p99_to_insert=round(same["p99_ms"] / bi["p99_ms"], 2),
             issue_ratio_to_it=round(si["median_ms"] / same["median_ms"], 2))
        emit("bare_sqlite_select_update", waiting=WAITING, history_tickets=a.history, **bu)
        emit("queue_issue_ticket", waiting=WAITING, history_tickets=a.history, **si,
             ratio_median=round(si["median_ms"] / bi["median_ms"], 2),
             ratio_p99=round(si["p99_ms"] / bi["p99_ms"], 2), goal="<= 2x bare insert-and-commit")
        emit("queue_call_next", waiting=WAITING, history_tickets=a.history, **sc,
             ratio_median=round(sc["median_ms"] / bu["median_ms"], 2),
             ratio_p99=round(sc["p99_ms"] / bu["p99_ms"], 2), goal="<= 2x bare select-and-update")
        if not a.no_display:
            shown = bench_display(store, 60)
            emit("queue_click_to_display", same_pc=True, platform="offscreen", **summary(shown), goal="<= 1000 ms")
    finally:
        store.close()


if __name__ == "__main__":
    main()
