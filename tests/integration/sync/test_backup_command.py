"""`desk-central backup` / `restore`: the database and the attachments come back, and the PCs resend what was lost."""
from __future__ import annotations

import hashlib

from sqlalchemy import func, select

from desk_app.server import core
from desk_app.server.app import create_app
from desk_app.server.cli import main as central_main
from desk_app.store.models import EventRow
from tests.integration.sync.conftest import TestClient, issue_tickets, make_pc, sync_round, ticket_state


def _events(db: core.ServerDB) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(EventRow))


def test_backup_then_restore_brings_back_database_and_attachments(central, tmp_path, capsys):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    for pc in (a, b):
        issue_tickets(pc.store, 3)
    sync_round(a, b)
    data = "扫描件".encode() * 1000
    sha = hashlib.sha256(data).hexdigest()
    central.app.state.blobs.write_chunk(central.hall_id, sha, len(data), 0, data)
    url, blobs = central.db.url, central.blobs_dir
    out = tmp_path / "backup"
    assert central_main(["--db", url, "backup", "--out", str(out), "--blobs", str(blobs)]) == 0
    assert "1 个附件" in capsys.readouterr().out
    # a second backup into the same folder is refused (never overwrite the last good one)
    assert central_main(["--db", url, "backup", "--out", str(out), "--blobs", str(blobs)]) == 2
    assert "不是空的" in capsys.readouterr().err
    for pc in (a, b):
        issue_tickets(pc.store, 2, "B")
    sync_round(a, b)
    assert _events(central.db) == 10
    old_epoch = central.db.epoch
    # disaster: the database is reset and the attachment folder lost
    central.db.dispose()
    listener = getattr(central.app.state, "listener", None)
    if listener is not None:
        listener.stop()
    for f in blobs.rglob("*"):
        if f.is_file():
            f.unlink()
    assert central_main(["--db", url, "restore", "--from", str(out), "--blobs", str(blobs)]) == 0
    assert "新的数据库纪元" in capsys.readouterr().out
    db2 = core.ServerDB(url)
    assert db2.epoch != old_epoch and _events(db2) == 6
    app2 = create_app("", blobs, db=db2)
    with TestClient(app2) as c2:
        assert app2.state.blobs.store.has(sha)
        for pc in (a, b):
            pc.client.http = c2
        sync_round(a, b)
        assert _events(db2) == 10
        assert ticket_state(a.store) == ticket_state(b.store) and len(ticket_state(a.store)) == 10
    db2.dispose()


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path, capsys):
    (tmp_path / "x").mkdir()
    rc = central_main(["--db", f"sqlite:///{tmp_path / 'c.db'}", "restore", "--from", str(tmp_path / "x"),
                       "--blobs", str(tmp_path / "b")])
    assert rc == 2 and "不是 desk-central 备份" in capsys.readouterr().err
    assert not (tmp_path / "c.db").exists()  # nothing was touched
