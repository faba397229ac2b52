"""A server restored from a backup: PCs notice (epoch, or a head below their cursor), resync and re-push what it lost."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desk_app.server import core
from desk_app.server.app import create_app
from desk_app.services import queue as qs
from desk_app.store.models import EventRow, Ticket
from tests.integration.sync.conftest import (
    TestClient, backup_database, issue_tickets, make_pc, restore_database, sync_round, ticket_state,
)


@pytest.mark.parametrize("rotate", [True, False], ids=["epoch", "head-below-cursor"])
def test_restored_server_gets_lost_events_back_without_duplicates(central, tmp_path, rotate):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    for pc in (a, b):
        issue_tickets(pc.store, 3)
    sync_round(a, b)
    backup = backup_database(central, tmp_path)
    for pc in (a, b):
        issue_tickets(pc.store, 2, "B")
    sync_round(a, b)
    assert len(ticket_state(a.store)) == 10
    # disaster: the server comes back from the backup (6 events instead of 10)
    central.db.dispose()
    db2 = core.ServerDB(restore_database(backup, tmp_path))
    old_epoch = db2.epoch
    if rotate:
        db2.rotate_epoch()  # what `desk-central epoch rotate` does after a restore
    app2 = create_app("", tmp_path / "blobs2", db=db2)
    with TestClient(app2) as c2:
        for pc in (a, b):
            pc.client.http = c2
        with db2.read() as s:
            assert s.scalar(select(func.count()).select_from(EventRow)) == 6
        # the PCs notice on their next pull, then push again what was lost
        sync_round(a, b)
        with db2.read() as s:
            assert s.scalar(select(func.count()).select_from(EventRow)) == 10
            assert s.scalar(select(func.count(func.distinct(EventRow.server_seq)))) == 10
            assert s.scalar(select(func.count()).select_from(Ticket)) == 10
        assert ticket_state(a.store) == ticket_state(b.store)
        with a.store.read() as s:
            assert s.scalar(select(func.count()).select_from(EventRow)) == 10
            assert set(s.scalars(select(EventRow.push_state).where(EventRow.origin == "local"))) == {"acked"}
        if rotate:
            assert a.store.get_meta("sync_epoch") == db2.epoch != old_epoch
        # a new event after the restore flows normally
        with a.store.write() as uow:
            qs.issue_ticket(uow, "A")
        sync_round(a, b)
        assert ticket_state(a.store) == ticket_state(b.store)
        assert len(ticket_state(b.store)) == 11
    db2.dispose()
