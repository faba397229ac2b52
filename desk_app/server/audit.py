"""desk-central's audit: the devices' SM3 hash chains checked on push and in full (`desk-central audit verify`),
and the export of the audit record for an assessor (`desk-central audit export`)."""
from __future__ import annotations

import json
import os
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import bindparam, select

from desk_app.store.audit_chain import (GENESIS, STORED_COLUMNS, ChainBreak, ChainLink, canonical_bytes, link,
                                        verify_stored)
from desk_app.store.models import Device, EventRow, Hall
from desk_app.store.models.server import AuditChainHead, DeviceCursor, Rejection

CHAIN_FLAG = "chain_break"
# What an assessor asks for first: who signed in (or failed to), locked, saw personal data, printed,
# exported, changed settings or passwords. Refused events come with them (forgeries among them).
AUDIT_TYPES = ("signin.", "session.", "audit.", "printout.", "user.")

_H = AuditChainHead.__table__
_HEADS = select(_H.c.device_id, _H.c.last_seq, _H.c.chain).where(_H.c.device_id.in_(bindparam("ids", expanding=True)))


def _payload_json(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _wire_canonical(ev: Any) -> bytes:
    return canonical_bytes(ev.id, ev.hall, ev.device, ev.device_seq, ev.hlc, ev.type, ev.schema_version,
                           ev.actor, ev.aggregate, _payload_json(ev.payload))


def device_head(db: Any, device_id: str) -> tuple[int, str]:
    """The device's last sequence number desk-central holds and that event's chain link (what the next event
    chains on; the genesis link before any event)."""
    with db.read() as s:
        seq = s.scalar(select(DeviceCursor.last_seq).where(DeviceCursor.device_id == device_id)) or 0
        if not seq:
            return 0, GENESIS
        chain = s.scalar(select(EventRow.chain).where(EventRow.device == device_id, EventRow.device_seq == seq))
        if chain is None:  # that event was refused: the head verify_push keeps has its link
            head = s.execute(_HEADS, {"ids": [device_id]}).first()
            chain = head.chain if head is not None and head.last_seq == seq else ""
    return seq, chain or GENESIS


def chain_after(prev: str, ev: Any) -> str:
    """The chain link of wire event ``ev`` after ``prev``: what a PC computes for its own events."""
    return link(prev, _wire_canonical(ev))


def verify_push(conn: Any, pushes: list[tuple[str, str, list[Any]]]) -> set[str]:
    """Check the chain links of newly recorded events; returns the ids of those that break it.

    ``pushes``: (device, hall, events newly applied or refused, in sequence order). The device cursor rows
    are locked by the push transaction, so two pushes of one device never interleave here. An event that
    does not follow the checked head (a gap, a deferred event arriving late) cannot be checked now: it
    becomes the head, and `audit verify` reports the gap. A break is flagged, never refused: the queue
    must not stop because a PC's log was tampered with, and the assessor sees it in the report.
    """
    pushes = [p for p in pushes if p[2]]
    if not pushes:
        return set()
    heads = {r.device_id: (r.last_seq, r.chain) for r in conn.execute(_HEADS, {"ids": [p[0] for p in pushes]})}
    broken: set[str] = set()
    new, changed = [], []
    for device, hall, events in pushes:
        seq, head = heads.get(device, (0, GENESIS))
        start = (seq, head)
        for ev in events:
            if ev.device_seq == seq + 1:
                if not ev.chain or link(head, _wire_canonical(ev)) != ev.chain:
                    broken.add(ev.id)
            elif ev.device_seq <= seq:
                continue  # a deferred event arriving after later ones: checked by audit verify
            seq, head = ev.device_seq, ev.chain or head
        if device not in heads:
            new.append({"device_id": device, "hall_id": hall, "last_seq": seq, "chain": head})
        elif (seq, head) != start:
            changed.append({"b_dev": device, "b_seq": seq, "b_chain": head})
    if new:
        conn.execute(_H.insert(), new)
    if changed:
        conn.execute(_H.update().where(_H.c.device_id == bindparam("b_dev"))
                     .values(last_seq=bindparam("b_seq"), chain=bindparam("b_chain")), changed)
    return broken


# ---------------------------------------------------------------------------- full verification
@dataclass
class AuditReport:
    devices: int = 0
    events: int = 0
    breaks: list[ChainBreak] = field(default_factory=list)
    forged: int = 0          # events refused because their actor was not allowed (server/authorization.py)
    flagged_on_push: int = 0

    @property
    def ok(self) -> bool:
        return not self.breaks


_EVENTS_OF_DEVICE = (f"SELECT {', '.join(STORED_COLUMNS)} FROM events WHERE device = {{p}} ORDER BY device_seq")
_BATCH = 10_000  # rows a round trip (a server-side cursor on PostgreSQL)


def _refused_links(conn: Any, device: str) -> list[ChainLink]:
    """A device's refused events as links (one per number, as recorded)."""
    refused: dict[int, ChainLink] = {}
    for seq, raw in conn.execute(select(Rejection.device_seq, Rejection.event).where(Rejection.device_id == device)):
        try:
            ev = json.loads(raw)
        except ValueError:
            continue
        refused[seq] = (seq, ev.get("chain", ""), canonical_bytes(
            ev["id"], ev["hall"], ev["device"], ev["device_seq"], ev["hlc"], ev["type"], ev["schema_version"],
            ev.get("actor", ""), ev["aggregate"], _payload_json(ev.get("payload") or {})))
    return list(refused.values())


def _batches(cur: Any) -> Iterator[list[Any]]:
    while rows := cur.fetchmany(_BATCH):
        yield rows


def _read_ahead(batches: Iterator[list[Any]], depth: int = 2) -> Iterator[list[Any]]:
    """``batches`` produced on a thread of their own, up to ``depth`` ahead of the consumer.

    While the verifier hashes one batch, PostgreSQL reads the next (the thread waits on the socket without
    the GIL): the server's work and the hashing overlap instead of taking turns. The thread alone uses the
    connection until it ends, and it has ended when this generator returns.
    """
    import queue
    import threading
    q: queue.Queue = queue.Queue(depth)
    stop = threading.Event()
    end = object()

    def put(item: Any) -> bool:
        """Hand ``item`` to the consumer; False once the consumer has stopped."""
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for rows in batches:
                if not put(rows):
                    return
            item: Any = end
        except BaseException as e:  # handed to the consumer, raised there
            item = e
        put(item)

    t = threading.Thread(target=produce, name="audit-read-ahead", daemon=True)
    t.start()
    try:
        while (item := q.get()) is not end:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        t.join()


def _verify_device(db: Any, device: str) -> tuple[int, list[ChainBreak]]:
    """One device's recorded events, applied and refused, checked in sequence order.

    Only the columns the chain covers, as plain tuples on the driver's own cursor (server-side on PostgreSQL,
    read ahead on a thread): SQLAlchemy's row objects cost as much as the hash itself over a million events.
    """
    with db.read() as s:
        conn = s.connection()
        refused = _refused_links(conn, device)
        dbapi = conn.connection.dbapi_connection
        if conn.dialect.name == "postgresql":
            cur = dbapi.cursor(name=f"audit_{device[:8]}")
            try:
                cur.execute(_EVENTS_OF_DEVICE.format(p="%s"), (device,))
                with closing(_read_ahead(_batches(cur))) as batches:  # its thread ended before the cursor closes
                    return verify_stored(device, batches, refused)
            finally:
                cur.close()
        cur = dbapi.cursor()
        try:
            cur.execute(_EVENTS_OF_DEVICE.format(p="?"), (device,))
            return verify_stored(device, _batches(cur), refused)
        finally:
            cur.close()


_worker_db: Any = None


def _open_worker_db(url: str) -> None:
    """A worker process's own connection, kept for all the devices it is given."""
    global _worker_db
    import atexit

    from desk_app.server.core import ServerDB
    _worker_db = ServerDB(url, migrate=False)
    atexit.register(_worker_db.dispose)


def _verify_in_worker(device: str) -> tuple[int, list[ChainBreak]]:
    return _verify_device(_worker_db, device)


def default_workers(devices: int) -> int:
    """One process per two cores (each keeps a PostgreSQL backend busy beside it), no more than devices."""
    return max(1, min(devices, (os.cpu_count() or 1) // 2))


def verify_all(db: Any, *, hall: str = "", workers: int = 1) -> AuditReport:
    """Recompute every device's chain from what desk-central recorded (``workers`` processes on PostgreSQL;
    0 picks default_workers)."""
    from desk_app.server.authorization import PREFIX
    from desk_app.server.core import find_hall
    report = AuditReport()
    with db.read() as s:
        hall_id = find_hall(s, hall).id if hall else ""
        q = select(Device.id)
        r = select(Rejection.reason)
        f = select(EventRow.id).where(EventRow.flags.like(f"%{CHAIN_FLAG}%"))
        if hall_id:
            q, r, f = q.where(Device.hall_id == hall_id), r.where(Rejection.hall_id == hall_id), \
                f.where(EventRow.hall == hall_id)
        devices = list(s.scalars(q.order_by(Device.id)))
        report.forged = sum(1 for why in s.scalars(r) if why.startswith(PREFIX))
        report.flagged_on_push = len(s.scalars(f).all())
    report.devices = len(devices)
    if workers <= 0:
        workers = default_workers(len(devices))
    if workers <= 1 or len(devices) < 2 or db.is_sqlite:
        for device in devices:
            n, breaks = _verify_device(db, device)
            report.events += n
            report.breaks += breaks
        return report
    # Devices' chains are independent: one device a task, so a big device does not hold up a share of small ones.
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(min(workers, len(devices)), mp_context=mp.get_context("spawn"),
                             initializer=_open_worker_db, initargs=(db.url,)) as pool:
        for n, breaks in pool.map(_verify_in_worker, devices):
            report.events += n
            report.breaks += breaks
    report.breaks.sort(key=lambda b: (b.device, b.device_seq))
    return report


def export(db: Any, out: Path, *, hall: str = "", since_ms: int = 0, until_ms: int | None = None) -> int:
    """Write the audit record as JSON lines (UTF-8): audit events, then refused events; returns the count.

    Each line has the event as stored (its chain link included) and its server sequence; the report of
    `audit verify` tells whether the chains hold.
    """
    from desk_app.server.core import find_hall
    n = 0
    with db.read() as s, out.open("w", encoding="utf-8") as f:
        hall_row = find_hall(s, hall) if hall else None
        q = select(EventRow).where(EventRow.recorded_at_ms >= since_ms)
        if until_ms is not None:
            q = q.where(EventRow.recorded_at_ms < until_ms)
        if hall_row is not None:
            q = q.where(EventRow.hall == hall_row.id)
        cond = None
        for prefix in AUDIT_TYPES:
            c = EventRow.type.startswith(prefix)
            cond = c if cond is None else cond | c
        halls = {h.id: h.code for h in s.scalars(select(Hall))}
        for r in s.scalars(q.where(cond).order_by(EventRow.hall, EventRow.server_seq)
                           .execution_options(yield_per=2000)):
            f.write(json.dumps({"record": "event", "hall_code": halls.get(r.hall, ""), "server_seq": r.server_seq,
                                "id": r.id, "device": r.device, "device_seq": r.device_seq, "hlc": r.hlc,
                                "type": r.type, "actor": r.actor, "aggregate": r.aggregate,
                                "payload": json.loads(r.payload), "recorded_at_ms": r.recorded_at_ms,
                                "flags": r.flags, "chain": r.chain}, ensure_ascii=False) + "\n")
            n += 1
        rq = select(Rejection).where(Rejection.at_ms >= since_ms)
        if until_ms is not None:
            rq = rq.where(Rejection.at_ms < until_ms)
        if hall_row is not None:
            rq = rq.where(Rejection.hall_id == hall_row.id)
        for r in s.scalars(rq.order_by(Rejection.at_ms)):
            f.write(json.dumps({"record": "refused", "hall_code": halls.get(r.hall_id, ""), "id": r.event_id,
                                "device": r.device_id, "device_seq": r.device_seq, "reason": r.reason,
                                "at_ms": r.at_ms, "event": json.loads(r.event)}, ensure_ascii=False) + "\n")
            n += 1
    return n
