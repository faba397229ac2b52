"""The retention purge: personal data of cases closed longer than N years is erased, recorded, and the audit
chain still verifies; younger cases keep theirs."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.domain import intake as d
from desk_app.domain.errors import ValidationError
from desk_app.services.intake import IntakeService
from desk_app.services.retention import RetentionService
from desk_app.store.audit_chain import canonical_bytes, verify_device
from desk_app.store.database import Store
from desk_app.store.models import Attachment, EventRow
from desk_app.store.models.printing import Printout
from desk_app.store.reducer import row_to_event
from tests.conftest import HALL_ID
from tests.intake_support import VALID_ID, add_item
from tests.intake_support import clock, hall  # noqa: F401 - shared fixtures
from tests.unit.services.test_personal_data_at_rest import APPLICANT, NAME, _finished_case


def _chain_ok(store: Store) -> bool:
    with store.read() as s:
        rows = s.scalars(select(EventRow).where(EventRow.device == store.device_id)
                         .order_by(EventRow.device_seq)).all()
        links = [(r.device_seq, r.chain, canonical_bytes(r.id, r.hall, r.device, r.device_seq, r.hlc, r.type,
                                                         r.schema_version, r.actor, r.aggregate, r.payload))
                 for r in rows]
    return verify_device(store.device_id, links)[1] == []


def test_an_old_closed_case_loses_its_personal_data_and_the_purge_is_recorded(hall, data_dir, clock) -> None:  # noqa: F811
    old, printing = _finished_case(hall, data_dir)
    with hall.read() as s:
        shas = set(s.scalars(select(Attachment.sha256).where(Attachment.case_id == old)))
    assert shas and all(printing.blobs.has(sha) for sha in shas)
    clock.set(datetime(2036, 12, 1, 9, 0))
    young = IntakeService(hall, actor="clerk5", window_number=5).open_case(item_codes=["X001"]).case.id
    IntakeService(hall, actor="clerk5", window_number=5).set_applicant(young, APPLICANT)
    retention = RetentionService(hall)
    assert retention.purge(10, dry_run=True).case_numbers and retention.purge(11).case_numbers == ()
    result = retention.purge(10)
    assert len(result.case_numbers) == 1 and result.cutoff == "2026-12-01" and result.files_deleted == len(shas)
    state = IntakeService(hall).get(old)
    assert state.pii_purged_on == "2036-12-01" and state.applicant["name"] == "" and state.agent is None
    assert state.delivery["receiver_name"] == "" and state.status == d.DELIVERED  # the record of the work stays
    assert IntakeService(hall).earlier_cases(VALID_ID) and all(
        c.case_id == young for c in IntakeService(hall).earlier_cases(VALID_ID))
    assert IntakeService(hall).get(young).applicant["name"] == NAME  # not closed: kept
    with hall.read() as s:
        old_events = s.scalars(select(EventRow).where(EventRow.payload.contains(f'"case_id":"{old}"')
                                                      | (EventRow.aggregate == f"case:{old}"))).all()
        assert not any("sm4g1:" in e.payload for e in old_events) and any("purged:" in e.payload for e in old_events)
        assert [e.type for e in old_events].count("case.pii_purged") == 1
        assert "sm4g1:" not in str(s.scalars(select(Printout.data).where(Printout.case_id == old)).all())
    assert not any(printing.blobs.has(sha) for sha in shas)
    assert _chain_ok(hall)  # erased, and every link still verifies
    assert retention.purge(10).case_numbers == ()  # once


def test_a_replica_that_folds_the_purge_erases_its_copy_too(hall, data_dir, clock) -> None:  # noqa: F811
    old, _printing = _finished_case(hall, data_dir)
    clock.set(datetime(2037, 1, 5, 9, 0))
    RetentionService(hall).purge(10)
    with hall.read() as s:
        events = [row_to_event(r) for r in s.scalars(select(EventRow).order_by(EventRow.device_seq))]
    other = Store.open(data_dir / "pc2.db")
    other.set_meta("hall_id", HALL_ID)
    other.cipher = hall.cipher
    try:
        other.apply_remote(events)
        with other.read() as s:
            assert not any("sm4g1:" in p for p in s.scalars(select(EventRow.payload).where(
                EventRow.aggregate == f"case:{old}")))
        assert IntakeService(other).get(old).applicant["name"] == ""
    finally:
        other.close()


def test_a_bad_retention_setting_is_refused(hall) -> None:  # noqa: F811
    add_item(hall, "X001", "个体工商户设立登记")
    for bad in (0, -1, 101, "10"):
        with pytest.raises(ValidationError):
            RetentionService(hall).purge(bad)
