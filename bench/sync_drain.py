"""Bench (run as `python -m bench.sync_drain`): drain a 10,000-event outbox backlog from one PC into desk-central on PostgreSQL (goal ≥ 5,000 events/s)."""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.common import emit
from bench.sync_support import central_process, enrolled_store, pg_database, rss_mb

N = int(os.environ.get("DRAIN_N", "10000"))


def main() -> None:
    from sqlalchemy import func, select

    from desk_app.server import core
    from desk_app.services import queue as qs
    from desk_app.store.models import EventRow
    from desk_app.sync.agent import SyncAgent

    with tempfile.TemporaryDirectory() as tmp, pg_database() as db_url:
        base = Path(tmp)
        db = core.ServerDB(db_url)
        hall = core.create_hall(db, "BENCH", "压测大厅")
        code = core.create_enrollment_code(db, hall, 1)
        with central_process(db_url, base / "blobs") as (url, proc):
            store, client = enrolled_store(base, url, code, "pc", leased=False)
            t0 = time.perf_counter()
            with store.write("guide") as uow:   # the backlog of a long outage
                for i in range(N):
                    qs.issue_ticket(uow, "AB"[i % 2])
            backlog_s = time.perf_counter() - t0
            agent = SyncAgent(store, client, batch_size=500)
            t0 = time.perf_counter()
            pushed = agent.push_all()
            took = time.perf_counter() - t0
            with db.read() as s:
                on_server = s.scalar(select(func.count()).select_from(EventRow))
            emit("sync_drain", events=pushed, on_server=on_server, seconds=round(took, 3),
                 events_per_s=round(pushed / took), batch=500, backlog_build_s=round(backlog_s, 2),
                 server_rss_mb=rss_mb(proc.pid), goal_events_per_s=5000, db="postgresql")
            store.close()
        db.dispose()


if __name__ == "__main__":
    main()
