"""Sealing the personal data already in a database in place: plaintext from before encryption, or a PC's own
key replaced by its hall's at enrollment. Events are rewritten, projections rebuilt, freed pages wiped.

The audit chain: this PC's events not yet pushed are re-linked (desk-central has not seen them). Events
already pushed keep the link desk-central verified; their sealed copy here no longer recomputes to it,
which is why the migration is recorded in meta (``pii_sealed_at_seq``: the last re-written pushed event).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import text, update

from desk_app.store import audit_chain, pii, reducer
from desk_app.store.database import Store
from desk_app.store.fastsql import raw
from desk_app.store.field_crypto import FieldCipher
from desk_app.store.keys import CHECK_KEY, KeyFile, open_cipher
from desk_app.store.models import EventRow

SEALED_KEY = "pii_sealed"          # "1" once every personal field of this database is sealed
SEALED_AT_KEY = "pii_sealed_at_seq"  # this device's last pushed event when the migration ran
_E = EventRow.__table__
_SET_META = text("INSERT INTO meta (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = excluded.value")


def unlock(store: Store, data_dir: Path) -> FieldCipher:
    """At start: this PC's data key from its keystore (made on the first start), and plaintext left by an
    older version sealed. A key that does not fit the database raises DataKeyError; nothing is written."""
    cipher = open_cipher(store, KeyFile(data_dir), create=True)
    if store.get_meta(SEALED_KEY) != "1":
        seal_existing(store, cipher)
    store.cipher = cipher
    return cipher


def install_hall_key(store: Store, data_dir: Path, key: bytes) -> None:
    """At enrollment: the hall's data key (from desk-central) replaces this PC's provisional one, and what
    was sealed with that is re-sealed first. (A crash between the two leaves the database on the hall's key
    and the old key file: the program then refuses to start with the key-mismatch message.)"""
    kf, new = KeyFile(data_dir), FieldCipher(key)
    old = open_cipher(store, kf) if kf.exists() else None
    if old is None or old.check_value != new.check_value:
        seal_existing(store, new, old=old)
        kf.write(key, replace=True)
    store.cipher = new


def _encode(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def seal_existing(store: Store, cipher: FieldCipher, *, old: FieldCipher | None = None) -> int:
    """Seal every personal field of the log with ``cipher`` (opening it with ``old`` when it was sealed
    before); returns how many events changed. Idempotent. A wrong ``old`` raises DataKeyError before
    anything is written (the transaction rolls back)."""
    changed = 0
    with store.write() as uow:
        conn = uow.conn
        rows = conn.execute(_E.select().with_only_columns(
            _E.c.id, _E.c.type, _E.c.aggregate, _E.c.payload).where(_E.c.type.in_(list(pii.SEALED_FIELDS)))).all()
        updates = []
        for eid, type_name, aggregate, stored in rows:
            payload = json.loads(stored)
            if old is not None:  # a value sealed with the old key: open it first (plaintext passes as it is)
                pii.open_tree(old, aggregate, payload)
            # (values already sealed with ``cipher``, from a previous run, are left as they are)
            new = _encode(pii.seal_payload(cipher, type_name, aggregate, payload))
            if new != stored:
                updates.append((eid, new))
        for eid, payload in updates:
            conn.execute(update(_E).where(_E.c.id == eid).values(payload=payload))
        if updates:
            changed = len(updates)
            _relink_pending(uow, store.device_id)
            reducer.rebuild(uow.session)
        for key, value in ((SEALED_KEY, "1"), (CHECK_KEY, cipher.check_value)):
            conn.execute(_SET_META, {"k": key, "v": value})
    store.cipher = cipher
    store._meta.update({SEALED_KEY: "1", CHECK_KEY: cipher.check_value})
    if changed and store.engine.dialect.name == "sqlite":
        # The plaintext still sits in freed pages and in the write-ahead log until they are rewritten.
        with store._lock:
            db = raw(store._writer_conn())
            db.execute("VACUUM")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return changed


def _relink_pending(uow: Any, device: str) -> None:
    """Re-chain this device's unpushed events from the last pushed one (their payloads just changed)."""
    rows = uow.conn.execute(_E.select().with_only_columns(
        _E.c.id, _E.c.hall, _E.c.device, _E.c.device_seq, _E.c.hlc, _E.c.type, _E.c.schema_version, _E.c.actor,
        _E.c.aggregate, _E.c.payload, _E.c.chain, _E.c.push_state, _E.c.origin)
        .where(_E.c.device == device).order_by(_E.c.device_seq)).all()
    chain, last_pushed, relinking = audit_chain.GENESIS, 0, False
    for r in rows:
        relinking = relinking or (r.origin == "local" and r.push_state == "pending")
        if not relinking:
            chain, last_pushed = r.chain or chain, r.device_seq
            continue
        chain = audit_chain.link(chain, audit_chain.canonical_bytes(
            r.id, r.hall, r.device, r.device_seq, r.hlc, r.type, r.schema_version, r.actor, r.aggregate, r.payload))
        uow.conn.execute(update(_E).where(_E.c.id == r.id).values(chain=chain))
    if rows:
        uow.set_sequence(rows[-1].device_seq, chain)
    uow.conn.execute(_SET_META, {"k": SEALED_AT_KEY, "v": str(last_pushed)})
