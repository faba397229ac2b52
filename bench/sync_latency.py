"""Bench (run as `python -m bench.sync_latency`): PC-to-PC propagation while online through desk-central on
PostgreSQL (goal p95 ≤ 500 ms). Two real PC stores with running sync agents; one issues, the other listens."""
from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

from bench.common import emit, summary
from bench.sync_support import central_process, enrolled_store, pg_database, rss_mb

SAMPLES = 60


def main() -> None:
    from desk_app.server import core
    from desk_app.services import queue as qs
    from desk_app.sync.agent import SyncAgent

    with tempfile.TemporaryDirectory() as tmp, pg_database() as db_url:
        base = Path(tmp)
        db = core.ServerDB(db_url)
        hall = core.create_hall(db, "LAT", "延迟大厅")
        codes = [core.create_enrollment_code(db, hall, n) for n in (5, 8)]
        db.dispose()
        with central_process(db_url, base / "blobs") as (url, proc):
            a, ca = enrolled_store(base, url, codes[0], "w5")
            b, cb = enrolled_store(base, url, codes[1], "w8")
            arrived: dict[str, float] = {}
            got = threading.Condition()

            def on_commit(events):
                with got:
                    for e in events:
                        arrived.setdefault(e.aggregate, time.perf_counter())
                    got.notify_all()
            b.add_commit_listener(on_commit)
            agents = [SyncAgent(a, ca, poll_wait=20), SyncAgent(b, cb, poll_wait=20)]
            for ag in agents:
                ag.start()
            deadline = time.monotonic() + 10
            while not all(ag.snapshot().online for ag in agents) and time.monotonic() < deadline:
                time.sleep(0.05)
            samples = []
            for _ in range(SAMPLES):
                t0 = time.perf_counter()
                with a.write("guide") as uow:
                    t = qs.issue_ticket(uow, "A")
                key = f"ticket:{t.id}"
                with got:
                    got.wait_for(lambda: key in arrived, timeout=10)
                if key in arrived:
                    samples.append((arrived[key] - t0) * 1000)
                time.sleep(0.05)  # one call every ~50 ms, like a busy hall
            for ag in agents:
                ag.stop()
            s = sorted(samples)
            emit("sync_propagation", **summary(samples), p95_ms=round(s[int(len(s) * 0.95) - 1], 2),
                 lost=SAMPLES - len(samples), goal_p95_ms=500, server_rss_mb=rss_mb(proc.pid), db="postgresql")
            a.close()
            b.close()


if __name__ == "__main__":
    main()
