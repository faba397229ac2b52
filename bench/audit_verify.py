"""Audit-chain verification on desk-central: `audit verify` over 1 million events in PostgreSQL (10 devices of
100,000 each, chained as the PCs chain them). Goal: >= 50,000 events/s. Printed lines are JSON.

Usage: .venv/bin/python -m bench.audit_verify [--events 1000000] [--devices 10] [--workers 1 2] [--repeats 1]
Needs PostgreSQL on 127.0.0.1:5432 (user postgres); makes and drops its own database.
Each round prints the bare read first (the verifier's query and cursor, rows counted, nothing hashed): what the
database and the driver cost alone, beside what the whole verification costs. Workers 0: the CLI's default.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit  # noqa: E402
from desk_app.store.audit_chain import GENESIS, canonical_bytes, link  # noqa: E402
from desk_app.domain.ids import new_id  # noqa: E402


def _rows(hall: str, device: str, n: int, t0: int):
    prev = GENESIS
    for seq in range(1, n + 1):
        eid = new_id()
        hlc = f"{t0 + seq:015d}.00000.{device}"
        payload = json.dumps({"at_ms": t0 + seq, "category": "A", "number": f"A{seq % 1000:03d}",
                              "priority_group": ""}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        agg = f"ticket:{eid}"
        prev = link(prev, canonical_bytes(eid, hall, device, seq, hlc, "ticket.issued", 1, "guide1", agg, payload))
        yield (eid, hall, device, seq, hlc, "ticket.issued", 1, "guide1", agg, payload, t0, "remote", "", "",
               seq, "", prev)


def _bare_read(db, devices: list[str]) -> int:
    """The rows `audit verify` reads, read the way it reads them, and only counted."""
    from desk_app.server.audit import _BATCH, _EVENTS_OF_DEVICE
    n = 0
    for device in devices:
        with db.read() as s:
            cur = s.connection().connection.dbapi_connection.cursor(name="bare_read")
            cur.execute(_EVENTS_OF_DEVICE.format(p="%s"), (device,))
            while rows := cur.fetchmany(_BATCH):
                n += len(rows)
            cur.close()
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--devices", type=int, default=10)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="verify with each of these")
    ap.add_argument("--repeats", type=int, default=1, help="rounds of (bare read, each worker count)")
    args = ap.parse_args()
    import psycopg

    from desk_app.server.audit import default_workers, verify_all
    from desk_app.server.core import ServerDB, create_hall
    from desk_app.store.models import Device

    name = f"desk_bench_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    try:
        db = ServerDB(url)
        hall = create_hall(db, "BENCH", "基准大厅")
        per = args.events // args.devices
        devices = [new_id() for _ in range(args.devices)]
        with db.write() as s:
            s.add_all(Device(id=d, hall_id=hall, name=f"pc{i}", device_index=i) for i, d in enumerate(devices))
        t = time.perf_counter()
        cols = ("id, hall, device, device_seq, hlc, type, schema_version, actor, aggregate, payload, recorded_at_ms,"
                " origin, push_state, push_result, server_seq, flags, chain")
        with psycopg.connect(f"host=127.0.0.1 port=5432 user=postgres dbname={name}") as conn:
            with conn.cursor() as cur, cur.copy(f"COPY events ({cols}) FROM STDIN") as copy:
                base = 0
                for d in devices:
                    for row in _rows(hall, d, per, 1_800_000_000_000):
                        copy.write_row(row[:14] + (row[14] + base,) + row[15:])
                    base += per
            conn.execute("ANALYZE events")
        load_s = time.perf_counter() - t
        for _ in range(args.repeats):
            t, cpu = time.perf_counter(), time.process_time()
            rows = _bare_read(db, devices)
            read_s, cpu_s = time.perf_counter() - t, time.process_time() - cpu
            emit("audit_verify_bare_read", events=rows, devices=len(devices), read_s=round(read_s, 2),
                 events_per_s=round(rows / read_s), reader_cpu_s=round(cpu_s, 2),
                 load_average=round(os.getloadavg()[0], 1))
            for workers in args.workers:
                t, cpu = time.perf_counter(), time.process_time()
                report = verify_all(db, workers=workers)
                verify_s, cpu_s = time.perf_counter() - t, time.process_time() - cpu
                used = workers or default_workers(len(devices))
                # The CPU time of this process (one worker only) says what the machine's load hides in wall time.
                emit("audit_verify", events=report.events, devices=report.devices, workers=used,
                     breaks=len(report.breaks), verify_s=round(verify_s, 2),
                     events_per_s=round(report.events / verify_s), load_and_chain_s=round(load_s, 1),
                     verifier_cpu_s=round(cpu_s, 2) if used == 1 else None,
                     events_per_cpu_s=round(report.events / cpu_s) if used == 1 else None,
                     load_average=round(os.getloadavg()[0], 1), goal_events_per_s=50_000)
        db.dispose()
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


if __name__ == "__main__":
    main()
