"""Two desk-central processes behind one PostgreSQL database (a load-balanced pair): a PC on each converges."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from desk_app.server import core
from desk_app.services import queue as qs
from tests.integration.sync.conftest import ticket_state, wait_until
from tests.integration.sync.test_multiprocess import ROOT, _free_port

pytestmark = [pytest.mark.slow,
              pytest.mark.parametrize("server_url", [pytest.param("postgres", marks=pytest.mark.postgres)],
                                      indirect=True)]


def _serve(db_url: str, blobs: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "desk_app.server", "--db", db_url, "serve", "--insecure-http",
                             "--port", str(port), "--blobs", str(blobs)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return proc, url
        except httpx.TransportError:
            pass
        assert proc.poll() is None, proc.stdout.read().decode()
        assert time.monotonic() < deadline, "desk-central did not start"
        time.sleep(0.05)


def _pc(name: str, base: Path, url: str, code: str):
    from desk_app.domain.ids import new_id
    from desk_app.store.database import Store
    from desk_app.store.models import QueueCategory, Window
    from desk_app.sync.agent import SyncAgent
    from desk_app.sync.client import SyncClient
    from desk_app.sync.enrollment import enroll_pc
    d = base / name
    d.mkdir()
    store = Store.open(d / "local.db")
    client = SyncClient(url)
    enroll_pc(store, client, code, d, name)
    with store.write() as uow:
        uow.session.add(QueueCategory(id=new_id(), hall_id=store.hall_id, prefix="A", name="类别A"))
        uow.session.add(Window(id=new_id(), hall_id=store.hall_id, number=1, categories=["A"]))
    agent = SyncAgent(store, client, poll_wait=5.0, backoff_max=0.3, lease_size=10)
    agent.start()
    return store, agent


def test_a_pc_on_each_server_process_converges(server_url, tmp_path):
    db = core.ServerDB(server_url)
    hall = core.create_hall(db, "LB", "负载均衡大厅")
    codes = [core.create_enrollment_code(db, hall, n) for n in (1, 2)]
    db.dispose()
    servers = [_serve(server_url, tmp_path / "blobs") for _ in range(2)]
    agents = []
    try:
        (s1, a1), (s2, a2) = [_pc(f"pc{i}", tmp_path, url, code)
                              for i, ((_, url), code) in enumerate(zip(servers, codes), 1)]
        agents = [a1, a2]
        for store in (s1, s2):
            for _ in range(3):
                with store.write("guide") as uow:
                    qs.issue_ticket(uow, "A")
        # Each PC long-polls its own server process (poll_wait 5 s); the other's push wakes it through NOTIFY.
        started = time.monotonic()
        assert wait_until(lambda: len(ticket_state(s1)) == len(ticket_state(s2)) == 6, 20)
        assert ticket_state(s1) == ticket_state(s2)
        assert len({number for _id, number, *_ in ticket_state(s1)}) == 6  # no number issued twice
        assert time.monotonic() - started < 5  # woken, not waiting out a long poll
    finally:
        for agent in agents:
            agent.stop()
        for proc, _ in servers:
            proc.terminate()
            proc.wait(10)
            proc.stdout.close()
