"""Power loss in the middle of local use cases: after the restart the outbox has no gap and syncs cleanly."""
from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import time

from sqlalchemy import func, select

from desk_app.store.database import Store
from desk_app.store.models import EventRow, Ticket
from desk_app.sync.agent import SyncAgent
from tests.integration.sync.conftest import make_pc, sync_round, ticket_state
from tests.integration.ticket_child import issue_tickets_until_killed


def test_kill_during_use_cases_then_sync(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    a.agent.refill_leases()
    path = a.data_dir / "local.db"
    a.store.close()
    ctx = mp.get_context("spawn")
    for _ in range(3):
        done = ctx.Value("i", 0)
        p = ctx.Process(target=issue_tickets_until_killed, args=(str(path), done))
        p.start()
        # die at a random moment inside the stream of transactions (after a random number of them)
        target = random.randint(3, 40)
        deadline = time.monotonic() + 60
        while done.value < target and time.monotonic() < deadline:
            time.sleep(0.001)
        os.kill(p.pid, signal.SIGKILL)
        p.join(10)
    store = Store.open(path)
    assert store.integrity_ok()
    with store.read() as s:
        seqs = s.scalars(select(EventRow.device_seq).where(EventRow.origin == "local")
                         .order_by(EventRow.device_seq)).all()
        tickets = s.scalar(select(func.count()).select_from(Ticket))
    assert seqs == list(range(1, len(seqs) + 1)) and tickets == len(seqs) >= 9
    agent = SyncAgent(store, a.client)
    assert agent.push_all() == len(seqs)
    sync_round(b)
    assert ticket_state(b.store) == ticket_state(store)
    with central.db.read() as s:
        assert s.scalar(select(func.count()).select_from(EventRow)) == len(seqs)
    store.close()
