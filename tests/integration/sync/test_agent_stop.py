"""Stopping the agent during a long poll against a live desk-central returns at once; the final pull still applies."""
from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn
from sqlalchemy import select

from desk_app.domain.ids import new_id
from desk_app.server import core
from desk_app.server.app import CentralServer, create_app
from desk_app.services import queue as qs
from desk_app.store.database import Store
from desk_app.store.models import QueueCategory, Ticket
from desk_app.sync.agent import CURSOR_KEY, SyncAgent
from desk_app.sync.client import SyncClient
from desk_app.sync.enrollment import enroll_pc
from tests.integration.sync.conftest import has_ticket, wait_until

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live_server(server_db, tmp_path):
    """desk-central on a real port (uvicorn in a thread), so long polls are real HTTP requests."""
    hall = core.create_hall(server_db, "LS", "测试大厅")
    port = _free_port()
    server = CentralServer(uvicorn.Config(create_app("", tmp_path / "blobs", db=server_db), host="127.0.0.1",
                                          port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "desk-central did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", hall, (server, thread)
    server.should_exit = True
    thread.join(20)


def _pc(db, url: str, hall: str, base, name: str, **kw) -> tuple[Store, SyncAgent]:
    store = Store.open(base / name / "local.db")
    client = SyncClient(url)
    enroll_pc(store, client, core.create_enrollment_code(db, hall, None), base / name, name)
    with store.write() as uow:
        uow.session.add(QueueCategory(id=new_id(), hall_id=hall, prefix="A", name="类别A"))
    return store, SyncAgent(store, client, backoff_max=0.5, **kw)


class PollSpy:
    """Marks when a long poll (wait > 0) has been sent."""

    def __init__(self, client: SyncClient):
        self.real, self.polling = client.pull, threading.Event()
        client.pull = self

    def __call__(self, since, *, wait=0, limit=500, **kw):
        if wait > 0:
            self.polling.set()
        return self.real(since, wait=wait, limit=limit, **kw)


def test_stop_during_a_long_poll_returns_at_once(server_db, live_server, tmp_path):
    url, hall, (server, thread) = live_server
    a_store, a = _pc(server_db, url, hall, tmp_path, "a", poll_wait=20.0)
    b_store, b = _pc(server_db, url, hall, tmp_path, "b")
    spy = PollSpy(a.client)
    a.start()
    try:
        assert spy.polling.wait(15)
        time.sleep(0.3)  # let the request reach the server and park there (not a correctness wait)
        t0 = time.monotonic()
        a.stop()
        took = time.monotonic() - t0
        assert took < 1.0, f"stop() took {took:.1f} s"
        # b's event wakes the abandoned poll, which must drop it: the store is a's to close now
        with b_store.write() as uow:
            t = qs.issue_ticket(uow, "A")
        b.push_all()
        assert a.join(10)
        with a_store.read() as s:
            assert s.get(Ticket, t.id) is None
        cursor = a_store.get_meta(CURSOR_KEY, "0")
        # the final pull after stop still applies
        while a.pull_once()[1]:
            pass
        with a_store.read() as s:
            assert s.scalar(select(Ticket.number).where(Ticket.id == t.id)) == t.number
        assert int(a_store.get_meta(CURSOR_KEY, "0")) > int(cursor)
        # and a restarted agent carries on
        a.start()
        with b_store.write() as uow:
            t2 = qs.issue_ticket(uow, "A")
        b.push_all()
        wait_until(lambda: has_ticket(a_store, t2.id))  # the restarted agent pulls
    finally:
        a.stop()
        # The restarted agent's long poll is parked at the server: stopping the server answers it at once
        # (as the next test shows), where waiting for it would take the whole poll_wait.
        server.should_exit = True
        thread.join(20)
        a.join(30)
        a.client.close()
        b.client.close()
        a_store.close()
        b_store.close()


def test_stopping_the_server_answers_a_long_poll_in_flight_at_once(server_db, live_server, tmp_path):
    url, hall, (server, thread) = live_server
    store, _agent = _pc(server_db, url, hall, tmp_path, "p")
    client = SyncClient(url)
    client.token = _agent.client.token
    got: dict = {}
    poll = threading.Thread(target=lambda: got.setdefault("resp", client.pull(0, wait=30)))
    poll.start()
    time.sleep(0.5)  # parked in the server's long poll
    t0 = time.monotonic()
    server.should_exit = True
    thread.join(10)
    poll.join(10)
    assert not thread.is_alive() and time.monotonic() - t0 < 3  # not the poll's 30 s, nor a forced cancel
    assert "resp" in got and got["resp"].events == []         # answered, not cut off
    store.close()
