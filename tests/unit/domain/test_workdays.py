"""Working-day calendar: holidays and adjusted working weekends from chinesecalendar, overrides, due dates."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.domain.errors import KnownError, ValidationError
from desk_app.domain.workdays import CalendarYearMissing, WorkdayCalendar

CAL = WorkdayCalendar()


def test_package_data_spring_festival_2026():
    # Verified against chinesecalendar 1.11.0: off 2026-02-15..23, adjusted working Saturdays 02-14 and 02-28.
    off = [date(2026, 2, d) for d in range(15, 24)]
    assert not any(CAL.is_workday(d) for d in off)
    assert CAL.is_workday(date(2026, 2, 14)) and date(2026, 2, 14).weekday() == 5
    assert CAL.is_workday(date(2026, 2, 28)) and date(2026, 2, 28).weekday() == 5
    assert CAL.is_workday(date(2026, 2, 24))


def test_due_dates_across_spring_festival_2026():
    assert CAL.due_date(date(2026, 2, 13), 1) == date(2026, 2, 14)  # the adjusted working Saturday
    assert CAL.due_date(date(2026, 2, 13), 2) == date(2026, 2, 24)  # the whole break is skipped
    assert CAL.due_date(date(2026, 2, 12), 3) == date(2026, 2, 24)
    # 02-24..27 are four working days, 02-28 (Saturday) the fifth
    assert CAL.due_date(date(2026, 2, 23), 5) == date(2026, 2, 28)
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2


def test_national_day_2025():
    # Off 10-01..10-08; adjusted working Sunday 09-28 and Saturday 10-11.
    assert CAL.is_workday(date(2025, 9, 28)) and date(2025, 9, 28).weekday() == 6
    assert not any(CAL.is_workday(date(2025, 10, d)) for d in range(1, 9))
    assert CAL.is_workday(date(2025, 10, 11))
    assert CAL.due_date(date(2025, 9, 26), 1) == date(2025, 9, 28)
    assert CAL.due_date(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert CAL.due_date(date(2025, 9, 30), 3) == date(2025, 10, 11)


def test_national_day_2026():
    # Off 10-01..10-07; adjusted working Sunday 09-20 and Saturday 10-10 (package data).
    assert CAL.is_workday(date(2026, 9, 20))
    assert not any(CAL.is_workday(date(2026, 10, d)) for d in range(1, 8))
    assert CAL.is_workday(date(2026, 10, 10))
    assert CAL.due_date(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert CAL.due_date(date(2026, 9, 30), 3) == date(2026, 10, 10)


def test_acceptance_day_not_counted_and_zero_is_same_day():
    monday = date(2026, 3, 2)
    assert CAL.due_date(monday, 1) == date(2026, 3, 3)
    assert CAL.due_date(monday, 0) == monday
    # Accepted during Saturday opening hours: Monday is day 1.
    assert CAL.due_date(date(2026, 3, 7), 1) == date(2026, 3, 9)
    with pytest.raises(ValidationError):
        CAL.add_working_days(monday, -1)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 10, 31)), st.integers(0, 40))
def test_working_days_between_inverts_add(start, n):
    due = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, due) == n
    assert CAL.working_days_between(due, start) == -n
    if n:
        assert CAL.is_workday(due)
        # due is the earliest date reaching n working days
        assert CAL.working_days_between(start, due - timedelta(days=1)) == n - 1


def test_uncovered_year_is_a_clear_error_unless_fallback_is_explicit():
    with pytest.raises(CalendarYearMissing) as exc:
        CAL.is_workday(date(2031, 3, 3))
    assert isinstance(exc.value, KnownError) and "2031" in exc.value.message
    with pytest.raises(CalendarYearMissing):
        CAL.due_date(date(2026, 12, 30), 10)  # crosses into an uncovered year
    loose = WorkdayCalendar(weekday_fallback=True)
    assert loose.is_workday(date(2031, 3, 3)) and not loose.is_workday(date(2031, 3, 1))


TABLE_2027 = {"2027": {"holidays": ["2027-01-01", "2027-02-08", "2027-02-09"], "workdays": ["2027-02-06"]}}


def test_published_table_covers_a_new_year():
    cal = WorkdayCalendar.from_table(TABLE_2027)
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.is_workday(date(2027, 2, 6))  # a Saturday made a working day
    assert cal.is_workday(date(2027, 1, 4))
    assert cal.due_date(date(2027, 2, 5), 1) == date(2027, 2, 6)
    assert cal.to_table(2027) == TABLE_2027
    assert 2027 in cal.covered_years() and 2026 in cal.covered_years()


def test_overrides_replace_a_package_year():
    cal = CAL.with_overrides({"2026": {"holidays": [], "workdays": []}})
    assert cal.is_workday(date(2026, 2, 16))  # no Spring Festival in the override
    assert not cal.is_workday(date(2026, 2, 14))
    assert not CAL.is_workday(date(2026, 2, 16))  # the original calendar is unchanged


def test_to_table_round_trips_package_year():
    table = CAL.to_table(2026)
    again = WorkdayCalendar.from_table(table, use_package=False)
    day = date(2026, 1, 1)
    while day.year == 2026:
        assert again.is_workday(day) == CAL.is_workday(day)
        day += timedelta(days=1)


@pytest.mark.parametrize("table, fragment", [
    ({"2027": {"holidays": ["2027-13-01"]}}, "YYYY-MM-DD"),
    ({"2027": {"holidays": ["2026-10-01"]}}, "不属于 2027 年"),
    ({"2027": {"workdays": ["2027-02-08"]}}, "周六或周日"),
    ({"2027": {"holidays": ["2027-02-06"], "workdays": ["2027-02-06"]}}, "同时列为"),
    ({"27": {}}, "四位年份"),
])
def test_bad_tables_are_refused(table, fragment):
    with pytest.raises(ValidationError) as exc:
        WorkdayCalendar.from_table(table)
    assert fragment in exc.value.message


def test_is_overdue():
    due = date(2026, 3, 3)
    assert not CAL.is_overdue(due, date(2026, 3, 3), None)
    assert CAL.is_overdue(due, date(2026, 3, 4), None)
    assert CAL.is_overdue(due, date(2026, 3, 4), "   ")
    assert not CAL.is_overdue(due, date(2026, 3, 4), "需现场勘验，经负责人批准延长 5 个工作日")
