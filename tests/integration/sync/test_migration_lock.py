"""Two desk-central copies starting at once on one empty PostgreSQL database: one migrates, neither fails."""
from __future__ import annotations

import threading
import uuid

import pytest

from desk_app.server import core
from tests.postgres_support import database_url

pytestmark = pytest.mark.postgres


def test_three_copies_migrate_an_empty_database_at_once(pg_template):
    admin, _ = pg_template
    name = f"desk_test_{uuid.uuid4().hex[:12]}_empty"
    admin.execute(f'CREATE DATABASE "{name}"')
    url = database_url(name)
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []
    dbs: list[core.ServerDB] = []

    def start() -> None:
        barrier.wait()
        try:
            dbs.append(core.ServerDB(url))
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
    threads = [threading.Thread(target=start) for _ in range(3)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors, errors
        assert len(dbs) == 3 and len({db.epoch for db in dbs}) == 1  # one database identity, made once
    finally:
        for db in dbs:
            db.dispose()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
