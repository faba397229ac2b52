"""Sync wiring for the program: the demo's own desk-central on SQLite, or the server this PC enrolled with."""
from __future__ import annotations

import json
import logging
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk_app.app import Core
from desk_app.paths import resources_dir

log = logging.getLogger(__name__)


@dataclass
class SyncHandle:
    """What runs for sync on this PC; ``stop()`` ends it (agent, uploads and an embedded server)."""

    agent: Any = None
    uploader: Any = None
    server: Any = None
    server_thread: threading.Thread | None = None
    closers: list[Any] = field(default_factory=list)

    def stop(self) -> None:
        for part in (self.uploader, self.agent):
            if part is not None:
                part.stop()
        if self.server is not None:
            self.server.should_exit = True
            if self.server_thread is not None:
                self.server_thread.join(10)
        for fn in self.closers:
            fn()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_agent(core: Core, client: Any, handle: SyncHandle) -> None:
    from desk_app.sync.agent import SyncAgent
    from desk_app.sync.uploads import Uploader

    def conflict(notice: Any) -> None:
        # Told to the clerk in Chinese: which ticket or case, and why their action did not take effect.
        core.bridge.warning.emit(f"同步冲突：{notice.label}，{notice.reason}")

    agent = SyncAgent(core.store, client, on_conflict=conflict)
    uploader = Uploader(core.store, client, core.blobs)
    agent.uploader = uploader
    agent.start()
    uploader.start()
    handle.agent, handle.uploader = agent, uploader
    handle.closers.append(client.close)
    core.services.sync = agent


def start_demo_sync(core: Core, central_dir: Path) -> SyncHandle:
    """Run desk-central on a SQLite file in this process (loopback only) and sync the demo PC with it."""
    import uvicorn

    from desk_app.server.app import create_app
    from desk_app.server.core import ServerDB, create_enrollment_code, create_hall, publish_reference
    from desk_app.services.reference import hall_info
    from desk_app.store.engine import sqlite_url
    from desk_app.sync.client import SyncClient, load_credential
    from desk_app.sync.enrollment import enroll_pc

    central_dir.mkdir(parents=True, exist_ok=True)
    fresh = not (central_dir / "central.db").exists()
    db = ServerDB(sqlite_url(central_dir / "central.db"))
    hall = hall_info(core.store)
    assert hall is not None, "seed the demo hall before starting its sync"
    if fresh:
        # What a hall administrator does once: create the hall and publish its reference data.
        create_hall(db, hall.code, hall.name, hall_id=hall.id)
        setup = json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))
        publish_reference(db, "categories", {"categories": setup["categories"]}, hall=hall.id, label="演示")
        publish_reference(db, "windows", {"windows": setup["windows"]}, hall=hall.id, label="演示")
        publish_reference(db, "users", {"users": setup["users"]}, hall=hall.id, label="演示")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app("", central_dir / "blobs", db=db), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="demo-central", daemon=True)
    thread.start()
    handle = SyncHandle(server=server, server_thread=thread, closers=[db.dispose])
    for _ in range(200):
        if server.started:
            break
        thread.join(0.05)
    client = SyncClient(f"http://127.0.0.1:{port}", token=load_credential(core.data_dir))
    if client.token is None:
        code = create_enrollment_code(db, hall.id, core.settings.get("window.number"))
        enroll_pc(core.store, client, code, core.data_dir, name="演示电脑")
        client.token = load_credential(core.data_dir)
    _start_agent(core, client, handle)
    return handle


def start_configured_sync(core: Core) -> SyncHandle:
    """Sync with the server in the settings, if this PC is enrolled; otherwise run on its own."""
    from desk_app.sync.client import SyncClient, load_credential

    url = core.settings.get("sync.server_url")
    token = load_credential(core.data_dir)
    handle = SyncHandle()
    if not url or not token:
        if url:
            core.bridge.warning.emit("本机尚未注册到同步服务器：请用 desk-app enroll 输入注册码。现在单机运行。")
        core.services.sync = None
        return handle
    _start_agent(core, SyncClient(url, token=token), handle)
    return handle
