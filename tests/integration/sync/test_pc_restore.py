"""A PC restored from its own backup: takes back its lost events, renumbers what the server never saw, no re-enrolment."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import func, select

from desk_app.services import queue as qs
from desk_app.store.database import Store
from desk_app.store.models import EventRow, Ticket
from desk_app.store.models.server import Rejection
from desk_app.sync.agent import SyncAgent
from tests.integration.sync.conftest import issue_tickets, make_pc, sync_round, ticket_state


def _backup(store: Store, data_dir: Path) -> Path:
    """A consistent copy of the live SQLite file, as a backup tool would take it."""
    target = data_dir.parent / f"{data_dir.name}-backup.db"
    src = sqlite3.connect(data_dir / "local.db")
    dst = sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    return target


def _restore(pc, backup: Path) -> Store:
    """Power off, put the backup back in place of the database, start again (same credential file)."""
    pc.agent.stop()
    pc.store.close()
    for suffix in ("-wal", "-shm"):
        (pc.data_dir / f"local.db{suffix}").unlink(missing_ok=True)
    shutil.copy(backup, pc.data_dir / "local.db")
    return Store.open(pc.data_dir / "local.db")


def _own_seqs(store: Store) -> list[int]:
    with store.read() as s:
        return s.scalars(select(EventRow.device_seq).where(EventRow.device == store.device_id)
                         .order_by(EventRow.device_seq)).all()


def test_pc_restored_from_its_backup_keeps_syncing(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    a.agent.refill_leases()
    issue_tickets(a.store, 3)
    sync_round(a, b)
    backup = _backup(a.store, a.data_dir)
    with a.store.write() as uow:
        lost = [qs.issue_ticket(uow, "A") for _ in range(2)]      # after the backup: the PC will lose them
    sync_round(a, b)
    assert len(ticket_state(b.store)) == 5

    store = _restore(a, backup)
    assert store.device_id == a.store.device_id and _own_seqs(store) == [1, 2, 3]
    # the clerk works on before the agent got through: these reuse numbers 4 and 5 locally
    with store.write() as uow:
        fresh = [qs.issue_ticket(uow, "B") for _ in range(2)]
    assert _own_seqs(store) == [1, 2, 3, 4, 5]
    a.store, a.agent = store, SyncAgent(store, a.client, poll_wait=0.2, on_conflict=a.notices.append)
    central.agents.append(a.agent)
    sync_round(a, b)

    assert _own_seqs(store) == [1, 2, 3, 4, 5, 6, 7]     # the lost 4 and 5 back, the new ones after them
    with store.read() as s:
        assert {t.id for t in lost + fresh} <= set(s.scalars(select(Ticket.id)))
        assert set(s.scalars(select(EventRow.push_state).where(EventRow.origin == "local"))) == {"acked"}
    with central.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Rejection)) == 0
        assert s.scalar(select(func.count()).select_from(EventRow)) == 7
        assert s.scalar(select(func.count()).select_from(Ticket)) == 7
    assert ticket_state(a.store) == ticket_state(b.store)
    assert a.notices == b.notices == []
    # and the sequence goes on from there
    with store.write() as uow:
        qs.issue_ticket(uow, "B")
    sync_round(a, b)
    assert _own_seqs(store)[-1] == 8 and len(ticket_state(b.store)) == 8
    with central.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Rejection)) == 0


def test_restored_pc_with_nothing_new_only_takes_back(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    with a.store.write() as uow:
        qs.issue_ticket(uow, "A")
    a.agent.push_all()
    backup = _backup(a.store, a.data_dir)
    with a.store.write() as uow:
        qs.issue_ticket(uow, "A")
    a.agent.push_all()
    store = _restore(a, backup)
    agent = SyncAgent(store, a.client, poll_wait=0.2)
    central.agents.append(agent)
    assert agent.recover_own() == 1
    assert agent.recover_own() == 0                       # nothing more the second time
    with store.write() as uow:
        qs.issue_ticket(uow, "B")
    assert _own_seqs(store) == [1, 2, 3]
    assert agent.push_all() == 1
    with central.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Rejection)) == 0
        assert s.scalar(select(func.count()).select_from(Ticket)) == 3
    store.close()


def test_pushed_but_not_marked_events_are_recognised(central, tmp_path):
    """The ordinary start-up check: events the server took before a crash are acknowledged, not renumbered."""
    a = make_pc(central, tmp_path, "a")
    issue_tickets(a.store, 2)
    first = a.client.push(a.agent.pending_events(10), 0)   # committed on the server, never marked
    with a.store.write() as uow:
        qs.issue_ticket(uow, "A")                          # and one it never saw
    assert a.agent.recover_own() == 0
    with a.store.read() as s:
        rows = s.execute(select(EventRow.device_seq, EventRow.push_state, EventRow.server_seq)
                         .order_by(EventRow.device_seq)).all()
    assert [tuple(r) for r in rows] == [(1, "acked", first.results[0].server_seq),
                                        (2, "acked", first.results[1].server_seq), (3, "pending", None)]
    assert a.agent.push_all() == 1
