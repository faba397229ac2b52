"""The hall calendar follows the published table: a table saved during the day applies to services built before
(each use case reads the calendar when it computes a deadline)."""
from __future__ import annotations

from datetime import datetime

import pytest

from desk_app.domain import intake as d
from desk_app.domain.workdays import CalendarYearMissing
from desk_app.services.calendar import calendar_notice, hall_calendar, save_published_table
from desk_app.services.intake import IntakeService
from desk_app.services.supervision import SupervisionService
from desk_app.store.database import Store
from tests.conftest import HALL_ID
from tests.intake_support import PERSON, Clock, add_item, seed_hall

TABLE_2027 = {"2027": {"holidays": ["2027-01-01"], "workdays": []}}


@pytest.fixture
def store(data_dir):
    s = Store.open(data_dir / "pc.db", now_ms=Clock(datetime(2026, 12, 2, 10)))  # the day of the issue
    s.set_meta("hall_id", HALL_ID)
    seed_hall(s)
    yield s
    s.close()


def test_thirty_working_days_accepted_once_next_year_is_published(store) -> None:
    mids = add_item(store, "L30", "建设工程规划许可", promised=30, legal=60, materials=[{"name": "申请表"}])
    s = IntakeService(store, actor="c", window_number=1)  # built before the table arrives
    sup = SupervisionService(store)
    cid = s.open_case(item_codes=["L30"]).case.id
    s.set_applicant(cid, PERSON)
    s.check_material(cid, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    with pytest.raises(CalendarYearMissing, match="calendar publish --year 2027"):
        s.decide(cid, d.ACCEPT)
    assert s.get(cid).status == d.CHECKING  # refused, nothing half-decided
    assert "2027 年" in sup.calendar_notice() and "2027 年" in calendar_notice(store)

    save_published_table(store, TABLE_2027)  # what the agent's handler does when it pulls the table
    case = s.decide(cid, d.ACCEPT).case  # the same service, no restart
    assert case.status == d.ACCEPTED and case.due_date == "2027-01-14"
    assert sup.calendar_notice() == "" and calendar_notice(store) == ""


def test_tables_published_one_year_at_a_time_add_up(store) -> None:
    save_published_table(store, TABLE_2027)
    save_published_table(store, {"2028": {"holidays": ["2028-01-01"], "workdays": []}})
    cal = hall_calendar(store)
    assert {2026, 2027, 2028} <= set(cal.covered_years())
    with pytest.raises(Exception):
        save_published_table(store, {"2029": {"holidays": ["not a date"]}})
    assert 2029 not in hall_calendar(store).covered_years() and 2028 in hall_calendar(store).covered_years()


def test_a_table_stored_after_the_services_were_built_sets_the_next_deadline(store) -> None:
    """2026-12-31 + 10 working days: with 2027-01-01 off, the notice's deadline moves a day later."""
    from datetime import datetime as dt

    from desk_app.services.complaints import ComplaintService
    from desk_app.services.intake import IntakeService as Intake
    mids = add_item(store, "N10", "测试告知事项", promised=5, materials=[{"name": "申请表"}])
    intake, complaints = Intake(store, actor="c", window_number=1), ComplaintService(store, actor="c")
    store.raw_now_ms.set(dt(2026, 12, 31, 10))
    first = intake.open_case(item_codes=["N10"]).case.id
    intake.set_applicant(first, PERSON)
    intake.check_material(first, mids[0], d.MISSING)
    save_published_table(store, {"2027": {"holidays": [], "workdays": []}})  # stored after the services
    before = intake.decide(first, d.NOTICE).case.notice_deadline
    complaint_before = complaints.record(category="not_done", description="等候太久").due_date
    save_published_table(store, TABLE_2027)
    second = intake.open_case(item_codes=["N10"]).case.id
    intake.set_applicant(second, PERSON)
    intake.check_material(second, mids[0], d.MISSING)
    after = intake.decide(second, d.NOTICE).case.notice_deadline
    assert (before, after) == ("2027-01-14", "2027-01-15")
    assert complaints.record(category="not_done", description="等候太久").due_date > complaint_before
