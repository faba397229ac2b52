"""The PC's data files are private: database, WAL, SHM, settings, scans, log and key 0600, directories 0700."""
from __future__ import annotations

import os
import stat

import pytest

from desk_app.store.blobs import BlobStore
from desk_app.store.database import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(p) -> int:
    return stat.S_IMODE(os.stat(p).st_mode)


def test_a_new_database_and_its_wal_are_0600(tmp_path):
    s = Store.open(tmp_path / "pc" / "local.db")
    with s.write() as uow:
        uow.session.execute(__import__("sqlalchemy").text("SELECT 1"))
    s.set_meta("x", "y")
    for name in ("local.db", "local.db-wal", "local.db-shm"):
        p = tmp_path / "pc" / name
        if p.exists():
            assert _mode(p) == 0o600, name
    s.close()


def test_the_program_makes_its_data_directory_private_in_place(qapp, tmp_path):
    from desk_app.app import build_core, setup_logging
    old = os.umask(0o022)
    try:
        data = tmp_path / "data"
        data.mkdir()
        (data / "blobs" / "ab").mkdir(parents=True)
        (data / "blobs" / "ab" / "old-scan").write_bytes(b"scan")   # left 0644 by an older version
        setup_logging(data)
        core = build_core(data)
        try:
            sha = core.blobs.put(b"new scan")
            core.settings.set("display.notice", "请排队")
            paths = [data / "local.db", data / "desk_app.log", data / "settings.json",
                     data / "blobs" / "ab" / "old-scan", BlobStore(data / "blobs").path(sha)]
            assert {p.name: _mode(p) for p in paths} == {p.name: 0o600 for p in paths}
            assert _mode(data) == 0o700 and _mode(data / "blobs") == 0o700
        finally:
            core.close()
            for h in list(__import__("logging").getLogger().handlers):
                if getattr(h, "baseFilename", "").startswith(str(data)):
                    __import__("logging").getLogger().removeHandler(h)
                    h.close()
    finally:
        os.umask(old)
