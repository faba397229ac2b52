"""Fixtures for sync tests: a desk-central database on SQLite and on a fresh PostgreSQL database, enrolled PCs."""
from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from desk_app.domain.ids import new_id
from desk_app.server import core
from desk_app.server.app import create_app

PG_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


def _pg_admin():
    import psycopg
    try:
        return psycopg.connect(PG_DSN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable: {exc}")


@pytest.fixture(scope="session")
def pg_template():
    """A migrated template database; each test clones it (CREATE DATABASE ... TEMPLATE is fast)."""
    admin = _pg_admin()
    name = f"desk_test_{uuid.uuid4().hex[:10]}_tmpl"
    admin.execute(f'CREATE DATABASE "{name}"')
    db = core.ServerDB(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
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
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", drop


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_url(request, tmp_path: Path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.db'}"
        return
    url, drop = _pg_url(request.getfixturevalue("pg_template"))
    yield url
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

    def enroll(self, device_id: str | None = None, window: int | None = None, hall: str | None = None):
        code = core.create_enrollment_code(self.db, hall or self.hall_id, window)
        r = self.client.post("/v1/enroll", json={"code": code, "device_id": device_id or new_id()})
        assert r.status_code == 200, r.text
        return r.json()


@pytest.fixture
def central(server_db, tmp_path: Path):
    from fastapi.testclient import TestClient
    hall_id = core.create_hall(server_db, "H1", "测试大厅")
    app = create_app("", tmp_path / "blobs", db=server_db)
    with TestClient(app) as client:
        yield Central(server_db, app, client, hall_id, tmp_path / "blobs")
