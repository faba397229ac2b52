"""The hall's data key at enrollment: PCs of one hall open each other's sealed personal data; desk-central
stores only ciphertext (and the hall key only wrapped with its master key)."""
from __future__ import annotations

from sqlalchemy import select

from desk_app.domain import intake as d
from desk_app.services.intake import IntakeService
from desk_app.store.database import Store
from desk_app.store.models import Case, EventRow, Meta
from desk_app.store.pii_migration import unlock
from desk_app.sync.agent import SyncAgent
from desk_app.sync.client import SyncClient, load_credential
from desk_app.sync.enrollment import enroll_pc
from desk_app.server import core
from tests.integration.sync.conftest import make_pc, sync_round
from tests.intake_support import VALID_ID, add_item, seed_hall

NAME = "欧阳娜娜"


def test_a_case_sealed_before_enrollment_is_read_at_another_pc_and_never_plain_on_the_server(central, tmp_path):
    # PC A worked alone first: its own provisional key sealed the case
    data_a = tmp_path / "a"
    data_a.mkdir()
    store = Store.open(data_a / "local.db")
    own = unlock(store, data_a)
    store.set_meta("hall_id", central.hall_id)
    seed_hall(store)
    mids = add_item(store, "X001", "个体工商户设立登记", materials=[{"name": "申请书"}])
    svc = IntakeService(store, actor="clerk5", window_number=None)
    cid = svc.open_case(item_codes=["X001"]).case.id
    svc.set_applicant(cid, {"kind": "person", "name": NAME, "resident_id": VALID_ID})
    svc.check_material(cid, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    # then it is enrolled: the hall's key replaces its own and the case is re-sealed under it
    enroll_pc(store, SyncClient(http=central.client), core.create_enrollment_code(central.db, central.hall_id, None),
              data_a, "A")
    assert store.cipher.check_value != own.check_value
    b = make_pc(central, tmp_path, "b")
    assert b.store.cipher.check_value == store.cipher.check_value  # one hall, one key
    agent_a = SyncAgent(store, SyncClient(http=central.client, token=load_credential(data_a)), poll_wait=0.2)
    central.agents.append(agent_a)
    agent_a.push_all()
    sync_round(b)
    assert IntakeService(b.store).get(cid).applicant["resident_id"] == VALID_ID
    with central.db.read() as s:
        payloads = "".join(s.scalars(select(EventRow.payload)))
        assert s.scalar(select(Case.applicant_name).where(Case.id == cid)).startswith("sm4g1:")
        wrapped = s.scalar(select(Meta.value).where(Meta.key == f"hall_data_key:{central.hall_id}"))
    assert NAME not in payloads and VALID_ID not in payloads
    assert wrapped.startswith("sm4g1:") and store.cipher.check_value not in wrapped
    store.close()
