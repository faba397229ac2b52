"""A real desk-central (uvicorn, own process) and three desk-app store processes: partition, heal, converge."""
from __future__ import annotations

import json
import multiprocessing as mp
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from desk_app.server import core

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pc_main(name: str, data_dir: str, url: str, code: str, script: list, phases: dict, out: str) -> None:
    """One window PC: enroll, run its script (partly partitioned), then converge and dump its tickets."""
    from sqlalchemy import select

    from desk_app.domain.ids import new_id
    from desk_app.services import queue as qs
    from desk_app.store.database import Store
    from desk_app.store.models import QueueCategory, Ticket, Window
    from desk_app.sync.agent import SyncAgent
    from desk_app.sync.client import SyncClient
    from desk_app.sync.enrollment import enroll_pc

    store = Store.open(Path(data_dir) / "local.db")
    client = SyncClient(url)
    enroll_pc(store, client, code, Path(data_dir), name)
    with store.write() as uow:
        uow.session.add_all([QueueCategory(id=new_id(), hall_id=store.hall_id, prefix=p, name=p) for p in "AB"])
        uow.session.add_all([Window(id=new_id(), hall_id=store.hall_id, number=n, categories=["A", "B"])
                             for n in (1, 2, 3)])
    conflicts: list = []
    agent = SyncAgent(store, client, poll_wait=1.0, backoff_max=0.3, lease_size=10,
                      on_conflict=conflicts.append)
    agent.start()
    dead = SyncClient(f"http://127.0.0.1:{phases['dead_port']}", client.token, timeout=0.5)
    for op, arg in script:
        if op == "partition":      # the cable is pulled: the agent talks to a dead address
            agent.stop()
            agent.client = dead
            agent.start()
        elif op == "heal":
            agent.stop()
            agent.client = client
            agent.start()
        elif op == "issue":
            with store.write("guide") as uow:
                qs.issue_ticket(uow, arg)
        elif op == "call":
            try:
                with store.write(f"clerk{arg}") as uow:
                    qs.call_next(uow, arg, clerk=f"clerk{arg}")
            except Exception:  # noqa: BLE001 - nothing waiting at this window right now
                pass
        elif op == "wait_sync":   # online: wait until our outbox drained (bounded)
            deadline = time.monotonic() + 10
            while agent.snapshot().pending_events and time.monotonic() < deadline:
                time.sleep(0.02)
    phases["done"].release()
    phases["go_converge"].wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and agent.snapshot().pending_events:
        agent.sync_now()
        time.sleep(0.05)
    phases["pushed"].release()
    phases["go_final"].wait()
    agent.stop()
    while agent.pull_once()[1]:
        pass
    snap = agent.snapshot()
    with store.read() as s:
        rows = [(t.id, t.number, t.status, t.window_number, t.issued_hlc) for t in
                s.scalars(select(Ticket).order_by(Ticket.issued_hlc, Ticket.id))]
    Path(out).write_text(json.dumps({"tickets": rows, "pending": snap.pending_events,
                                     "conflicts": len(conflicts)}))
    store.close()


@pytest.fixture
def central_process(tmp_path, server_url):
    db_url = server_url
    db = core.ServerDB(db_url)
    hall = core.create_hall(db, "MP", "多进程大厅")
    codes = [core.create_enrollment_code(db, hall, n) for n in (1, 2, 3)]
    db.dispose()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "desk_app.server.cli", "--db", db_url, "serve",
                             "--port", str(port), "--blobs", str(tmp_path / "blobs"), "--insecure-http"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(url + "/v1/status", timeout=1).status_code == 401:
                break
        except httpx.TransportError:
            pass
        assert proc.poll() is None, proc.stdout.read().decode()
        assert time.monotonic() < deadline, "desk-central did not start"
        time.sleep(0.05)
    yield url, codes, db_url
    proc.terminate()
    proc.wait(10)


def test_three_processes_partition_heal_converge(central_process, tmp_path):
    url, codes, db_url = central_process
    ctx = mp.get_context("spawn")
    phases = {"done": ctx.Semaphore(0), "pushed": ctx.Semaphore(0),
              "go_converge": ctx.Event(), "go_final": ctx.Event(), "dead_port": _free_port()}
    scripts = {
        "pc1": [("issue", "A")] * 5 + [("wait_sync", None), ("partition", None)]
               + [("issue", "A")] * 15 + [("call", 1)] * 3 + [("heal", None)] + [("issue", "B")] * 3,
        "pc2": [("issue", "B")] * 5 + [("wait_sync", None), ("partition", None), ("call", 2), ("call", 2)]
               + [("issue", "A")] * 12 + [("heal", None), ("call", 2)],
        "pc3": [("issue", "A")] * 3 + [("wait_sync", None), ("call", 3)] + [("issue", "B")] * 8,
    }
    procs = []
    for (name, script), code in zip(scripts.items(), codes):
        d = tmp_path / name
        d.mkdir()
        p = ctx.Process(target=_pc_main, args=(name, str(d), url, code, script, phases, str(d / "out.json")))
        p.start()
        procs.append(p)
    for _ in procs:
        assert phases["done"].acquire(timeout=90)
    phases["go_converge"].set()
    for _ in procs:
        assert phases["pushed"].acquire(timeout=60)
    phases["go_final"].set()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    outs = [json.loads((tmp_path / n / "out.json").read_text()) for n in scripts]
    assert all(o["pending"] == 0 for o in outs)
    tickets = [o["tickets"] for o in outs]
    n_issued = sum(1 for s in scripts.values() for op, _ in s if op == "issue")
    assert len(tickets[0]) == n_issued
    assert tickets[0] == tickets[1] == tickets[2]
    assert len({t[1] for t in tickets[0]}) == n_issued     # no number collision
    # the server's projection agrees
    db = core.ServerDB(db_url)
    from sqlalchemy import select
    from desk_app.store.models import Ticket
    with db.read() as s:
        server = [[t.id, t.number, t.status, t.window_number, t.issued_hlc]
                  for t in s.scalars(select(Ticket).order_by(Ticket.issued_hlc, Ticket.id))]
    db.dispose()
    assert server == tickets[0]


def test_serve_with_tls(tmp_path):
    """`desk-central serve --tls-cert --tls-key` speaks HTTPS; a PC enrolls and pushes over it."""
    import shutil
    if not shutil.which("openssl"):
        pytest.fail("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    db_url = f"sqlite:///{tmp_path / 'central.db'}"
    db = core.ServerDB(db_url)
    hall = core.create_hall(db, "TLS", "加密大厅")
    code = core.create_enrollment_code(db, hall, 1)
    db.dispose()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "desk_app.server.cli", "--db", db_url, "serve", "--port",
                             str(port), "--blobs", str(tmp_path / "blobs"), "--tls-cert", str(cert),
                             "--tls-key", str(key)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"https://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/v1/status", timeout=1, verify=ssl.create_default_context(cafile=str(cert))).status_code == 401:
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        with pytest.raises(httpx.TransportError):   # plain HTTP is not answered
            httpx.get(f"http://127.0.0.1:{port}/v1/status", timeout=2)
        from desk_app.services import queue as qs
        from desk_app.store.database import Store
        from desk_app.sync.agent import SyncAgent
        from desk_app.sync.client import SyncClient
        from desk_app.sync.enrollment import enroll_pc
        store = Store.open(tmp_path / "pc" / "local.db")
        client = SyncClient(url, verify=str(cert))
        enroll_pc(store, client, code, tmp_path / "pc")
        from desk_app.domain.ids import new_id
        from desk_app.store.models import QueueCategory
        with store.write() as uow:
            uow.session.add(QueueCategory(id=new_id(), hall_id=store.hall_id, prefix="A", name="A"))
        agent = SyncAgent(store, client)
        agent.refill_leases()
        with store.write() as uow:
            qs.issue_ticket(uow, "A")
        assert agent.push_all() == 1
        store.close()
        client.close()
    finally:
        proc.terminate()
        proc.wait(10)
