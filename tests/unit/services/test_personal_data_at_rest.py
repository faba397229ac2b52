"""Personal data at rest: sealed in the events, projections and database file; opened where the services show it."""
from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.domain import intake as d
from desk_app.printing.renderer import TemplateRenderer
from desk_app.services.queue.appointments import AppointmentService
from desk_app.services.complaints import ComplaintService
from desk_app.services.intake import IntakeService
from desk_app.services.pickup import PickupService
from desk_app.services.printing import PrintService
from desk_app.services.supervision import SupervisionService
from desk_app.store.blobs import BlobStore
from desk_app.store.field_crypto import DataKeyError, FieldCipher
from desk_app.domain.ids import new_id
from desk_app.store.models import Case, EventRow, QueueCategory
from tests.intake_support import AGENT_ID, VALID_ID, add_item
from tests.intake_support import clock, hall  # noqa: F401 - shared fixtures

NAME, PHONE, AGENT = "欧阳娜娜", "13912345678", "司马懿"
APPLICANT = {"kind": "person", "name": NAME, "resident_id": VALID_ID, "phone": PHONE}


def _finished_case(hall, data_dir) -> tuple[str, PrintService]:  # noqa: F811 - the fixture
    mids = add_item(hall, "X001", "个体工商户设立登记", promised=3, materials=[{"name": "申请书"}])
    printing = PrintService(hall, BlobStore(data_dir / "blobs"), renderer=TemplateRenderer())
    s = IntakeService(hall, actor="clerk5", window_number=5)
    cid = s.open_case(item_codes=["X001"]).case.id
    s.set_applicant(cid, APPLICANT, {"name": AGENT, "resident_id": AGENT_ID, "power_of_attorney": True})
    s.check_material(cid, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    s.decide_and_issue(cid, d.ACCEPT, printing=printing, clerk_name="李娜")
    s.mark_result_ready(cid, "营业执照")
    PickupService(hall, actor="pick1").hand_out_and_issue(cid, printing=printing, method="window",
                                                          receiver_kind="applicant", receiver_id=VALID_ID)
    return cid, printing


def _db_bytes(path) -> bytes:
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_the_database_file_holds_no_resident_id_name_or_phone(hall, data_dir, clock) -> None:  # noqa: F811
    cid, _printing = _finished_case(hall, data_dir)
    ComplaintService(hall, actor="clerk5").record(category="other", description="等候太久",
                                                  complainant_name=NAME, phone=PHONE)
    day = datetime.fromtimestamp(clock() / 1000).date()
    with hall.write() as uow:
        uow.session.add(QueueCategory(id=new_id(), hall_id=hall.hall_id, prefix="A", name="综合"))
    AppointmentService(hall, actor="guide1").book("A", clock() + 3_600_000, clock() + 5_400_000, name=NAME,
                                                  phone=PHONE, resident_id=VALID_ID)
    # what the services show is the plaintext
    state = IntakeService(hall).get(cid)
    assert (state.applicant["name"], state.applicant["resident_id"], state.agent["name"]) == (NAME, VALID_ID, AGENT)
    assert state.delivery["receiver_name"] == NAME
    assert [a.name for a in AppointmentService(hall).of_day(day.isoformat())] == [NAME]
    assert ComplaintService(hall).open_list()[0].phone == PHONE
    with hall.read() as s:
        assert s.scalar(select(Case.applicant_name)).startswith("sm4g1:")
        payloads = "".join(s.scalars(select(EventRow.payload)))
    assert NAME not in payloads and VALID_ID not in payloads and "sm4g1:" in payloads
    path = data_dir / "pc1.db"
    hall.close()
    raw = _db_bytes(path)
    for secret in (VALID_ID, AGENT_ID, PHONE, NAME, AGENT):
        assert secret.encode() not in raw, secret
    assert "个体工商户设立登记".encode() in raw  # the check reads the real bytes: plain fields are there


def test_supervisor_alerts_show_the_opened_name(hall, data_dir, clock) -> None:  # noqa: F811
    add_item(hall, "X001", "个体工商户设立登记", promised=1, materials=[{"name": "申请书"}])
    s = IntakeService(hall, actor="clerk5", window_number=5)
    cid = s.open_case(item_codes=["X001"]).case.id
    s.set_applicant(cid, APPLICANT)
    s.check_material(cid, s.get(cid).materials[0]["material_id"], d.RECEIVED, form=d.ORIGINAL, copies=1)
    s.decide(cid, d.ACCEPT)
    clock.set(datetime(2026, 12, 9, 9, 0))
    alerts = SupervisionService(hall).case_alerts()
    assert [a.applicant_name for a in alerts] == [NAME]


def _log_digest(store) -> str:
    with store.read() as s:
        rows = [tuple(r) for r in s.execute(select(EventRow.id, EventRow.payload, EventRow.chain))]
        rows += [tuple(r) for r in s.execute(select(Case.id, Case.applicant_name, Case.state))]
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def test_a_wrong_key_is_refused_in_chinese_and_changes_nothing(hall, data_dir) -> None:  # noqa: F811
    cid, _printing = _finished_case(hall, data_dir)
    before = _log_digest(hall)
    hall.cipher = FieldCipher(os.urandom(16))  # another hall's key
    with pytest.raises(DataKeyError) as err:
        IntakeService(hall).get(cid)
    assert "数据密钥不对" in err.value.message and "没有改动任何数据" in err.value.message
    with pytest.raises(DataKeyError):
        IntakeService(hall, actor="clerk5", window_number=5).set_applicant(cid, APPLICANT)
    assert _log_digest(hall) == before


def test_earlier_cases_are_found_by_resident_id_through_the_blind_index(hall, data_dir) -> None:  # noqa: F811
    add_item(hall, "X001", "个体工商户设立登记", materials=[{"name": "申请书"}])
    s = IntakeService(hall, actor="clerk5", window_number=5)
    first, second, other = (s.open_case(item_codes=["X001"]).case.id for _ in range(3))
    for cid in (first, second):
        s.set_applicant(cid, APPLICANT)
    s.set_applicant(other, dict(APPLICANT, resident_id=AGENT_ID))
    found = s.earlier_cases(VALID_ID)
    assert {c.case_id for c in found} == {first, second}
    assert [c.case_id for c in s.earlier_cases(AGENT_ID)] == [other]
    with hall.read() as sess:
        index = sess.scalar(select(Case.applicant_index).where(Case.id == first))
    assert index == hall.cipher.blind_index(VALID_ID) and VALID_ID not in index
