"""Fixtures for sync tests: a desk-central database on SQLite and on a fresh PostgreSQL database, enrolled PCs."""
from __future__ import annotations

import time
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desk_app.domain.ids import new_id
from desk_app.server import core
from desk_app.server.app import create_app

with warnings.catch_warnings():
    # starlette nags that it prefers the httpx2 fork; the pinned httpx works the same for tests.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from tests.postgres_support import connect_admin, database_url


@pytest.fixture(scope="session")
def pg_template():
    """A migrated template database; each test clones it (CREATE DATABASE ... TEMPLATE is fast)."""
    admin = connect_admin()
    name = f"desk_test_{uuid.uuid4().hex[:10]}_tmpl"
    admin.execute(f'CREATE DATABASE "{name}"')
    db = core.ServerDB(database_url(name))
    db.dispose()
    yield admin, name
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _pg_url(pg_template) -> tuple[str, callable]:
    admin, tmpl = pg_template
    name = f"desk_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{tmpl}"')

    def drop():
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return database_url(name), drop


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_url(request, tmp_path: Path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.db'}"
        return
    url, drop = _pg_url(request.getfixturevalue("pg_template"))
    yield url
    drop_pg_databases(url)
    drop()


@pytest.fixture
def server_db(server_url):
    db = core.ServerDB(server_url)
    yield db
    db.dispose()


@dataclass
class Central:
    db: core.ServerDB
    app: object
    client: object
    hall_id: str
    blobs_dir: Path
    agents: list = field(default_factory=list)

    def enroll(self, device_id: str | None = None, window: int | None = None, hall: str | None = None):
        code = core.create_enrollment_code(self.db, hall or self.hall_id, window)
        r = self.client.post("/v1/enroll", json={"code": code, "device_id": device_id or new_id()})
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
def central(server_db, tmp_path: Path):
    hall_id = core.create_hall(server_db, "H1", "测试大厅")
    app = create_app("", tmp_path / "blobs", db=server_db)
    with TestClient(app) as client:
        c = Central(server_db, app, client, hall_id, tmp_path / "blobs")
        yield c
        # The in-process server cannot shut down with a request in flight: stopped agents leave
        # their long poll behind (by design, see SyncAgent.stop), so wait for those to end here.
        for agent in c.agents:
            agent.stop()
            assert agent.join(30), "an abandoned long poll did not end"


@dataclass
class PC:
    store: object
    client: object
    agent: object
    data_dir: Path
    notices: list


def make_pc(central: Central, base: Path, name: str, *, window: int | None = None,
            now_ms=None, categories=("A", "B"), lease_size: int = 20, **agent_kw) -> PC:
    """A window PC: its own store, enrolled in the central's hall, with an agent (not started)."""
    from desk_app.domain.hlc import wall_clock_ms
    from desk_app.store.database import Store
    from desk_app.store.models import QueueCategory, Window
    from desk_app.sync.agent import SyncAgent
    from desk_app.sync.client import SyncClient
    from desk_app.sync.enrollment import enroll_pc

    data_dir = base / name
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.open(data_dir / "local.db", now_ms=now_ms or wall_clock_ms)
    client = SyncClient(http=central.client)
    code = core.create_enrollment_code(central.db, central.hall_id, window)
    enroll_pc(store, client, code, data_dir, name)
    with store.write() as uow:
        uow.session.add_all([QueueCategory(id=new_id(), hall_id=central.hall_id, prefix=p, name=f"类别{p}",
                                           sort_order=i) for i, p in enumerate(categories)])
        uow.session.add_all([Window(id=new_id(), hall_id=central.hall_id, number=n, name=f"{n}号窗口",
                                    categories=list(categories)) for n in (1, 2, 3, 5, 8)])
    notices: list = []
    agent = SyncAgent(store, client, lease_size=lease_size, poll_wait=0.2, backoff_max=0.5,
                      on_conflict=notices.append, **agent_kw)
    central.agents.append(agent)
    return PC(store, client, agent, data_dir, notices)


def wait_until(cond, timeout: float = 10.0) -> bool:
    """Poll ``cond`` until it holds (True), or fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.02)
    raise AssertionError("condition not reached in time")


def issue_tickets(store, n: int, category: str = "A") -> list:
    """``n`` tickets of ``category`` issued in one transaction (their events wait in the outbox)."""
    from desk_app.services import queue as qs
    with store.write() as uow:
        return [qs.issue_ticket(uow, category) for _ in range(n)]


def has_ticket(store, ticket_id: str) -> bool:
    from desk_app.store.models import Ticket
    with store.read() as s:
        return s.get(Ticket, ticket_id) is not None


def sync_round(*pcs: PC, rounds: int = 3) -> None:
    """Push everything, then pull everything, a few times (no threads: deterministic)."""
    for _ in range(rounds):
        for pc in pcs:
            pc.agent.push_all()
        for pc in pcs:
            while True:
                _n, more = pc.agent.pull_once()
                if not more:
                    break


def ticket_state(store) -> list[tuple]:
    from sqlalchemy import select
    from desk_app.store.models import Ticket
    with store.read() as s:
        rows = s.execute(select(Ticket).order_by(Ticket.issued_hlc, Ticket.id)).scalars().all()
        return [(t.id, t.number, t.status, t.window_number, t.issued_hlc, t.issued_device,
                 json_dump(t.state)) for t in rows]


def json_dump(v) -> str:
    import json
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def backup_database(central: Central, tmp_path: Path) -> str:
    """Take a backup of the live server database; returns a URL restorable with restore_database."""
    url = central.db.url
    if url.startswith("sqlite"):
        import sqlite3
        src = sqlite3.connect(url[len("sqlite:///"):])
        target = tmp_path / f"backup-{uuid.uuid4().hex[:6]}.db"
        dst = sqlite3.connect(target)
        src.backup(dst)
        src.close()
        dst.close()
        return f"sqlite:///{target}"
    admin = connect_admin()
    live = url.rsplit("/", 1)[1]
    name = f"{live}_bk{uuid.uuid4().hex[:4]}"
    central.db.dispose()  # CREATE DATABASE ... TEMPLATE needs the source to be idle
    listener = getattr(central.app.state, "listener", None)
    if listener is not None:
        listener.stop()  # its LISTEN connection is a session on the source too
    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{live}"')
    admin.close()
    if listener is not None:
        listener.start()
    return url.rsplit("/", 1)[0] + "/" + name


def restore_database(backup_url: str, tmp_path: Path) -> str:
    """Restore a backup as a new database (the old one is simply no longer used)."""
    if backup_url.startswith("sqlite"):
        import shutil
        target = tmp_path / f"restored-{uuid.uuid4().hex[:6]}.db"
        shutil.copy(backup_url[len("sqlite:///"):], target)
        return f"sqlite:///{target}"
    admin = connect_admin()
    src = backup_url.rsplit("/", 1)[1]
    name = f"{src}_r"
    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{src}"')
    admin.close()
    return backup_url.rsplit("/", 1)[0] + "/" + name


def drop_pg_databases(prefix_url: str) -> None:
    """Drop every database whose name starts with the live one's (backups and restores)."""
    if prefix_url.startswith("sqlite"):
        return
    admin = connect_admin()
    live = prefix_url.rsplit("/", 1)[1]
    for (name,) in admin.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (live + "_%",)):
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()
