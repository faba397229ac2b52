"""desk-central's data operations: enrollment, push, pull, leases and reference data, each one transaction.

Cursor safety: a push takes the hall's ``HallCursor`` row lock (``SELECT ... FOR UPDATE`` on
PostgreSQL, the database write lock on SQLite) *after* it has done its work and holds it until
commit, and only then numbers its events. So a sequence number becomes visible only together with
every smaller one, and a pull that read head H can never later see a new event below H.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import pkgutil
import secrets
import uuid
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from sqlalchemy import bindparam, create_engine, event, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desk_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desk_app.domain.events import known_event_types
from desk_app.domain.hall_setup import SetupFinding, lint_setup
from desk_app.domain.ids import new_id
from desk_app.server.hall_keys import hall_data_key
from desk_app.store.migrate import MIGRATION_LOCK_KEY, upgrade
from desk_app.store.models import Device, EventRow, Hall, Meta, User
from desk_app.store.reference_data import check_setup
from desk_app.store.models.server import (
    DeviceCursor, EnrollmentCode, HallCursor, NumberCounter, NumberLease, ReferenceDoc, Rejection,
)
from desk_app.sync.protocol import (
    ClocksResponse, DeviceClock, EnrollResponse, LeaseResponse, OwnEventsResponse, PulledEvent, PullResponse,
    PushResponse, PushResult, WireEvent,
)

log = logging.getLogger(__name__)
EPOCH_KEY = "server_epoch"
IDENTITY_KEY = "server_db_identity"   # what the database physically is (see ServerDB._ensure_epoch)
RESTORED_KEY = "server_restored_at_ms"
LEASE_LIMIT = 4999          # leased numbers are 1..4999; device-scoped ranges start at 5000
MAX_DEVICES_PER_HALL = 50   # device_index 0..49 (see desk_app/store/numbering.py)
CODE_TTL_MS = 7 * 24 * 3600 * 1000
REVOKED_FLAG = "revoked_actor"


# Test hook: called inside the push transaction after sequences were assigned, before commit.
after_numbering: "Callable[[DeviceAuth], None] | None" = None


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def load_event_types() -> None:
    """Import every domain module so the server knows all registered event types and their versions."""
    import desk_app.domain as domain
    for mod in pkgutil.iter_modules(domain.__path__):
        importlib.import_module(f"desk_app.domain.{mod.name}")


@dataclass(frozen=True)
class DeviceAuth:
    device_id: str
    hall_id: str
    device_index: int
    window_number: int | None


class ServerDB:
    """The server database: a read engine and a write path (serialised in-process on SQLite)."""

    def __init__(self, url: str, *, migrate: bool = True):
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.instance = secrets.token_hex(8)  # names this server in its NOTIFY messages (see hallwake)
        # Called after a push committed ``case.pii_purged`` events, with {hall: [case ids]} (ServerBlobs
        # deletes those cases' files there).
        self.purge_listeners: list[Callable[[dict[str, list[str]]], None]] = []
        if self.is_sqlite:
            from desk_app.store.engine import make_engine
            self.engine = make_engine(url)        # readers: plain deferred transactions (WAL)
            self.write_engine = make_engine(url)  # writers: BEGIN IMMEDIATE, one at a time

            @event.listens_for(self.write_engine, "connect")
            def _mark(dbapi_conn, record):  # every server write on SQLite takes the lock up front
                record.info["write"] = True
            self._sqlite_lock = threading.Lock()
        else:
            self.engine = create_engine(url, pool_size=20, max_overflow=40, pool_pre_ping=True)
            self.write_engine = self.engine
            self._sqlite_lock = None
        if migrate:
            upgrade(self.engine)
        load_event_types()
        self.epoch = self._ensure_epoch()

    def _ensure_epoch(self) -> str:
        """The epoch, rotated by itself when the database is not the one it was (restored from a backup).

        The database's physical identity (PostgreSQL: system id, database oid and timeline; SQLite: the
        file's device and inode) is something a backup cannot bring back: a restore makes a new database,
        file or timeline. A database whose stored identity differs and that has enrolled devices was
        restored (or moved): every PC must resync, exactly as after ``desk-central epoch rotate``.
        """
        identity = self._identity()
        with self.write() as s:
            if not self.is_sqlite:  # copies starting at once on a new database: one of them makes the epoch
                s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            m = s.get(Meta, EPOCH_KEY)
            if m is None:
                m = Meta(key=EPOCH_KEY, value=new_id())
                s.add(m)
            known = s.get(Meta, IDENTITY_KEY)
            if known is None:
                s.add(Meta(key=IDENTITY_KEY, value=identity))
            elif known.value != identity:
                if s.scalar(select(Device.id).limit(1)) is not None:
                    log.warning("database identity changed (%s -> %s): restored from a backup; new epoch",
                                known.value, identity)
                    m.value = new_id()
                    s.merge(Meta(key=RESTORED_KEY, value=str(now_ms())))
                known.value = identity
            return m.value

    def _identity(self) -> str:
        if self.is_sqlite:
            path = self.engine.url.database
            if not path or path == ":memory:":
                return ""
            st = os.stat(path)
            return f"sqlite:{st.st_dev}:{st.st_ino}"
        parts = []
        with self.engine.connect() as conn:
            parts.append(str(conn.execute(text(
                "SELECT oid FROM pg_database WHERE datname = current_database()")).scalar()))
            for sql in ("SELECT system_identifier FROM pg_control_system()",
                        "SELECT timeline_id FROM pg_control_checkpoint()"):
                try:
                    with conn.begin_nested():
                        parts.append(str(conn.execute(text(sql)).scalar()))
                except Exception:  # noqa: BLE001 - not allowed for this role: the oid alone still tells
                    parts.append("?")
        return "pg:" + ":".join(parts)

    def rotate_epoch(self) -> str:
        """Give the database a new identity (run after restoring a backup) so every PC resyncs."""
        with self.write() as s:
            s.merge(Meta(key=EPOCH_KEY, value=new_id()))
        self.epoch = self._read_epoch()
        return self.epoch

    def _read_epoch(self) -> str:
        with self.read() as s:
            m = s.get(Meta, EPOCH_KEY)
            return m.value if m else ""

    @contextmanager
    def write(self) -> Iterator[Session]:
        lock = self._sqlite_lock
        if lock is not None:
            lock.acquire()
        try:
            with Session(self.write_engine, expire_on_commit=False, autoflush=False) as s, s.begin():
                yield s
        finally:
            if lock is not None:
                lock.release()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as s:
            yield s

    def dispose(self) -> None:
        self.engine.dispose()
        self.write_engine.dispose()


# ---------------------------------------------------------------------------- admin
def create_hall(db: ServerDB, code: str, name: str, hall_id: str | None = None) -> str:
    with db.write() as s:
        if s.scalar(select(Hall.id).where(Hall.code == code)):
            raise ConflictError(f"大厅代码“{code}”已存在，请换一个代码。", field="code")
        hid = hall_id or new_id()
        s.add(Hall(id=hid, code=code, name=name))
        s.add(HallCursor(hall_id=hid, last_seq=0))
        return hid


def find_hall(s: Session, hall: str) -> Hall:
    h = s.scalar(select(Hall).where((Hall.id == hall) | (Hall.code == hall)))
    if h is None:
        raise NotFoundError(f"没有大厅“{hall}”。请先用 desk-central hall create 创建。", field="hall")
    return h


def create_enrollment_code(db: ServerDB, hall: str, window_number: int | None) -> str:
    """A one-time code (shown once; only its hash is stored)."""
    code = "-".join(secrets.token_hex(3).upper() for _ in range(3))
    with db.write() as s:
        h = find_hall(s, hall)
        t = now_ms()
        s.add(EnrollmentCode(code_hash=token_hash(code), hall_id=h.id, window_number=window_number,
                             created_at_ms=t, expires_at_ms=t + CODE_TTL_MS))
    return code


def enroll(db: ServerDB, code: str, requested_device_id: str = "", name: str = "",
           master: bytes | None = None) -> EnrollResponse:
    """Trade a one-time code for a new device: its id, index and credential are made here.

    ``requested_device_id`` (what the PC calls itself) is ignored: device ids are public (every event
    carries one), so an id chosen by the caller would let anyone with a code take over an enrolled
    device. Every code makes exactly one new device, once. ``master``: the server master key, to hand the
    PC its hall's data key (server/hall_keys.py).
    """
    token = secrets.token_urlsafe(32)
    with db.write() as s:
        ec = s.get(EnrollmentCode, token_hash(code.strip().upper()), with_for_update=True)
        if ec is None or ec.used_by_device or ec.expires_at_ms < now_ms():
            raise ValidationError("注册码无效、已使用或已过期。请向管理员索取新的注册码。", field="code")
        # Serialise enrollments of a hall (its cursor row) so two PCs never get the same index:
        # the index scopes offline ticket numbers.
        if s.get(HallCursor, ec.hall_id, with_for_update=True) is None:
            s.add(HallCursor(hall_id=ec.hall_id, last_seq=0))
            s.flush()
        # Revoked devices keep their index: numbers they issued offline today must not come again.
        used = set(s.scalars(select(Device.device_index).where(Device.hall_id == ec.hall_id)))
        free = [i for i in range(MAX_DEVICES_PER_HALL) if i not in used]
        if not free:
            raise ConflictError(f"本大厅已注册 {MAX_DEVICES_PER_HALL} 台电脑，达到上限。请先注销不用的电脑。")
        device_id = new_id()
        dev = Device(id=device_id, hall_id=ec.hall_id, name=name[:60], device_index=free[0],
                     window_number=ec.window_number, credential_hash=token_hash(token), revoked=False)
        s.add(dev)
        ec.used_by_device, ec.used_at_ms = device_id, now_ms()
        data_key = hall_data_key(s, ec.hall_id, master).hex() if master else ""
        resp = EnrollResponse(token=token, hall_id=ec.hall_id, device_id=device_id,
                              device_index=dev.device_index, window_number=dev.window_number,
                              epoch=db.epoch, server_time_ms=now_ms(),
                              data_key=data_key)
    return resp


def revoke_device(db: ServerDB, device_id: str) -> None:
    with db.write() as s:
        dev = s.get(Device, device_id)
        if dev is None:
            raise NotFoundError(f"没有设备“{device_id}”。", field="device")
        dev.revoked, dev.credential_hash = True, ""


def authenticate(db: ServerDB, hashes: list[str]) -> dict[str, DeviceAuth]:
    """The enrolled, unrevoked devices holding these credential hashes (``token_hash`` of the tokens)."""
    with db.read() as s:
        return {d.credential_hash: DeviceAuth(d.id, d.hall_id, d.device_index, d.window_number)
                for d in s.scalars(select(Device).where(Device.credential_hash.in_(hashes),
                                                        Device.revoked.is_(False)))}


# ---------------------------------------------------------------------------- push
def static_rejection(ev: WireEvent) -> str:
    types = known_event_types()
    et = types.get(ev.type)
    if et is None:
        return f"未知的事件类型 {ev.type}：服务器版本较旧，请升级 desk-central。"
    if ev.schema_version > et.schema_version:
        return (f"事件 {ev.type} 的结构版本 {ev.schema_version} 高于服务器支持的 {et.schema_version}："
                "请升级 desk-central。")
    if not ev.aggregate.startswith(et.aggregate_kind + ":"):
        return f"事件 {ev.type} 不属于 {ev.aggregate}。"
    return ""


def deferred_set(text: str | None) -> set[int]:
    return set(json.loads(text)) if text else set()


def deferred_text(seqs: set[int]) -> str:
    return json.dumps(sorted(seqs)) if seqs else ""


# ---------------------------------------------------------------------------- pull
def head(db: ServerDB, hall_id: str) -> int:
    with db.read() as s:
        return s.scalar(select(HallCursor.last_seq).where(HallCursor.hall_id == hall_id)) or 0


def pull(db: ServerDB, dev: DeviceAuth, since: int, limit: int) -> PullResponse:
    """Events of the other devices of the hall after ``since``, up to the committed head."""
    with db.read() as s:
        # The head is read first: every sequence at or below a committed head is committed too.
        h = s.scalar(select(HallCursor.last_seq).where(HallCursor.hall_id == dev.hall_id)) or 0
        rows = s.execute(
            select(EventRow).where(EventRow.hall == dev.hall_id, EventRow.server_seq > since,
                                   EventRow.server_seq <= h, EventRow.device != dev.device_id)
            .order_by(EventRow.server_seq).limit(limit)).scalars().all()
    events = [PulledEvent(id=r.id, hall=r.hall, device=r.device, device_seq=r.device_seq, hlc=r.hlc,
                          type=r.type, schema_version=r.schema_version, actor=r.actor,
                          aggregate=r.aggregate, payload=json.loads(r.payload),
                          server_seq=r.server_seq, flags=r.flags) for r in rows]
    more = len(rows) == limit
    cursor = rows[-1].server_seq if more else max(h, since)
    return PullResponse(events=events, cursor=cursor, head=h, more=more, epoch=db.epoch,
                        server_time_ms=now_ms())


def tail(db: ServerDB, hall_id: str, since: int,
         limit: int) -> tuple[list[tuple[int, str, bytes, str]], int]:
    """Events of every device of the hall after ``since`` up to the committed head, and the new position.

    Each event comes as ``(server_seq, device, JSON bytes of its PulledEvent, id)``, built straight from the
    row (the payload is stored as canonical JSON already): the long-poll tail serialises every event once
    for all PCs, and this keeps that once cheap.
    """
    with db.read() as s:
        conn = s.connection()
        h = conn.execute(_HEAD, {"hall": hall_id}).scalar() or 0
        rows = conn.execute(_TAIL, {"hall": hall_id, "since": since, "head": h, "limit": limit}).all()
    dumps = json.dumps
    out = [(r.server_seq, r.device, (
        f'{{"id":{dumps(r.id)},"hall":{dumps(r.hall)},"device":{dumps(r.device)},"device_seq":{r.device_seq},'
        f'"hlc":{dumps(r.hlc)},"type":{dumps(r.type, ensure_ascii=False)},"schema_version":{r.schema_version},'
        f'"actor":{dumps(r.actor, ensure_ascii=False)},"aggregate":{dumps(r.aggregate, ensure_ascii=False)},'
        f'"payload":{r.payload or "{}"},"server_seq":{r.server_seq},"flags":{dumps(r.flags, ensure_ascii=False)}}}'
    ).encode(), r.id) for r in rows]
    return out, (rows[-1].server_seq if len(rows) == limit else max(h, since))


_HEAD = select(HallCursor.__table__.c.last_seq).where(HallCursor.__table__.c.hall_id == bindparam("hall"))
_TAIL = (select(EventRow.__table__).where(EventRow.__table__.c.hall == bindparam("hall"),
                                          EventRow.__table__.c.server_seq > bindparam("since"),
                                          EventRow.__table__.c.server_seq <= bindparam("head"))
         .order_by(EventRow.__table__.c.server_seq).limit(bindparam("limit")))


def event_id_at(db: ServerDB, hall_id: str, seq: int) -> str | None:
    """The id of the hall's event numbered ``seq``, or None: a PC checks that the history it saw is still there."""
    with db.read() as s:
        return s.scalar(select(EventRow.id).where(EventRow.hall == hall_id, EventRow.server_seq == seq))


def own_events(db: ServerDB, dev: DeviceAuth, after: int, limit: int) -> OwnEventsResponse:
    """The device's own events (and refusals) after ``after``, with its cursor: what a PC restored from
    its own backup lost and takes back."""
    with db.read() as s:
        cur = s.get(DeviceCursor, dev.device_id)
        rows = s.execute(select(EventRow).where(EventRow.device == dev.device_id, EventRow.device_seq > after)
                         .order_by(EventRow.device_seq).limit(limit)).scalars().all()
        refused = s.execute(select(Rejection.event_id, Rejection.device_seq, Rejection.reason)
                            .where(Rejection.device_id == dev.device_id, Rejection.device_seq > after)
                            .order_by(Rejection.device_seq).limit(limit)).all()
    events = [PulledEvent(id=r.id, hall=r.hall, device=r.device, device_seq=r.device_seq, hlc=r.hlc,
                          type=r.type, schema_version=r.schema_version, actor=r.actor,
                          aggregate=r.aggregate, payload=json.loads(r.payload),
                          server_seq=r.server_seq or 0, flags=r.flags) for r in rows]
    return OwnEventsResponse(
        events=events, rejected=[PushResult(id=i, status="rejected", reason=why) for i, _n, why in refused],
        last_seq=cur.last_seq if cur else 0,
        deferred=sorted(deferred_set(cur.deferred_seqs)) if cur else [],
        next_after=min(([rows[-1].device_seq] if len(rows) == limit else [])
                       + ([refused[-1][1]] if len(refused) == limit else []), default=None))


def wrong_clocks(db: ServerDB, hall_id: str, over_ms: int) -> ClocksResponse:
    """The hall's PCs whose clock is more than ``over_ms`` off desk-central's, as they last measured it:
    every PC shows who is wrong (a fast PC's stamps run ahead of what the others follow)."""
    with db.read() as s:
        rows = s.execute(select(Device.id, Device.name, Device.window_number, DeviceCursor.clock_offset_ms)
                         .join(DeviceCursor, DeviceCursor.device_id == Device.id)
                         .where(Device.hall_id == hall_id, Device.revoked.is_(False),
                                func.abs(DeviceCursor.clock_offset_ms) > over_ms)
                         .order_by(Device.id)).all()
    return ClocksResponse(devices=[DeviceClock(device_id=i, name=n, window_number=w, offset_ms=o)
                                   for i, n, w, o in rows])


def device_last_seq(db: ServerDB, device_id: str) -> int:
    with db.read() as s:
        return s.scalar(select(DeviceCursor.last_seq).where(DeviceCursor.device_id == device_id)) or 0


# ---------------------------------------------------------------------------- leases
def lease(db: ServerDB, dev: DeviceAuth, day: str, category: str, size: int, floor: int = 0) -> LeaseResponse:
    """The next block of numbers, above the counter and above ``floor`` (the highest number the PC holds
    or knows issued: after a restore the counter may be behind what PCs hold)."""
    for _ in range(3):
        try:
            with db.write() as s:
                c = s.get(NumberCounter, (dev.hall_id, day, category), with_for_update=True)
                if c is None:
                    c = NumberCounter(hall_id=dev.hall_id, day=day, category=category, next_start=1)
                    s.add(c)
                    s.flush()
                start = max(c.next_start, min(floor, LEASE_LIMIT) + 1)
                end = min(start + size - 1, LEASE_LIMIT)
                if start > LEASE_LIMIT:
                    raise ConflictError(f"类别 {category} 今日可分配的号码已用完。", field="category")
                c.next_start = end + 1
                s.add(NumberLease(id=new_id(), hall_id=dev.hall_id, day=day, category=category,
                                  device_id=dev.device_id, start=start, end=end, leased_at_ms=now_ms()))
                return LeaseResponse(day=day, category=category, start=start, end=end)
        except IntegrityError:
            continue  # two first leases of the day raced to create the counter row
    raise ConflictError("号段分配冲突，请稍后重试。")


# ---------------------------------------------------------------------------- reference data
HALL_SCOPED = {"windows", "users", "categories", "printouts", "settings"}
REFERENCE_KINDS = HALL_SCOPED | {"catalog", "calendar"}
SETUP_KINDS = {"windows", "users", "categories"}  # applied by store.reference_data on every PC


def publish_reference(db: ServerDB, kind: str, body: Any, *, hall: str = "", label: str = "") -> int:
    if kind not in REFERENCE_KINDS:
        raise ValidationError(f"未知的参考数据类型“{kind}”。可用：{'、'.join(sorted(REFERENCE_KINDS))}。",
                              field="kind")
    if kind in SETUP_KINDS:
        check_setup(body)
    with db.write() as s:
        hall_id = find_hall(s, hall).id if hall else ""
        if kind in HALL_SCOPED and not hall_id:
            raise ValidationError(f"“{kind}”按大厅发布，请用 --hall 指定大厅。", field="hall")
        if kind == "windows" and isinstance(body, dict):
            body = _with_window_ids(s, hall_id, body)
        raw = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
        version = (s.scalar(select(func.max(ReferenceDoc.version)).where(
            ReferenceDoc.kind == kind, ReferenceDoc.hall_id == hall_id)) or 0) + 1
        s.add(ReferenceDoc(kind=kind, hall_id=hall_id, version=version, label=label or str(version),
                           body=body, sha256=hashlib.sha256(raw).hexdigest(), published_at_ms=now_ms()))
        if kind == "users" and hall_id:
            _upsert_users(s, hall_id, body)
    return version


def _with_window_ids(s: Session, hall_id: str, body: dict) -> dict:
    """Window identity comes from here: a window published without an id keeps the id it had in the
    previous version (same number), or gets a new one. Each PC making up its own would split one
    window's state (a pause on one PC never showing on another)."""
    prev = s.scalar(select(ReferenceDoc.body).where(ReferenceDoc.kind == "windows", ReferenceDoc.hall_id == hall_id)
                    .order_by(ReferenceDoc.version.desc()).limit(1))
    known = {int(w["number"]): w["id"] for w in (prev or {}).get("windows", [])
             if isinstance(w, dict) and w.get("id") and str(w.get("number", "")).isdigit()}
    windows = []
    for w in body.get("windows", []):
        if isinstance(w, dict) and not w.get("id") and str(w.get("number", "")).isdigit():
            # The same stable id the PCs give a window of this number (store.reference_data._stable_id).
            w = {**w, "id": known.get(int(w["number"])) or str(uuid.uuid5(uuid.UUID(hall_id), f"window:{w['number']}"))}
        windows.append(w)
    return {**body, "windows": windows}


def _upsert_users(s: Session, hall_id: str, body: Any) -> None:
    # The server needs users to flag events of users revoked while a PC was offline, and their roles to
    # check what pushed events' actors may do (server/authorization.py).
    from desk_app.store.users import apply_published_users
    apply_published_users(s, hall_id, body.get("users", []) if isinstance(body, dict) else [])


def reference_versions(db: ServerDB, hall_id: str) -> dict[str, int]:
    with db.read() as s:
        rows = s.execute(select(ReferenceDoc.kind, ReferenceDoc.hall_id, func.max(ReferenceDoc.version))
                         .where(ReferenceDoc.hall_id.in_(["", hall_id]))
                         .group_by(ReferenceDoc.kind, ReferenceDoc.hall_id)).all()
    out: dict[str, int] = {}
    for kind, _hall, version in rows:
        out[kind] = max(out.get(kind, 0), version)
    return out


def reference_doc(db: ServerDB, hall_id: str, kind: str) -> ReferenceDoc:
    with db.read() as s:
        doc = s.scalar(select(ReferenceDoc).where(ReferenceDoc.kind == kind,
                                                  ReferenceDoc.hall_id.in_(["", hall_id]))
                       .order_by(ReferenceDoc.version.desc()).limit(1))
    if doc is None:
        raise NotFoundError(f"服务器上还没有发布“{kind}”。", field="kind")
    return doc


def latest_body(s: Session, kind: str, halls: list[str]) -> Any:
    """The body of the newest published ``kind`` for these halls ("" = all halls), or None."""
    doc = s.scalar(select(ReferenceDoc).where(ReferenceDoc.kind == kind, ReferenceDoc.hall_id.in_(halls))
                   .order_by(ReferenceDoc.version.desc()).limit(1))
    return doc.body if doc is not None else None


def published_setup(s: Session, hall_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The categories and windows a hall's PCs would pull now (a windows doc may carry the categories too)."""
    cats_doc = latest_body(s, "categories", [hall_id]) or {}
    windows_doc = latest_body(s, "windows", [hall_id]) or {}
    return (windows_doc.get("categories") or cats_doc.get("categories") or []), windows_doc.get("windows") or []


def setup_findings(db: ServerDB, hall: str) -> list[SetupFinding]:
    """Lint what a hall's PCs would pull now: its categories and windows against the catalog."""
    with db.read() as s:
        hall_id = find_hall(s, hall).id
        categories, windows = published_setup(s, hall_id)
        catalog = latest_body(s, "catalog", ["", hall_id]) or {}
    if not categories:
        return []  # nothing published yet: the PCs keep their own setup
    return lint_setup(categories, windows, catalog.get("items") or [])


def halls_with_setup(db: ServerDB) -> list[str]:
    with db.read() as s:
        return sorted(set(s.scalars(select(ReferenceDoc.hall_id).where(
            ReferenceDoc.kind.in_(["categories", "windows"]), ReferenceDoc.hall_id != ""))))


__all__ = ["ServerDB", "DeviceAuth", "push", "pull", "lease", "enroll", "create_hall",
           "create_enrollment_code", "authenticate", "publish_reference", "reference_versions",
           "reference_doc", "setup_findings", "halls_with_setup", "head", "device_last_seq", "own_events"]
