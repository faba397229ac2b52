"""The agent's worker threads: propagation while online, offline status and backoff, recovery, sync now."""
from __future__ import annotations

import time

from sqlalchemy import select

from desk_app.services import queue as qs
from desk_app.store.models import Ticket
from desk_app.sync.client import SyncClient
from tests.integration.sync.conftest import has_ticket, make_pc, wait_until


def test_running_agents_propagate_within_a_second(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    a.agent.start()
    b.agent.start()
    try:
        wait_until(lambda: a.agent.snapshot().online and b.agent.snapshot().online)
        with a.store.write() as uow:
            t = qs.issue_ticket(uow, "A")
        t0 = time.monotonic()
        wait_until(lambda: has_ticket(b.store, t.id), timeout=5)
        assert time.monotonic() - t0 < 1.0
        snap = a.agent.snapshot()
        wait_until(lambda: a.agent.snapshot().pending_events == 0)
        assert snap.last_success_ms is not None and not snap.clock_warning
    finally:
        a.agent.stop()
        b.agent.stop()


def test_offline_then_back(central, tmp_path):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]
    a = make_pc(central, tmp_path, "a")
    real = a.agent.client
    a.agent.client = SyncClient(f"http://127.0.0.1:{dead_port}", real.token, timeout=0.5)
    a.agent.start()
    try:
        with a.store.write() as uow:
            qs.issue_ticket(uow, "A")   # works offline (local numbering range)
        wait_until(lambda: a.agent.snapshot().last_error != "")
        snap = a.agent.snapshot()
        assert not snap.online and snap.pending_events == 1 and snap.oldest_pending_age_ms is not None
        a.agent.stop()
        a.agent.client = real
        a.agent.start()
        a.agent.sync_now()
        wait_until(lambda: a.agent.snapshot().pending_events == 0 and a.agent.snapshot().online)
    finally:
        a.agent.stop()
    with central.db.read() as s:
        assert len(s.scalars(select(Ticket.id)).all()) == 1


def test_start_sync_for_an_enrolled_pc(central, tmp_path):
    from desk_app.store.blobs import BlobStore
    from desk_app.sync.enrollment import start_sync
    a = make_pc(central, tmp_path, "a")
    assert start_sync(a.store, tmp_path / "nowhere", "http://127.0.0.1:9") is None   # not enrolled there
    rt = start_sync(a.store, a.data_dir, "http://unused", blobs=BlobStore(a.data_dir / "blobs"), poll_wait=0.2)
    rt.agent.client.http.close()
    rt.agent.client.http = central.client      # the test server instead of a real address
    rt.agent.client._own_http = False
    rt.uploader.client = rt.agent.client
    try:
        with a.store.write() as uow:
            qs.issue_ticket(uow, "A")
        rt.agent.sync_now()
        wait_until(lambda: rt.agent.snapshot().pending_events == 0)
    finally:
        rt.stop()
        assert rt.agent.join(30)  # no request left in flight for the in-process server's shutdown
