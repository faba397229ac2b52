"""`desk-app enroll` against a real desk-central on loopback: the credential is saved owner-only, a bad code
is a Chinese message and changes nothing."""
from __future__ import annotations

import json
import stat
import threading

import pytest
import uvicorn

from desk_app.cli import main
from desk_app.server.app import create_app
from desk_app.server.core import ServerDB, create_enrollment_code, create_hall
from desk_app.store.engine import sqlite_url


@pytest.fixture
def central(tmp_path):
    db = ServerDB(sqlite_url(tmp_path / "central.db"))
    hall = create_hall(db, "T01", "测试大厅")
    server = uvicorn.Server(uvicorn.Config(create_app("", tmp_path / "blobs", db=db), host="127.0.0.1", port=0,
                                           log_level="warning"))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    for _ in range(200):
        if server.started:
            break
        t.join(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield db, hall, f"http://127.0.0.1:{port}"
    server.should_exit = True
    t.join(10)
    db.dispose()


def test_enroll_saves_credential_and_server(central, data_dir, capsys) -> None:
    db, hall, url = central
    code = create_enrollment_code(db, hall, 5)
    assert main(["enroll", url, code, "--name", "5号窗口"]) == 0
    assert "已注册" in capsys.readouterr().out
    creds = [p for p in data_dir.rglob("*") if p.is_file() and "cred" in p.name]
    assert creds and stat.S_IMODE(creds[0].stat().st_mode) == 0o600
    assert json.loads((data_dir / "settings.json").read_text())["sync.server_url"] == url
    # The code is one-time: a second use is refused with a message, exit status 2.
    assert main(["enroll", url, code]) == 2
    assert "注册码无效" in capsys.readouterr().err
