"""Bench (run as `python -m bench.sync_load`): 200 simulated PCs (4 halls × 50) long-polling and each pushing one
event a second against one desk-central process on PostgreSQL, over loopback, for a bounded time.
Goal: p99 push ≤ 100 ms. Prints push latency, events delivered by pulls, and server RSS."""
from __future__ import annotations

import asyncio
import os
import random
import tempfile
import time
from pathlib import Path

import httpx

from bench.common import emit
from bench.sync_support import central_process, pg_database, rss_mb

HALLS = int(os.environ.get("SYNC_LOAD_HALLS", "4"))
PER_HALL = 50
DURATION_S = float(os.environ.get("SYNC_LOAD_SECONDS", "20"))


def _event(hall: str, device: str, idx: int, k: int) -> dict:
    from desk_app.domain.ids import new_id
    now = time.time_ns() // 1_000_000
    tid = new_id()
    return {"id": new_id(), "hall": hall, "device": device, "device_seq": k,
            "hlc": f"{now:015d}.{0:05d}.{device}", "type": "ticket.issued", "schema_version": 1,
            "actor": "", "aggregate": f"ticket:{tid}",
            "payload": {"day": "2026-11-23", "category": "A", "seq": k, "number": f"A{idx:02d}{k:05d}",
                        "priority_group": "", "appointment_id": None, "issued_at_ms": now, "handed_out": True}}


async def _pc(client: httpx.AsyncClient, hall: str, device: str, token: str, idx: int, stop_at: float,
              push_ms: list[float], pulled: list[int], errors: list[str]) -> None:
    hdr = {"Authorization": f"Bearer {token}"}

    async def poller():
        cursor = 0
        while time.monotonic() < stop_at:
            try:
                r = await client.get("/v1/pull", params={"since": cursor, "wait": 5}, headers=hdr, timeout=30)
                body = r.json()
                cursor = body["cursor"]
                pulled[0] += len(body["events"])
            except Exception as exc:  # noqa: BLE001 - counted, the run goes on
                errors.append(type(exc).__name__)

    async def pusher():
        k = 0
        await asyncio.sleep(random.random())  # PCs are not in lockstep
        while time.monotonic() < stop_at:
            k += 1
            body = {"protocol": 1, "sent_at_ms": time.time_ns() // 1_000_000,
                    "events": [_event(hall, device, idx, k)]}
            t0 = time.perf_counter()
            try:
                r = await client.post("/v1/push", json=body, headers=hdr, timeout=30)
                if r.status_code != 200 or r.json()["results"][0]["status"] != "applied":
                    errors.append(f"push {r.status_code}")
            except Exception as exc:  # noqa: BLE001
                errors.append(type(exc).__name__)
            push_ms.append((time.perf_counter() - t0) * 1000)
            await asyncio.sleep(max(0.0, 1.0 - (time.perf_counter() - t0)))

    if os.environ.get("SYNC_LOAD_NO_POLL"):
        await pusher()
    else:
        await asyncio.gather(poller(), pusher())


async def _run(url: str, devices: list[tuple[str, str, str, int]]) -> tuple[list[float], int, list[str]]:
    push_ms: list[float] = []
    pulled = [0]
    errors: list[str] = []
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=url, limits=limits) as client:
        stop_at = time.monotonic() + DURATION_S
        await asyncio.gather(*[_pc(client, h, d, t, i, stop_at, push_ms, pulled, errors)
                               for h, d, t, i in devices])
    return push_ms, pulled[0], errors


def _client_process(url: str, devices: list, out) -> None:
    out.put(asyncio.run(_run(url, devices)))


def _stats(push_ms: list[float], pulled: int, errors: list[str]) -> dict:
    s = sorted(push_ms)
    return {"pushes": len(s), "push_median_ms": round(s[len(s) // 2], 2),
            "push_p99_ms": round(s[int(len(s) * 0.99) - 1], 2), "push_max_ms": round(s[-1], 2),
            "events_pulled": pulled, "errors": len(errors), "error_kinds": sorted(set(errors))[:5]}


def main() -> None:
    from desk_app.domain.ids import new_id
    from desk_app.server import core

    with tempfile.TemporaryDirectory() as tmp, pg_database() as db_url:
        db = core.ServerDB(db_url)
        devices = []
        for h in range(HALLS):
            hall = core.create_hall(db, f"L{h}", f"大厅{h}")
            for i in range(PER_HALL):
                code = core.create_enrollment_code(db, hall, i + 1)
                resp = core.enroll(db, code, new_id(), f"pc{h}-{i}")
                devices.append((hall, resp.device_id, resp.token, resp.device_index))
        db.dispose()
        with central_process(db_url, Path(tmp) / "blobs") as (url, proc):
            # One client process per hall: a single Python process cannot drive 200 PCs' HTTP by itself.
            import multiprocessing as mp
            ctx = mp.get_context("spawn")
            out = ctx.Queue()
            procs = [ctx.Process(target=_client_process, args=(url, devices[h * PER_HALL:(h + 1) * PER_HALL], out))
                     for h in range(HALLS)]
            for p in procs:
                p.start()
            parts = [out.get(timeout=DURATION_S + 120) for _ in procs]
            for p in procs:
                p.join(30)
            stats = _stats([x for part in parts for x in part[0]], sum(part[1] for part in parts),
                           [e for part in parts for e in part[2]])
            emit("sync_load", pcs=len(devices), seconds=DURATION_S, **stats, goal_push_p99_ms=100,
                 server_rss_mb=rss_mb(proc.pid), db="postgresql")


if __name__ == "__main__":
    main()
