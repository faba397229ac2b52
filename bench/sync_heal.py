"""Bench (run as `python -m bench.sync_heal`): time from a partition healing to identical state on three PCs,
through desk-central on PostgreSQL (goal p95 ≤ 3 s)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench.common import emit, summary
from bench.heal import heal_rounds, p95
from bench.netproxy import CuttableProxy
from bench.sync_support import central_process, enrolled_store, pg_database

ROUNDS = int(os.environ.get("SYNC_HEAL_ROUNDS", "20"))


def main() -> None:
    from desk_app.server import core
    from desk_app.services import queue as qs
    from desk_app.sync.agent import SyncAgent

    def issue(store):
        with store.write("guide") as uow:
            qs.issue_ticket(uow, "A")

    with tempfile.TemporaryDirectory() as tmp, pg_database() as db_url:
        base = Path(tmp)
        db = core.ServerDB(db_url)
        hall = core.create_hall(db, "HEAL", "断网大厅")
        codes = [core.create_enrollment_code(db, hall, n) for n in (1, 2, 3)]
        db.dispose()
        with central_process(db_url, base / "blobs") as (url, _proc):
            port = int(url.rsplit(":", 1)[1])
            proxy = CuttableProxy("127.0.0.1", port)
            pcs = [enrolled_store(base, proxy.url, code, f"pc{i}") for i, code in enumerate(codes)]
            # The program's own settings (poll 20 s, push backoff up to 30 s): the figure is what a hall sees.
            agents = [SyncAgent(store, client) for store, client in pcs]
            for ag in agents:
                ag.start()
            stores = [store for store, _ in pcs]
            heal_rounds(stores, proxy, 1, issue=issue)  # warm-up: leases, first connections
            times = heal_rounds(stores, proxy, ROUNDS, issue=issue)
            for ag in agents:
                ag.stop()
            proxy.close()
            emit("sync_heal", **summary([t * 1000 for t in times]), p95_s=round(p95(times), 3),
                 max_s=round(max(times), 3), rounds=ROUNDS, goal_p95_s=3, db="postgresql")
            for store in stores:
                store.close()


if __name__ == "__main__":
    main()
