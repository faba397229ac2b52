"""Reports bench: 2 M historical tickets and 500 k cases; the overview's refresh after an event, a month's
statistics for one hall on the PC (SQLite) and for 100 halls on PostgreSQL, and a month's XLSX export, each
beside the bare SQL of the same query (the raw driver, no SQLAlchemy, no fold) in the same run.

    .venv/bin/python -m bench.reports [--tickets 2000000] [--cases 500000] [--no-pg]

The PC database is built once under /tmp/desk_reports_bench (executemany, a few minutes) and reused; the
PostgreSQL one (100 halls) in database bench_reports, kept between runs. Both get their rollups from the rows.
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Iterator

from bench.common import emit, summary, timed
from desk_app.domain import overview as ov
from desk_app.domain import reports as rp
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import ms_of
from desk_app.store.database import Store
from desk_app.store.models import QueueCategory, Window
from desk_app.store.report_rollups import statement as rollup_statement
from desk_app.store.report_rows import statements

LAST_DAY = date(2026, 11, 30)
MONTH = rp.Period("2026-11-01", "2026-11-30")
CATS = "ABCD"
T_COLS = ("id, hall_id, day, category, seq, number, status, priority_group, appointment_id, issued_at_ms, issued_hlc,"
          " issued_device, window_number, clerk, appt_slot_ms, transferred_in, target_window, target_clerk, comes_back,"
          " called_at_ms, started_at_ms, finished_at_ms, recall_count, wait_ms, service_ms, transfers, no_show, state")
C_COLS = ("id, hall_id, case_number, ticket_id, ticket_number, status, outcome, applicant_name, item_codes,"
          " catalog_version, window_number, clerk, opened_at_ms, accepted_on, due_date, supplement_deadline,"
          " extension_reason, item_names, delivery_method, conflict_count, notice_count, completed_on, state")
R_COLS = ("id, hall_id, case_id, case_number, status, window_number, clerk, level, reasons, text, rated_at_ms,"
          " follow_up_due, follow_status, rectified_on, state")
OUTCOMES = ["accept"] * 52 + ["finish"] * 25 + ["notice"] * 10 + ["accept_deferred"] * 6 + ["reject"] * 4 + \
    ["out_of_scope"] * 3
STATUS = {"accept": "result_ready", "finish": "finished", "notice": "notice_issued",
          "accept_deferred": "accepted_deferred", "reject": "rejected", "out_of_scope": "refused"}


def _uuid7(rng: random.Random, ms: int) -> str:
    """Time-ordered like the program's ids (UUIDv7): rows land at the end of the clustered tables."""
    return str(uuid.UUID(int=(ms << 80) | (0x7 << 76) | rng.getrandbits(76)))


def history(halls: list[str], n_tickets: int, n_cases: int, days: int, seed: int = 7
            ) -> Iterator[tuple[str, tuple, tuple | None, tuple | None]]:
    """(kind, ticket row, case row or None, rating row or None), spread evenly over halls and days."""
    rng = random.Random(seed)
    per_day = max(1, n_tickets // (days * len(halls)))
    case_every = n_tickets / max(1, n_cases)
    k = 0
    for dd in reversed(range(days)):  # oldest first, as the hall wrote them
        day = LAST_DAY - timedelta(days=dd)
        iso = day.isoformat()
        base = ms_of(datetime(day.year, day.month, day.day, 9, 0))
        for hall in halls:
            for i in range(per_day):
                tid = _uuid7(rng, base + i)
                cat = CATS[i % 4]
                issued = base + rng.randrange(8 * 3600_000)
                wait = rng.randrange(30_000, 3_000_000)
                service = rng.randrange(120_000, 1_500_000)
                no_show = rng.random() < 0.05
                w = 1 + i % 8
                status = "no_show" if no_show else "finished"
                t = (tid, hall, iso, cat, i + 1, f"{cat}{i + 1:03d}", status, "", None, issued, "", "", w, f"clerk{w}",
                     None, False, None, "", False, issued + wait, issued + wait + 30_000,
                     None if no_show else issued + wait + service, 0, wait, None if no_show else service,
                     int(rng.random() < 0.03), no_show, "{}")
                k += 1
                c = r = None
                if not no_show and k % case_every < 1:
                    cid = _uuid7(rng, base + i)
                    out = rng.choice(OUTCOMES)
                    due = (day + timedelta(days=7)).isoformat() if out in ("accept", "accept_deferred") else None
                    done = (day + timedelta(days=rng.choice((3, 5, 9)))).isoformat() if out == "accept" else None
                    c = (cid, hall, f"H-{iso}-{k}", tid, t[5], STATUS[out], out, "", "[]", "", w, f"clerk{w}",
                         issued + wait + 60_000, iso if due else None, due, None,
                         "需核查" if rng.random() < 0.03 else "", "", "", 0, int(out == "notice"), done, "{}")
                    if rng.random() < 0.7:
                        level = rng.choices((5, 4, 3, 2, 1), (70, 18, 7, 3, 2))[0]
                        neg = level <= 2
                        fdue = (day + timedelta(days=5)).isoformat() if neg else None
                        fixed = (day + timedelta(days=rng.randint(1, 7))).isoformat() if neg and rng.random() < 0.8 \
                            else None
                        r = (_uuid7(rng, base + i), hall, cid, c[2], "submitted", w, f"clerk{w}",
                             level, "[]", "", issued + wait + service, fdue, "rectified" if fixed else
                             ("open" if neg else ""), fixed, "{}")
                yield t, c, r


def _q(cols: str) -> str:
    return ", ".join("?" for _ in cols.split(","))


def build_pc(path: Path, hall: str, n_tickets: int, n_cases: int) -> None:
    s = Store.open(path)
    s.set_meta("hall_id", hall)
    with s.write() as uow:
        uow.session.add_all([QueueCategory(id=new_id(), hall_id=hall, prefix=p, name=f"类别{p}", sort_order=i)
                             for i, p in enumerate(CATS)])
        uow.session.add_all([Window(id=new_id(), hall_id=hall, number=n, name=f"{n}号窗口", categories=list(CATS))
                             for n in range(1, 9)])
    s.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    tk, cs, rs = [], [], []

    def flush() -> None:
        con.executemany(f"INSERT INTO tickets ({T_COLS}) VALUES ({_q(T_COLS)})", tk)
        con.executemany(f"INSERT INTO cases ({C_COLS}) VALUES ({_q(C_COLS)})", cs)
        con.executemany(f"INSERT INTO ratings ({R_COLS}) VALUES ({_q(R_COLS)})", rs)
        con.commit()
        tk.clear(), cs.clear(), rs.clear()
    for t, c, r in history([hall], n_tickets, n_cases, 730):
        tk.append(t)
        if c:
            cs.append(c)
        if r:
            rs.append(r)
        if len(tk) >= 50_000:
            flush()
    flush()
    con.execute("ANALYZE")
    con.commit()
    con.close()


def rebuild_rollups(path: Path) -> None:
    """The rows were written without events: their rollups are made from them, as a refold does."""
    from desk_app.store.report_rollups import rebuild
    s = Store.open(path)
    with s.engine.begin() as conn:
        rebuild(conn)
    s.close()


def _sql(stmt: Any, dialect: Any = None) -> str:
    return str(stmt.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def bare_sqlite(path: Path, stmts: dict[str, Any]) -> int:
    con = sqlite3.connect(path)
    n = 0
    for st in stmts.values():
        n += len(con.execute(_sql(st)).fetchall())
    con.close()
    return n


def pc_benches(args: argparse.Namespace) -> None:
    from desk_app.services import queue as qs
    from desk_app.services.overview import OverviewService
    from desk_app.services.reports import ReportService
    hall = "01900000-0000-7000-8000-0000000000aa"
    base = Path(tempfile.gettempdir()) / "desk_reports_bench"
    base.mkdir(exist_ok=True)
    path = base / f"pc_rollups_{args.tickets}_{args.cases}.db"
    if not path.exists():
        t0 = time.perf_counter()
        build_pc(path.with_suffix(".tmp"), hall, args.tickets, args.cases)
        rebuild_rollups(path.with_suffix(".tmp"))
        path.with_suffix(".tmp").rename(path)
        for ext in ("-wal", "-shm"):
            Path(str(path.with_suffix(".tmp")) + ext).unlink(missing_ok=True)
        emit("reports_build_pc", seconds=round(time.perf_counter() - t0, 1))
    work = base / "work.db"
    work.write_bytes(path.read_bytes())
    now = ms_of(datetime(2026, 11, 30, 11, 0))
    clock = [now]
    store = Store.open(work, now_ms=lambda: clock[0])
    con = sqlite3.connect(work)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("tickets", "cases", "ratings")}
    today = con.execute("SELECT count(*) FROM tickets WHERE day = '2026-11-30'").fetchone()[0]
    con.close()
    emit("reports_dataset_pc", **counts, tickets_today=today)

    # 1. overview refresh after an event (service layer: fold the event in, compute the overview)
    svc = OverviewService(store)
    svc.reload()
    th = ov.Thresholds()
    samples, bare = [], []
    raw = sqlite3.connect(work)
    for i in range(args.n):
        with store.write("guide") as uow:
            t = qs.issue_ticket(uow, CATS[i % 4], handed_out=True)
            events = list(uow.events)
        clock[0] += 1000
        t0 = time.perf_counter()
        svc.apply(events)
        svc.snapshot(th)
        samples.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        raw.execute("SELECT id, category, number, status, window_number, clerk, issued_at_ms, called_at_ms,"
                    " started_at_ms, service_ms, day FROM tickets WHERE id = ?", (t.id,)).fetchall()
        bare.append((time.perf_counter() - t0) * 1000)
    raw.close()
    emit("overview_refresh_after_event", goal_ms=20, **summary(samples), bare_select_by_id=summary(bare),
         tickets_today=today + args.n)

    # 2. a month's statistics for the hall: the rollups' sums, beside the same sums on the bare driver and the
    # four row selects the row path used to read
    reports = ReportService(store)
    rollup = {"rollups": rollup_statement(MONTH, "hall", [hall])}
    sums = bare_sqlite(work, rollup)
    rep = timed(lambda: reports.report(MONTH, "hall"), n=5, warmup=1)
    bare_ms = timed(lambda: bare_sqlite(work, rollup), n=5, warmup=1)
    stmts = statements(MONTH, [hall])
    emit("month_statistics_one_hall_pc", goal_ms=300, path="rollups", **summary(rep), sums=sums,
         bare_sql=summary(bare_ms), by_window=summary(timed(lambda: reports.report(MONTH, "window"), n=3, warmup=0)),
         rows=bare_sqlite(work, stmts), bare_sql_rows=summary(timed(lambda: bare_sqlite(work, stmts), n=3, warmup=0)))

    # 3. XLSX export of the month (every sheet)
    out = base / "month.xlsx"
    exp = timed(lambda: reports.export_xlsx(MONTH, out), n=3, warmup=1)
    emit("month_xlsx_export_pc", goal_ms=3000, **summary(exp), bytes=out.stat().st_size, bare_sql=summary(bare_ms))
    store.close()


PG_DB = "bench_reports"  # kept between runs: the build takes minutes


def pg_dataset(args: argparse.Namespace) -> tuple[str, list[str]]:
    """The 100 halls' year in database bench_reports, built (rows, then their rollups) unless already there."""
    import psycopg
    from bench.sync_support import PG_ADMIN
    from desk_app.server import core
    from desk_app.store.report_rollups import rebuild
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{PG_DB}"
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    marker = f"{args.tickets}/{args.cases}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (PG_DB,)).fetchone():
            with psycopg.connect(dsn) as con:
                built = con.execute("SELECT value FROM meta WHERE key = 'bench_reports'").fetchone()
                if built and built[0] == marker:
                    return url, [r[0] for r in con.execute("SELECT id FROM halls ORDER BY code")]
            admin.execute(f'DROP DATABASE "{PG_DB}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{PG_DB}"')
    db = core.ServerDB(url)
    halls = [core.create_hall(db, f"H{i:03d}", f"大厅{i}") for i in range(100)]
    t0 = time.perf_counter()
    with psycopg.connect(dsn) as con:
        with con.cursor() as cur:
            with cur.copy(f"COPY tickets ({T_COLS}) FROM STDIN") as ct:
                cases, ratings = [], []
                for t, c, r in history(halls, args.tickets, args.cases, 365):
                    ct.write_row(t)
                    if c:
                        cases.append(c)
                    if r:
                        ratings.append(r)
            with cur.copy(f"COPY cases ({C_COLS}) FROM STDIN") as cc:
                for c in cases:
                    cc.write_row(c)
            with cur.copy(f"COPY ratings ({R_COLS}) FROM STDIN") as cr:
                for r in ratings:
                    cr.write_row(r)
    with db.engine.begin() as conn:
        rebuild(conn)
    with psycopg.connect(dsn) as con:
        con.execute("ANALYZE")
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("tickets", "cases", "ratings", "report_rollups")}
        con.execute("INSERT INTO meta (key, value) VALUES ('bench_reports', %s)", (marker,))
    emit("reports_dataset_pg", **counts, halls=len(halls), build_s=round(time.perf_counter() - t0, 1))
    db.dispose()
    return url, halls


def pg_benches(args: argparse.Namespace) -> None:
    import psycopg
    from desk_app.server import core
    from desk_app.server.reports import central_report
    url, halls = pg_dataset(args)
    db = core.ServerDB(url)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")

    def bare(sqls: list[str]) -> int:
        with psycopg.connect(dsn) as con:
            return sum(len(con.execute(s).fetchall()) for s in sqls)
    rollup = [_sql(rollup_statement(MONTH, "hall", None), db.engine.dialect)]
    rows = [_sql(st, db.engine.dialect) for st in statements(MONTH, None).values()]
    sums = bare(rollup)
    rep = timed(lambda: central_report(db, MONTH, "hall", None), n=5, warmup=1)
    emit("month_statistics_100_halls_pg", goal_ms=2000, path="rollups", **summary(rep), sums=sums,
         bare_sql=summary(timed(lambda: bare(rollup), n=5, warmup=1)),
         by_category=summary(timed(lambda: central_report(db, MONTH, "category", None), n=3, warmup=0)),
         rows=bare(rows), bare_sql_rows_fetch=summary(timed(lambda: bare(rows), n=2, warmup=0)))
    db.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=2_000_000)
    ap.add_argument("--cases", type=int, default=500_000)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--no-pc", action="store_true")
    args = ap.parse_args()
    if not args.no_pc:
        pc_benches(args)
    if not args.no_pg:
        pg_benches(args)


if __name__ == "__main__":
    main()
