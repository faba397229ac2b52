"""Working days with a published year table, and the warning that next year's table is missing (from 1 November)."""
from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain.workdays import CalendarYearMissing, WorkdayCalendar, calendar_warning, missing_years

# a table as desk-central publishes it: holidays (weekend days of a break may be listed) and 调休 weekends
TABLE_2027 = {"2027": {"holidays": ["2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10",
                                    "2027-02-11"],
                       "workdays": ["2027-02-20"]}}


def test_a_published_year_counts_its_holidays_and_adjusted_weekends() -> None:
    plain = WorkdayCalendar()
    with pytest.raises(CalendarYearMissing) as e:
        plain.due_date(date(2026, 12, 2), 30)
    # the clerk is told what to do, not only what is wrong
    assert "desk-central calendar publish --year 2027" in e.value.message and "无需重启" in e.value.message
    cal = plain.with_overrides(TABLE_2027)
    assert 2027 in cal.covered_years() and 2026 in cal.covered_years()
    assert not cal.is_workday(date(2027, 1, 1)) and not cal.is_workday(date(2027, 2, 8))
    assert cal.is_workday(date(2027, 2, 20))  # a Saturday made a working day
    # 2026-12-02 + 30 working days: Dec has 21 after the 2nd, then Jan 4..14 minus nothing = 2027-01-14
    assert cal.due_date(date(2026, 12, 2), 30) == date(2027, 1, 14)
    # across the Spring Festival: 4 Feb (Thu) + 2 → 15 Feb (5 and 8–11 off, 12 Feb is day 1)
    assert cal.add_working_days(date(2027, 2, 4), 2) == date(2027, 2, 15)


@pytest.mark.parametrize("today, missing", [
    (date(2026, 10, 31), []),              # before November nothing is needed from next year
    (date(2026, 11, 1), [2027]),           # from 1 November it is
    (date(2026, 12, 31), [2027]),
])
def test_next_year_is_needed_from_the_first_of_november(today, missing) -> None:
    plain = WorkdayCalendar()
    assert missing_years(plain, today) == missing
    text = calendar_warning(plain, today)
    assert bool(text) == bool(missing)
    if missing:
        assert "2027 年" in text and "desk-central calendar publish --year 2027" in text
    assert missing_years(plain.with_overrides(TABLE_2027), today) == []
    assert calendar_warning(plain.with_overrides(TABLE_2027), today) == ""


def test_a_year_not_covered_at_all_is_missing_even_before_november() -> None:
    cal = WorkdayCalendar(use_package=False).with_overrides(TABLE_2027)
    assert missing_years(cal, date(2028, 3, 1)) == [2028]
    assert missing_years(cal, date(2027, 11, 1)) == [2028]
