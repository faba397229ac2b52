"""Sealing plaintext personal data in place (a database from before encryption), and re-keying at enrollment."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import select

from desk_app.domain import intake as d
from desk_app.services.intake import IntakeService
from desk_app.store.audit_chain import canonical_bytes, verify_device
from desk_app.store.database import Store
from desk_app.store.field_crypto import DataKeyError, FieldCipher
from desk_app.store.models import Case, EventRow
from desk_app.store.pii_migration import SEALED_KEY, seal_existing
from tests.conftest import HALL_ID
from tests.intake_support import VALID_ID, add_item, seed_hall

NAME = "欧阳娜娜"


@pytest.fixture
def plain(data_dir):
    """A PC's store from before encryption, with one case whose applicant is stored in the clear."""
    s = Store.open(data_dir / "old.db")
    s.set_meta("hall_id", HALL_ID)
    seed_hall(s)
    mids = add_item(s, "X001", "个体工商户设立登记", materials=[{"name": "申请书"}])
    svc = IntakeService(s, actor="clerk5", window_number=5)
    cid = svc.open_case(item_codes=["X001"]).case.id
    svc.set_applicant(cid, {"kind": "person", "name": NAME, "resident_id": VALID_ID, "phone": "13912345678"})
    svc.check_material(cid, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    yield s, cid
    s.close()


def _file_bytes(store: Store, path) -> bytes:
    with store.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def _chain_ok(store: Store) -> bool:
    with store.read() as s:
        rows = s.execute(select(EventRow).where(EventRow.device == store.device_id)
                         .order_by(EventRow.device_seq)).scalars().all()
        links = [(r.device_seq, r.chain, canonical_bytes(r.id, r.hall, r.device, r.device_seq, r.hlc, r.type,
                                                         r.schema_version, r.actor, r.aggregate, r.payload))
                 for r in rows]
    return verify_device(store.device_id, links)[1] == []


def test_plaintext_is_sealed_in_place_and_still_reads(plain, data_dir) -> None:
    store, cid = plain
    path = data_dir / "old.db"
    assert NAME.encode() in _file_bytes(store, path)  # the seeded plaintext is really there before
    cipher = FieldCipher(os.urandom(16))
    assert seal_existing(store, cipher) == 1
    raw = _file_bytes(store, path)
    assert NAME.encode() not in raw and VALID_ID.encode() not in raw
    state = IntakeService(store).get(cid)
    assert (state.applicant["name"], state.applicant["resident_id"]) == (NAME, VALID_ID)
    with store.read() as s:
        assert s.scalar(select(Case.applicant_name)).startswith("sm4g1:")
    assert _chain_ok(store)  # the unpushed events were re-linked over their new bytes
    assert store.get_meta(SEALED_KEY) == "1"
    assert seal_existing(store, cipher) == 0  # idempotent
    IntakeService(store, actor="clerk5", window_number=5).decide(cid, d.ACCEPT)  # the chain goes on
    assert _chain_ok(store)


def test_rekey_opens_with_the_old_key_and_a_wrong_old_key_changes_nothing(plain) -> None:
    store, cid = plain
    own, hall_key = FieldCipher(os.urandom(16)), FieldCipher(os.urandom(16))
    seal_existing(store, own)
    with store.read() as s:
        before = s.scalars(select(EventRow.payload).order_by(EventRow.device_seq)).all()
    with pytest.raises(DataKeyError):
        seal_existing(store, hall_key, old=FieldCipher(os.urandom(16)))
    with store.read() as s:
        assert s.scalars(select(EventRow.payload).order_by(EventRow.device_seq)).all() == before
    store.cipher = own
    assert seal_existing(store, hall_key, old=own) == 1
    assert IntakeService(store).get(cid).applicant["name"] == NAME
    assert _chain_ok(store)
