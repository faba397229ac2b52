"""Every intake action replicates: the same events in any arrival order give identical projections."""
from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import select

from desk_app.domain import intake as d
from desk_app.services.complaints import ComplaintService
from desk_app.services.intake import IntakeService
from desk_app.services.pickup import PickupService
from desk_app.services.rating import RatingService
from desk_app.store.database import Store
from desk_app.store.models import Case, CaseMaterial, EventRow, Rating
from desk_app.store.models.intake_extra import Complaint
from desk_app.store.reducer import row_to_event
from tests.conftest import HALL_ID
from tests.intake_support import AGENT_ID, PERSON, Clock, add_item, seed_hall


def _rows(store: Store) -> dict[str, list[tuple]]:
    out = {}
    with store.read() as s:
        for model in (Case, CaseMaterial, Rating, Complaint):
            cols = [c for c in model.__table__.columns]
            rows = s.execute(select(*cols).order_by(model.__table__.c.id)).all()
            out[model.__tablename__] = [tuple(r) for r in rows]
    return out


def test_all_actions_converge_in_any_order(data_dir) -> None:
    clock = Clock(datetime(2026, 11, 23, 9, 0))
    a = Store.open(data_dir / "a.db", now_ms=clock)
    a.set_meta("hall_id", HALL_ID)
    seed_hall(a)
    mids = add_item(a, "X1", "事项甲", promised=3, materials=[
        {"name": "申请书"}, {"name": "证明", "deferrable": True}, {"name": "承诺书", "commitment_allowed": True}])
    s = IntakeService(a, actor="c5", window_number=5)
    rs, ps, cs = RatingService(a, window_number=5), PickupService(a, window_number=20), ComplaintService(a)

    def new_case(agent: bool = False) -> str:
        cid = s.open_case(item_codes=["X1"]).case.id
        s.set_applicant(cid, PERSON, {"name": "王五", "resident_id": AGENT_ID, "power_of_attorney": True}
                        if agent else None)
        return cid
    c1 = new_case()
    s.check_material(c1, mids[0], d.MISSING)
    s.check_material(c1, mids[1], d.DEFECTIVE, reason_code="expired")
    s.check_material(c1, mids[2], d.COMMITTED)
    s.decide(c1, d.NOTICE)
    s.check_material(c1, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    s.correct_material(c1, mids[1])
    s.check_material(c1, mids[1], d.RECEIVED, form=d.COPY, copies=2)
    s.decide(c1, d.ACCEPT)
    s.extend(c1, reason="需要现场核查", extra_days=2)
    s.mark_result_ready(c1)
    ps.hand_out(c1, method="post", receiver_kind="applicant", tracking_number="SF0000000001")
    r1 = rs.request(c1).id
    rs.submit(r1, level=2, reasons=["wait"])
    rs.follow_up(r1, "已回访")
    c2 = new_case(agent=True)
    s.check_material(c2, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    s.check_material(c2, mids[1], d.DEFERRED)
    s.check_material(c2, mids[2], d.RECEIVED, form=d.ORIGINAL, copies=1)
    s.decide(c2, d.ACCEPT_DEFERRED)
    rs.applicant_left(rs.request(c2).id)
    clock.set(datetime(2026, 12, 2, 9, 0))
    s.refuse_expired_deferral(c2)
    c3 = new_case()
    s.decide(c3, d.OUT_OF_SCOPE, refer_to="区民政局")
    comp = cs.record(category="not_done", description="没有办成", case_number=s.get(c3).case_number)
    cs.resolve(comp.id, "已转办")
    with a.read() as sess:
        events = [row_to_event(r) for r in sess.scalars(select(EventRow).order_by(EventRow.device_seq))]
    expected = _rows(a)
    assert len(expected["cases"]) == 3 and len(expected["ratings"]) == 2 and len(expected["complaints"]) == 1
    for seed in range(3):
        shuffled = events[:]
        random.Random(seed).shuffle(shuffled)
        b = Store.open(data_dir / f"b{seed}.db")
        b.set_meta("hall_id", HALL_ID)
        try:
            half = len(shuffled) // 2
            b.apply_remote(shuffled[:half])
            b.apply_remote(shuffled[half:] + shuffled[:5])  # duplicates are ignored
            assert _rows(b) == expected
        finally:
            b.close()
    a.close()
