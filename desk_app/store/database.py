"""The Store: one database with a single writer, the device's clock, and the unit of work every use case runs in."""
from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desk_app.store import audit_chain, pii
from desk_app.domain.errors import QT_TRANSLATE_NOOP, StorageError, ValidationError
from desk_app.domain.events import Event, event_type
from desk_app.domain.hlc import MAX_ADOPT_AHEAD_MS, HybridLogicalClock, Timestamp, after, bounded, wall_clock_ms
from desk_app.domain.ids import new_id
from desk_app.store import reducer
from desk_app.store import purged_files
from desk_app.store.blobs import BlobStore
from desk_app.store.checkpointer import WRITER_AUTOCHECKPOINT_PAGES, Checkpointer
from desk_app.store.engine import make_engine, sqlite_url
from desk_app.store.event_schemas import payload_problem
from desk_app.store.fastsql import raw, run
from desk_app.store.field_crypto import FieldCipher
from desk_app.store.migrate import upgrade
from desk_app.store.models import EventRow, Meta


Guard = Callable[[str, str, dict[str, Any], str], None]


class UnitOfWork:
    """One local transaction: domain rows and their events commit together or not at all.

    ``conn`` is the transaction's connection; ``session`` (an ORM session joined to the same transaction)
    is made the first time a use case asks for it, since the hottest use cases run prebuilt statements only.
    """

    def __init__(self, store: "Store", conn: Connection, actor: str, guard: "Guard | None" = None):
        self._store = store
        self.conn = conn
        self.actor = actor
        self._guard = guard
        self.events: list[Event] = []
        self.files_deleted = 0  # files of purged cases deleted after the commit (Store.delete_purged_files)
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            self._session = Session(bind=self.conn, expire_on_commit=False, autoflush=False,
                                    info={"cipher": self._store.cipher})
        return self._session

    @property
    def hall_id(self) -> str:
        return self._store.hall_id

    @property
    def store_cipher(self) -> "FieldCipher | None":
        """The hall's data key, to open the personal fields a use case shows (store/pii.py)."""
        return self._store.cipher

    @property
    def device_id(self) -> str:
        return self._store.device_id

    @property
    def blobs(self) -> BlobStore:
        """Where this transaction's attachments keep their files (Store.blobs)."""
        return self._store.blobs

    def now_ms(self) -> int:
        return self._store.now_ms()

    def cached_meta(self, key: str, default: str = "") -> str:
        return self._store.cached_meta(key, default)

    @property
    def last_seq(self) -> int:
        """The device sequence of this device's newest event."""
        return self._store._seq

    def set_sequence(self, last: int, chain: str | None = None) -> None:
        """Continue this device's events after ``last`` (after renumbering its outbox behind desk-central's
        record, e.g. when the database was restored from a backup); undone if this transaction rolls back.
        ``chain``: the audit chain link of event ``last`` (when the renumbering re-linked the chain)."""
        self._store._seq = last
        if chain is not None:
            self._store._chain = chain

    def emit(self, type_name: str, aggregate: str, payload: dict[str, Any], *,
             actor: str | None = None, new_aggregate: bool = False) -> Event:
        """Append an event to the outbox and fold it into the projections, in this transaction.

        ``new_aggregate``: the caller just made up the aggregate's id, so this event is its only one
        and the fold need not read the log (issuing a ticket is the hall's hottest write).
        """
        ev = self._append(type_name, aggregate, payload, actor)
        self._fold(ev, only=new_aggregate)
        self.events.append(ev)
        return ev

    def emit_all(self, aggregate: str, items: list[tuple[str, dict[str, Any], str | None]]) -> list[Event]:
        """Append several events ``(type, payload, actor)`` of one new aggregate and fold it once, at the end
        (bulk history, e.g. the demo's simulated month: one fold instead of one per event)."""
        evs = [self._append(t, aggregate, p, a) for t, p, a in items]
        if evs:
            self._fold(evs[-1], only=len(evs) == 1)
            self.events.extend(evs)
        return evs

    def _append(self, type_name: str, aggregate: str, payload: dict[str, Any], actor: str | None) -> Event:
        et = event_type(type_name)
        if not aggregate.startswith(et.aggregate_kind + ":"):
            raise ValueError(f"{type_name} belongs to {et.aggregate_kind}, not {aggregate}")
        # The limits desk-central checks: an event it would refuse must not be stored (it would never
        # leave the outbox); the use case fails with the reason and the clerk's input stays on screen.
        why = payload_problem(type_name, et.schema_version, payload)
        if why:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "无法保存：{why}请缩短或更正所填内容后重试，已输入的内容仍保留。"),
                                  why=why)
        if self._guard is not None:  # raises before anything is written: the transaction rolls back
            self._guard(type_name, aggregate, payload, actor if actor is not None else self.actor)
        sealed = pii.seal_payload(self._store.cipher, type_name, aggregate, payload)
        if sealed is not payload:  # sealing lengthens the personal fields: desk-central checks what is stored
            why = payload_problem(type_name, et.schema_version, sealed)
            if why:
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "无法保存：{why}请缩短或更正所填内容后重试，已输入的内容仍保留。"), why=why)
            payload = sealed
        clock_ts = ts = self._store.clock.tick()
        if self._store.remote_ahead_of(ts):
            # Another PC's stamps run ahead of this clock (it follows them only so far): an event on an
            # aggregate that holds one of them must still sort after it, or the fold would undo causality.
            top = run(self.conn, _AGGREGATE_TOP, {"aggregate": aggregate}).scalar()
            if top and top > ts.encode():
                ts = after(Timestamp.decode(top), self._store.device_id)
        ev = Event(
            id=new_id(), hall=self._store.hall_id, device=self._store.device_id,
            device_seq=self._store.next_seq(), hlc=ts.encode(), type=type_name,
            schema_version=et.schema_version, actor=actor if actor is not None else self.actor,
            aggregate=aggregate, payload=payload,
        )
        row = _event_row(ev, origin="local", push_state="pending", recorded_at_ms=clock_ts.wall_ms)
        # The device's audit chain: this event is linked to the one before it (undone on rollback).
        row["chain"] = self._store._chain = audit_chain.link(self._store._chain, audit_chain.canonical_bytes(
            ev.id, ev.hall, ev.device, ev.device_seq, ev.hlc, ev.type, ev.schema_version, ev.actor, ev.aggregate,
            row["payload"]))
        ev = replace(ev, chain=row["chain"])
        run(self.conn, _INSERT_EVENT, row)
        return ev

    def _fold(self, ev: Event, *, only: bool = False) -> None:
        if self._session is not None and (self._session.new or self._session.dirty or self._session.deleted):
            self._session.flush()  # projectors may read rows this use case added through the ORM
        reducer.apply(self.conn, ev, session=lambda: self.session, only=only)

    def _commit(self) -> None:
        if self._session is not None:
            self._session.flush()
        if self.conn.in_transaction():  # something ran through SQLAlchemy: it commits what it began
            self.conn.commit()
        else:
            raw(self.conn).commit()

    def _rollback(self) -> None:
        if self.conn.in_transaction():
            self.conn.rollback()
        else:
            raw(self.conn).rollback()

    def _close(self) -> None:
        if self._session is not None:
            self._session.close()


# Built once: constructing SQLAlchemy statements per call costs more than the SQLite work itself.
_EVENTS = EventRow.__table__
_INSERT_EVENT = insert(_EVENTS)
_EVENT_KNOWN = select(_EVENTS.c.id).where(_EVENTS.c.id == bindparam("id"))
_AGGREGATE_TOP = select(func.max(_EVENTS.c.hlc)).where(_EVENTS.c.aggregate == bindparam("aggregate"))
_SET_META = text("INSERT INTO meta (key, value) VALUES (:key, :value)"
                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value")
HLC_SEEN_KEY = "hlc_seen"  # the highest hybrid timestamp among stored events of other devices
CLOCK_OFFSET_KEY = "clock_offset_ms"  # this PC's clock minus desk-central's, as last measured
CLOCK_CORRECT_MS = 1000  # offsets below this are the round trip's noise, not a wrong clock


def _event_row(ev: Event, *, origin: str, push_state: str, recorded_at_ms: int) -> dict[str, Any]:
    return dict(id=ev.id, hall=ev.hall, device=ev.device, device_seq=ev.device_seq, hlc=ev.hlc,
                type=ev.type, schema_version=ev.schema_version, actor=ev.actor,
                aggregate=ev.aggregate, payload=ev.payload_json(), recorded_at_ms=recorded_at_ms,
                origin=origin, push_state=push_state, push_result="", flags="", chain="")


class Store:
    """A local (or server) database. Writes are serialised through one lock and one connection."""

    def __init__(self, engine: Engine, *, now_ms: Callable[[], int] = wall_clock_ms,
                 checkpointer: Checkpointer | None = None):
        """``now_ms``: the PC's own clock (``raw_now_ms``); ``now_ms()`` is that clock corrected."""
        self.engine = engine
        self._checkpointer = checkpointer
        self.raw_now_ms = now_ms  # this PC's own clock, maybe wrong by hours
        self._clock_offset = 0
        self._lock = threading.RLock()
        self._writer: Connection | None = None
        self._listeners: list[Callable[[list[Event]], None]] = []
        self._meta: dict[str, str] = {}
        # The hall's data key (store/keys.py open_cipher): personal fields of new events are sealed with it,
        # and sessions carry it so services can open them. None: plaintext (desk-central, most unit tests).
        self.cipher: FieldCipher | None = None
        self._blobs: BlobStore | None = None
        self.device_id, self.hall_id = self._load_identity()
        self._clock_offset = int(self._meta.get(CLOCK_OFFSET_KEY, "0") or 0)
        self.clock, self._seq, self._chain = self._load_clock()

    # ------------------------------------------------------------------ time
    def now_ms(self) -> int:
        """The hall's time: this PC's clock corrected by its offset from desk-central, once known.

        Issue times (the calling order), days and hybrid timestamps all come from here, so a PC set two
        hours fast still files its tickets where they belong in the queue (it stays flagged: the
        offset is shown until someone sets the clock right).
        """
        return self.raw_now_ms() - self._clock_offset

    def set_clock_offset(self, offset_ms: int) -> None:
        """This PC's clock minus desk-central's (measured by the sync agent); small ones are ignored."""
        offset = offset_ms if abs(offset_ms) >= CLOCK_CORRECT_MS else 0
        if abs(offset - self._clock_offset) < CLOCK_CORRECT_MS // 4:
            return  # round-trip jitter: keep the correction steady
        self._clock_offset = offset
        self.set_meta(CLOCK_OFFSET_KEY, str(offset))

    @property
    def blobs(self) -> BlobStore:
        """The attachments' files: the program's blob store once set (sealed with the hall's data key, fetching
        from desk-central); unset, a plain one beside the SQLite file, as the data directory lays them out."""
        if self._blobs is not None:
            return self._blobs
        db = self.engine.url.database if self.engine.dialect.name == "sqlite" else None
        if not db or db == ":memory:":
            # our bug, not the environment's: only a PC's store (a SQLite file) keeps attachments
            raise RuntimeError(f"no blob store for {self.engine.url!r}: set Store.blobs")
        return BlobStore(Path(db).parent / "blobs", cipher=self.cipher)

    @blobs.setter
    def blobs(self, blobs: BlobStore) -> None:
        self._blobs = blobs

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, target: str | Path, *, migrate: bool = True, now_ms: Callable[[], int] = wall_clock_ms,
             background_checkpoint: bool = False) -> "Store":
        """Open a database by URL or SQLite file path, applying migrations first.

        ``background_checkpoint`` (the program, a SQLite file): WAL checkpoints on their own thread.
        """
        url = target if isinstance(target, str) and "://" in target else sqlite_url(target)
        engine = make_engine(url)
        try:
            if migrate:
                upgrade(engine)
        except OperationalError as exc:
            raise StorageError(QT_TRANSLATE_NOOP("Errors", "无法打开本机数据库：{orig}。请检查磁盘空间和文件权限。"),
                               orig=exc.orig) from exc
        checkpointer = None
        if background_checkpoint and engine.dialect.name == "sqlite" and engine.url.database:
            checkpointer = Checkpointer(Path(engine.url.database))
        return cls(engine, now_ms=now_ms, checkpointer=checkpointer)

    def _load_identity(self) -> tuple[str, str]:
        with Session(self.engine) as s, s.begin():
            meta = {m.key: m.value for m in s.scalars(select(Meta))}
            if "device_id" not in meta:
                meta["device_id"] = new_id()
                s.add(Meta(key="device_id", value=meta["device_id"]))
            self._meta = meta
            return meta["device_id"], meta.get("hall_id", "")

    def _load_clock(self) -> tuple[HybridLogicalClock, int, str]:
        """The clock is persisted by the event log itself: it restarts above every timestamp stored there.

        Every local event is written with its hybrid timestamp, and every remote one with ``hlc_seen``
        raised to it, in the same transaction; so the device's last event and ``hlc_seen`` bound every
        stored timestamp without an index on hlc (one page less for each event written).
        """
        with self.engine.connect() as conn:
            own, seq, chain = conn.execute(select(_EVENTS.c.hlc, _EVENTS.c.device_seq, _EVENTS.c.chain)
                                           .where(_EVENTS.c.device == self.device_id)
                                           .order_by(_EVENTS.c.device_seq.desc()).limit(1)).first() \
                or ("", 0, audit_chain.GENESIS)
        seen = self._meta.get(HLC_SEEN_KEY)
        if seen is None:  # a database from before hlc_seen: one scan, then remembered
            with self.engine.connect() as conn:
                seen = conn.execute(select(func.max(_EVENTS.c.hlc))
                                    .where(_EVENTS.c.device != self.device_id)).scalar() or ""
            self.set_meta(HLC_SEEN_KEY, seen)
        # Other PCs' stamps are followed only so far ahead of now, at a restart as when they arrived.
        now = self.now_ms()
        self.remote_top = Timestamp.decode(seen) if seen else None
        tops = ([bounded(Timestamp.decode(own), now)] if own else []) + \
            ([bounded(self.remote_top, now, MAX_ADOPT_AHEAD_MS)] if self.remote_top else [])
        last = None
        if tops:
            ts = max(tops)
            last = Timestamp(ts.wall_ms, ts.counter, self.device_id)
        return HybridLogicalClock(self.device_id, last, now_ms=self.now_ms), seq, chain or audit_chain.GENESIS

    def remote_ahead_of(self, ts: Timestamp) -> bool:
        """Whether another PC's stamp this PC holds sorts after ``ts`` (its clock followed it only so far)."""
        top = self.remote_top
        return top is not None and (top.wall_ms, top.counter) >= (ts.wall_ms, ts.counter)

    def set_meta(self, key: str, value: str) -> None:
        with self._lock, Session(self._writer_conn()) as s, s.begin():
            s.merge(Meta(key=key, value=value))
        self._meta[key] = value
        if key == "hall_id":
            self.hall_id = value

    def adopt_device_id(self, device_id: str, hall_id: str = "") -> int:
        """Become ``device_id`` (given by desk-central at enrollment in ``hall_id``); returns how many
        events moved.

        Events this PC never pushed move to the new id, renumbered 1..n in their order (the server
        expects a new device to start at 1), those made before the PC had a hall get it, and the
        projections are rebuilt from the log (they remember which device issued or called what).
        Events already pushed stay the old device's.
        """
        if device_id == self.device_id:
            return 0
        old, last = self.device_id, self.clock.last
        with self._lock, Session(self._writer_conn()) as s, s.begin():
            pending = s.execute(select(_EVENTS.c.id, _EVENTS.c.hlc, _EVENTS.c.hall, _EVENTS.c.type,
                                       _EVENTS.c.schema_version, _EVENTS.c.actor, _EVENTS.c.aggregate,
                                       _EVENTS.c.payload).where(
                _EVENTS.c.device == old, _EVENTS.c.origin == "local", _EVENTS.c.push_state == "pending")
                .order_by(_EVENTS.c.device_seq)).all()
            chain = audit_chain.GENESIS  # the new device's chain starts with its first event
            for n, r in enumerate(pending, start=1):
                wall, counter, _dev = r.hlc.split(".", 2)
                hlc, hall = f"{wall}.{counter}.{device_id}", r.hall or hall_id
                chain = audit_chain.link(chain, audit_chain.canonical_bytes(
                    r.id, hall, device_id, n, hlc, r.type, r.schema_version, r.actor, r.aggregate, r.payload))
                s.execute(_EVENTS.update().where(_EVENTS.c.id == r.id).values(
                    device=device_id, device_seq=n, hlc=hlc, hall=hall, chain=chain))
            s.merge(Meta(key="device_id", value=device_id))
            if pending:
                reducer.rebuild(s)
        self._meta["device_id"] = device_id
        self.device_id = device_id
        self.clock = HybridLogicalClock(device_id, Timestamp(last.wall_ms, last.counter, device_id),
                                        now_ms=self.now_ms)
        self._seq, self._chain = len(pending), chain
        return len(pending)

    def cached_meta(self, key: str, default: str = "") -> str:
        """A setting as of opening or this process's last ``set_meta`` (settings change only through it)."""
        return self._meta.get(key, default)

    def get_meta(self, key: str, default: str = "") -> str:
        with Session(self.engine) as s:
            m = s.get(Meta, key)
            return m.value if m else default

    # ------------------------------------------------------------------ writing
    def add_commit_listener(self, fn: Callable[[list[Event]], None]) -> None:
        """Call ``fn(events)`` after each commit that wrote events (on the writer's thread)."""
        self._listeners.append(fn)

    def _notify(self, events: list[Event]) -> None:
        for fn in list(self._listeners):
            fn(events)

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def _writer_conn(self) -> Connection:
        if self._writer is None or self._writer.closed:
            self._writer = self.engine.connect()
            self._writer.info["write"] = True
            if self._checkpointer is not None:
                raw(self._writer).execute(f"PRAGMA wal_autocheckpoint={WRITER_AUTOCHECKPOINT_PAGES}")
        return self._writer

    @contextmanager
    def write(self, actor: str = "", *, guard: "Guard | None" = None) -> Iterator[UnitOfWork]:
        """Run one use case in one transaction. On any error nothing of it is written.

        ``guard(type, aggregate, payload, actor)`` is called before each event is emitted and may raise
        (services/authorization.py checks the signed-in user's role there).

        The transaction is begun and ended on the driver (SQLAlchemy's begin and commit machinery cost
        more than the hottest use cases' own statements); whatever runs through SQLAlchemy inside joins it.
        """
        with self._lock:
            seq_before, chain_before = self._seq, self._chain
            conn = self._writer_conn()
            uow = UnitOfWork(self, conn, actor, guard)
            try:
                try:
                    raw(conn).execute("BEGIN IMMEDIATE")
                    yield uow
                    uow._commit()
                except BaseException:
                    uow._rollback()
                    raise
            except (OperationalError, sqlite3.OperationalError) as exc:
                self._seq, self._chain = seq_before, chain_before
                raise _storage_error(exc) from exc
            except BaseException:
                self._seq, self._chain = seq_before, chain_before  # never written: no gap, no broken link
                raise
            finally:
                uow._close()
        if self._checkpointer is not None:
            self._checkpointer.wrote()
        if uow.events:
            purged = purged_files.purged_cases(uow.events)
            if purged:  # after the commit: a crash before leaves files of erased cases, swept at the next purge
                uow.files_deleted = self.delete_purged_files(purged)
            self._notify(uow.events)

    def delete_purged_files(self, cases: dict[str, list[str]]) -> int:
        """Delete this replica's files of these purged cases (``{hall: [case ids]}``) that no unpurged case
        shares; the same on every PC that folds ``case.pii_purged``, its own or pulled. Returns how many."""
        try:
            blobs = self.blobs
        except RuntimeError:
            return 0  # an in-memory store without files
        with self.read() as s:
            shas = {sha for hall, ids in cases.items() for sha in purged_files.files_of_purged(s, hall, ids)}
        return purged_files.delete_files(blobs.path(sha) for sha in sorted(shas))

    def apply_remote(self, events: Iterable[Event], *, flags: dict[str, str] | None = None) -> list[str]:
        """Store events pulled from other devices and fold them; already-known ids are skipped."""
        applied: list[str] = []
        with self.write() as uow:
            seen = self._meta.get(HLC_SEEN_KEY, "")
            for ev in events:
                if run(uow.conn, _EVENT_KNOWN, {"id": ev.id}).first() is not None:
                    continue
                why = payload_problem(ev.type, ev.schema_version, ev.payload)
                if why:  # never stored: it would break the fold of its aggregate here
                    raise ValidationError(why, field="payload")
                # A timestamp far ahead (a poison event) is not adopted, here nor at the next start.
                seen = max(seen, bounded(Timestamp.decode(ev.hlc), self.now_ms()).encode())
                self.clock.observe(Timestamp.decode(ev.hlc))
                row = _event_row(ev, origin="remote", push_state="", recorded_at_ms=self.now_ms())
                row["flags"] = (flags or {}).get(ev.id, "")
                run(uow.conn, _INSERT_EVENT, row)
                uow._fold(ev)
                applied.append(ev.id)
                uow.events.append(ev)
            if seen > self._meta.get(HLC_SEEN_KEY, ""):
                run(uow.conn, _SET_META, {"key": HLC_SEEN_KEY, "value": seen})
        if applied:
            self._meta[HLC_SEEN_KEY] = max(seen, self._meta.get(HLC_SEEN_KEY, ""))
            self.remote_top = Timestamp.decode(self._meta[HLC_SEEN_KEY])
        return applied

    # ------------------------------------------------------------------ reading
    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session on its own pooled connection (WAL readers never block the writer)."""
        with Session(self.engine, expire_on_commit=False, info={"cipher": self.cipher}) as s:
            yield s

    def integrity_ok(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        with self._lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
        self.engine.dispose()


def _storage_error(exc: Exception) -> StorageError:
    orig = getattr(exc, "orig", exc)  # SQLAlchemy wraps the driver's error; the hot path raises it bare
    text_ = str(orig).lower()
    if "disk" in text_ or "full" in text_:
        return StorageError(QT_TRANSLATE_NOOP("Errors", "磁盘已满，无法保存。请清理磁盘空间后重试，已输入的内容仍保留。"))
    if "locked" in text_ or "busy" in text_:
        return StorageError(QT_TRANSLATE_NOOP("Errors", "数据库正忙，请稍后重试，已输入的内容仍保留。"))
    if "readonly" in text_ or "read-only" in text_:
        return StorageError(QT_TRANSLATE_NOOP("Errors", "数据库文件只读，无法保存。请联系管理员检查文件权限。"))
    return StorageError(QT_TRANSLATE_NOOP("Errors", "保存失败：{orig}。请重试，已输入的内容仍保留。"), orig=orig)


__all__ = ["Store", "UnitOfWork"]
