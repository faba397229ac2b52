"""Durability: SIGKILL a process in the middle of use cases, 50 times; rows and events are always both there or both absent."""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import random
import signal
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import HALL_ID
from tests.integration.ticket_child import issue_tickets_until_killed

KILLS = 50


def _check(db_path: Path) -> tuple[int, int]:
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tickets = {r[0]: r[1] for r in con.execute("SELECT id, number FROM tickets")}
        events = {r[0][len("ticket:"):]: json.loads(r[1])["number"] for r in con.execute(
            "SELECT aggregate, payload FROM events WHERE type = 'ticket.issued'")}
        assert tickets == events, "a ticket without its event or an event without its ticket"
        seqs = [r[0] for r in con.execute("SELECT device_seq FROM events ORDER BY device_seq")]
        assert seqs == list(range(1, len(seqs) + 1)), "the outbox sequence has a gap"
        numbers = con.execute("SELECT COUNT(*), COUNT(DISTINCT day || number) FROM tickets").fetchone()
        assert numbers[0] == numbers[1], "a ticket number was handed out twice"
        return len(tickets), len(seqs)
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_mid_use_case_never_splits_rows_from_events(store, data_dir: Path) -> None:
    db_path = data_dir / "local.db"
    store.close()
    ctx = mp.get_context("fork")
    rng = random.Random(1234)
    previous = 0
    for _ in range(KILLS):
        started = ctx.Event()
        child = ctx.Process(target=issue_tickets_until_killed, args=(str(db_path), None, started))
        child.start()
        assert started.wait(30), "child never started writing"
        started.clear()
        # Kill at a random point: within a transaction, in a commit, or between use cases.
        deadline = rng.uniform(0.0, 0.03)
        child.join(deadline)
        os.kill(child.pid, signal.SIGKILL)
        child.join(10)
        assert child.exitcode == -signal.SIGKILL
        count, _ = _check(db_path)
        assert count > previous, "the child made no progress before being killed"
        previous = count
    # The database still works for the next use case after all the kills.
    from desk_app.services.queue import issue_ticket
    from desk_app.store.database import Store
    s = Store.open(db_path)
    with s.write() as uow:
        issue_ticket(uow, "A")
    s.close()
    _check(db_path)
