"""Helpers for the sync benchmarks: a fresh PostgreSQL database, a desk-central process, enrolled PCs, RSS."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


@contextmanager
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one run, dropped afterwards."""
    import psycopg
    name = f"desk_bench_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(PG_ADMIN, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def central_process(db_url: str, blobs: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """desk-central in its own process on a loopback port; stopped on exit."""
    port = free_port()
    cmd = [sys.executable, "-m", "desk_app.server.cli", "--db", db_url, "serve", "--port", str(port),
           "--blobs", str(blobs), "--insecure-http"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=None if os.environ.get("SYNC_SERVER_OUTPUT") else subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    try:
        while True:
            try:
                if httpx.get(url + "/v1/status", timeout=1).status_code == 401:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("desk-central did not start")
            time.sleep(0.05)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            # uvicorn lets requests in flight finish: a long poll a stopped agent left behind may
            # still have most of its wait to go. The figures are taken already.
            proc.kill()
            proc.wait(10)


def cpu_s(pid: int) -> float:
    """CPU time (user + system) a process has used so far, in seconds (machine load does not inflate it)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def enrolled_store(base: Path, url: str, code: str, name: str, *, leased: bool = True):
    """A PC store enrolled with desk-central (categories A and B); returns (store, client)."""
    from desk_app.domain.ids import new_id
    from desk_app.store.database import Store
    from desk_app.store.models import QueueCategory
    from desk_app.sync.client import SyncClient
    from desk_app.sync.enrollment import enroll_pc

    d = base / name
    d.mkdir(parents=True, exist_ok=True)
    store = Store.open(d / "local.db")
    client = SyncClient(url, timeout=60)
    enroll_pc(store, client, code, d, name)
    if not leased:
        store.set_meta("numbering_mode", "local")
    with store.write() as uow:
        uow.session.add_all([QueueCategory(id=new_id(), hall_id=store.hall_id, prefix=p, name=p) for p in "AB"])
    return store, client


os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
