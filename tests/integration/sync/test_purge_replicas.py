"""The retention purge on every replica: a PC that pulls the purge and desk-central delete the case's files too;
the case still opens, blanked, also on a PC restored afterwards, and the audit chain still verifies."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desk_app.domain import intake as d
from desk_app.domain.errors import NotFoundError
from desk_app.printing.renderer import TemplateRenderer
from desk_app.server import core
from desk_app.services.attachments import add_attachment
from desk_app.services.intake import IntakeService
from desk_app.services.pickup import PickupService
from desk_app.services.printing import PrintService
from desk_app.services.retention import RetentionService
from desk_app.store.blobs import BlobStore
from desk_app.store.models import Attachment
from desk_app.store.models.server import BlobAccess
from desk_app.sync.uploads import Uploader
from tests.integration.sync.conftest import make_pc, sync_round
from tests.intake_support import VALID_ID, Clock, add_item, seed_hall

NAME = "欧阳娜娜"


def _pc(central, tmp_path, name, clock=None):
    pc = make_pc(central, tmp_path, name, now_ms=clock)
    pc.store.blobs = BlobStore(pc.data_dir / "blobs", fetcher=pc.client.blob_content, cipher=pc.store.cipher)
    pc.agent.uploader = Uploader(pc.store, pc.client, pc.store.blobs, on_acked=lambda _sha: None)
    return pc


def _sync(*pcs):
    for pc in pcs:
        pc.agent.uploader.upload_all()
    sync_round(*pcs)


def _files(pc, case_id):
    with pc.store.read() as s:
        return set(s.scalars(select(Attachment.sha256).where(Attachment.case_id == case_id)))


def test_the_other_pc_and_desk_central_delete_a_purged_case_s_files(central, tmp_path, monkeypatch):
    clock = Clock(datetime(2014, 3, 3, 9, 30))  # the hall's time, on desk-central and both PCs
    monkeypatch.setattr(core, "now_ms", clock)
    a = _pc(central, tmp_path, "a", clock)
    b = _pc(central, tmp_path, "b", clock)
    seed_hall(a.store)
    mids = add_item(a.store, "X001", "个体工商户设立登记", promised=3, materials=[{"name": "申请书"}])
    printing = PrintService(a.store, a.store.blobs, renderer=TemplateRenderer())
    intake = IntakeService(a.store, actor="clerk5", window_number=None)
    old = intake.open_case(item_codes=["X001"]).case.id
    intake.set_applicant(old, {"kind": "person", "name": NAME, "resident_id": VALID_ID, "phone": "13912345678"})
    intake.check_material(old, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    shared = b"the same ID card, scanned for two cases"
    with a.store.write("clerk5") as uow:
        add_attachment(uow, b"scan of the application form", media_type="image/jpeg", case_id=old,
                       material_id=mids[0])
        kept = add_attachment(uow, shared, media_type="image/jpeg", case_id=old)
    intake.decide_and_issue(old, d.ACCEPT, printing=printing, clerk_name="李娜")
    intake.mark_result_ready(old, "营业执照")
    PickupService(a.store, actor="pick1").hand_out_and_issue(old, printing=printing, method="window",
                                                             receiver_kind="applicant", receiver_id=VALID_ID)
    clock.set(datetime(2026, 12, 1, 9, 0))
    young = intake.open_case(item_codes=["X001"]).case.id  # still open: keeps its person and its file
    with a.store.write("clerk5") as uow:
        add_attachment(uow, shared, media_type="image/jpeg", case_id=young)
    _sync(a, b)
    shas = _files(b, old) | {kept}
    assert len(shas) >= 3
    for sha in shas:
        b.store.blobs.read(sha)  # opened at window B: fetched from desk-central and kept there
        assert b.store.blobs.has(sha) and a.store.blobs.has(sha) and central_has(central, sha)

    assert RetentionService(a.store, actor="supervisor1").purge(10).case_numbers
    _sync(a, b)

    gone = shas - {kept}
    for pc in (a, b):
        assert not any(pc.store.blobs.has(sha) for sha in gone), pc.data_dir
        assert pc.store.blobs.has(kept)  # the open case still needs it
        state = IntakeService(pc.store).get(old)
        assert state.pii_purged_on and state.applicant["name"] == "" and state.status == d.DELIVERED
    assert not any(central_has(central, sha) for sha in gone) and central_has(central, kept)
    with central.db.read() as s:
        assert not set(s.scalars(select(BlobAccess.sha256).where(BlobAccess.sha256.in_(gone))))

    # folding the purge again deletes nothing and breaks nothing
    assert b.store.delete_purged_files({central.hall_id: [old]}) == 0
    assert central.app.state.blobs.delete_purged({central.hall_id: [old]}) == 0

    # a PC set up later (a restore) pulls the purge: the case opens blanked, its files are simply not there
    c = _pc(central, tmp_path, "c", clock)
    _sync(c)
    assert IntakeService(c.store).get(old).applicant["name"] == ""
    with pytest.raises(NotFoundError):
        c.store.blobs.read(sorted(gone)[0])
    assert c.store.blobs.read(kept) == shared
    assert IntakeService(c.store).get(young).status == IntakeService(a.store).get(young).status


def central_has(central, sha: str) -> bool:
    return central.app.state.blobs.store.has(sha)
