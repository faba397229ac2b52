"""Promised dates in working days across the Spring Festival and National Day, with adjusted working weekends."""
from __future__ import annotations

from datetime import datetime

import pytest

from desk_app.domain import intake as d
from desk_app.services.intake import IntakeService
from desk_app.services.supervision import SupervisionService
from desk_app.store.database import Store
from tests.conftest import HALL_ID
from tests.intake_support import PERSON, Clock, add_item, seed_hall


@pytest.mark.parametrize("accepted, promised, due", [
    (datetime(2026, 2, 13, 10), 3, "2026-02-25"),   # Sat 14 Feb is a working day, 15–23 Feb off
    (datetime(2025, 1, 24, 10), 2, "2025-01-27"),   # Sun 26 Jan 2025 is a working day
    (datetime(2026, 9, 30, 10), 5, "2026-10-13"),   # 1–7 Oct off, Sat 10 Oct a working day
    (datetime(2025, 9, 26, 10), 5, "2025-10-10"),   # Sun 28 Sep working, 1–8 Oct off
])
def test_promised_date_counts_working_days(data_dir, accepted, promised, due) -> None:
    clock = Clock(accepted)
    store = Store.open(data_dir / "d.db", now_ms=clock)
    store.set_meta("hall_id", HALL_ID)
    seed_hall(store)
    try:
        mids = add_item(store, "P1", "住房公积金提取", promised=promised, materials=[{"name": "申请表"}])
        s = IntakeService(store, actor="c", window_number=1)
        cid = s.open_case(item_codes=["P1"]).case.id
        s.set_applicant(cid, PERSON)
        s.check_material(cid, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
        case = s.decide(cid, d.ACCEPT).case
        assert case.due_date == due
        # the last day is still on time; the next calendar day it is overdue
        clock.set(datetime.fromisoformat(due + "T17:00"))
        sup = SupervisionService(store)
        assert [a.kind for a in sup.case_alerts()] == ["due_soon"]
        clock.set(datetime.fromisoformat(due + "T17:00"))
        clock.ms += 24 * 3600 * 1000
        assert [a.kind for a in sup.case_alerts()] == ["overdue"]
    finally:
        store.close()


def test_extension_over_national_day(data_dir) -> None:
    clock = Clock(datetime(2026, 9, 28, 10))
    store = Store.open(data_dir / "e.db", now_ms=clock)
    store.set_meta("hall_id", HALL_ID)
    seed_hall(store)
    try:
        mids = add_item(store, "P2", "不动产登记", promised=2, materials=[{"name": "申请书"}])
        s = IntakeService(store, actor="c", window_number=1)
        cid = s.open_case(item_codes=["P2"]).case.id
        s.set_applicant(cid, PERSON)
        s.check_material(cid, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
        assert s.decide(cid, d.ACCEPT).case.due_date == "2026-09-30"
        assert s.extend(cid, reason="需实地查看", extra_days=3).due_date == "2026-10-10"
    finally:
        store.close()
