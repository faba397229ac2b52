"""Working-day calendar: statutory holidays and adjusted working weekends (调休), due dates and overdue checks.

Reading of the rules (seed 003 §29, §33; Administrative Licensing Law art. 82; the general rule that the
day on which a period starts is not counted in it):

* Time limits are counted in working days (工作日): Saturdays, Sundays and statutory holidays are off,
  adjusted working weekends (调休上班日) are on.
* The limit starts at acceptance, and **the acceptance day itself is not counted**: a case accepted on
  Monday with a promised limit of 1 working day is due on Tuesday. A case accepted on a non-working day
  (weekend opening hours, seed 002) has its first working day after that day as day 1.
* A limit of 0 (instant items, 即办件) is due on the acceptance day.
* A case is overdue when the hall day is after its due date and no extension with a written reason has
  been recorded (seed 003 §29 extensions need a written reason, §33 what counts as overdue).

Year table format (published by desk-central later, see docs/catalog-format.md "Working-day table")::

    {"2027": {"holidays": ["2027-01-01", ...], "workdays": ["2027-02-07", ...]}}

``holidays`` are the days off of statutory holidays (weekend days inside a holiday break may be listed
too), ``workdays`` the adjusted working weekends. A year in the table replaces the package's data for
that year entirely.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Mapping

from desk_app.domain.errors import QT_TRANSLATE_NOOP, KnownError, ValidationError


class CalendarYearMissing(KnownError):
    """Asked about a year that neither the holiday package nor the published table covers."""

    code = "calendar_year_missing"


@dataclass(frozen=True)
class YearTable:
    """One year's exceptions to the Monday–Friday week."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]


def _package_tables() -> dict[int, YearTable]:
    """The years shipped by the ``chinesecalendar`` package, as YearTables."""
    import chinese_calendar

    years: dict[int, tuple[set[date], set[date]]] = {}
    for d in chinese_calendar.holidays:
        years.setdefault(d.year, (set(), set()))[0].add(d)
    for d in chinese_calendar.workdays:
        years.setdefault(d.year, (set(), set()))[1].add(d)
    return {y: YearTable(y, frozenset(h), frozenset(w)) for y, (h, w) in years.items()}


_PACKAGE: dict[int, YearTable] | None = None


def _package() -> dict[int, YearTable]:
    global _PACKAGE
    if _PACKAGE is None:
        _PACKAGE = _package_tables()
    return _PACKAGE


def _parse_day(text: Any, year: int, key: str) -> date:
    try:
        d = date.fromisoformat(str(text))
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作日表 {year} 年“{key}”中的“{text}”不是 YYYY-MM-DD 格式的日期。"),
                              year=year, key=key, text=text,
                              field=f"{year}.{key}") from None
    if d.year != year:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作日表 {year} 年“{key}”中的日期 {day} 不属于 {year} 年。"),
                              year=year, key=key, day=d.isoformat(),
                              field=f"{year}.{key}")
    return d


def parse_table(table: Mapping[str, Any]) -> dict[int, YearTable]:
    """Validate a published year table and return it as YearTables; raise ValidationError in Chinese."""
    if not isinstance(table, Mapping):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作日表应为以年份为键的对象。"), field="workday_table")
    result: dict[int, YearTable] = {}
    for key, entry in table.items():
        if not str(key).isdigit() or len(str(key)) != 4:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作日表的键“{key}”不是四位年份。"), key=key, field="workday_table")
        year = int(key)
        if not isinstance(entry, Mapping):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作日表 {year} 年应包含 holidays 和 workdays 两个列表。"),
                                  year=year, field=str(year))
        holidays = frozenset(_parse_day(x, year, "holidays") for x in entry.get("holidays", []))
        workdays = frozenset(_parse_day(x, year, "workdays") for x in entry.get("workdays", []))
        both = holidays & workdays
        if both:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作日表 {year} 年有日期同时列为节假日和调休上班日：{both}。"),
                                  year=year, both='、'.join(sorted((d.isoformat() for d in both))), field=str(year))
        weekday_workdays = sorted(d.isoformat() for d in workdays if d.weekday() < 5)
        if weekday_workdays:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "工作日表 {year} 年的调休上班日应为周六或周日：{weekday_workdays}。"),
                                  year=year, weekday_workdays='、'.join(weekday_workdays),
                                  field=f"{year}.workdays")
        result[year] = YearTable(year, holidays, workdays)
    return result


class WorkdayCalendar:
    """Working days from the ``chinesecalendar`` package, overridden per year by a published table.

    ``weekday_fallback=True`` explicitly allows treating years nobody covers as plain Monday–Friday
    weeks (e.g. for a far-future estimate); without it such a year raises CalendarYearMissing, because a
    due date silently computed without the holidays would be wrong on a printed acceptance notice.
    """

    def __init__(self, tables: Mapping[int, YearTable] | None = None, *, use_package: bool = True,
                 weekday_fallback: bool = False):
        self._tables: dict[int, YearTable] = dict(tables or {})
        self._use_package = use_package
        self.weekday_fallback = weekday_fallback

    @classmethod
    def from_table(cls, table: Mapping[str, Any], *, use_package: bool = True,
                   weekday_fallback: bool = False) -> "WorkdayCalendar":
        return cls(parse_table(table), use_package=use_package, weekday_fallback=weekday_fallback)

    def with_overrides(self, table: Mapping[str, Any]) -> "WorkdayCalendar":
        """A new calendar whose years in ``table`` replace this calendar's data for those years."""
        merged = dict(self._tables)
        merged.update(parse_table(table))
        return WorkdayCalendar(merged, use_package=self._use_package, weekday_fallback=self.weekday_fallback)

    def covered_years(self) -> list[int]:
        years = set(self._tables)
        if self._use_package:
            years |= set(_package())
        return sorted(years)

    def _year(self, year: int) -> YearTable | None:
        if year in self._tables:
            return self._tables[year]
        if self._use_package and year in _package():
            return _package()[year]
        if self.weekday_fallback:
            return None
        years = self.covered_years()
        span = f"{years[0]}–{years[-1]} 年" if years else "任何年份"
        raise CalendarYearMissing(
            QT_TRANSLATE_NOOP("Errors", "没有 {year} 年的法定节假日和调休安排（当前只有 {span}），无法按工作日计算期限，本机不会估算日期。请联系信息管理员在中心服务器发布 "
                                        "{year} 年的节假日安排（desk-central calendar publish --year {year}）；发布后本机自动同步，"
                                        "无需重启，再重试即可。"), year=year, span=span,
            field="date")

    def to_table(self, year: int) -> dict[str, dict[str, list[str]]]:
        """The year's data in the published table format (for export or checking)."""
        t = self._year(year)
        if t is None:
            return {str(year): {"holidays": [], "workdays": []}}
        return {str(year): {"holidays": sorted(d.isoformat() for d in t.holidays),
                            "workdays": sorted(d.isoformat() for d in t.workdays)}}

    # ------------------------------------------------------------------ queries
    def is_workday(self, day: date) -> bool:
        t = self._year(day.year)
        if t is not None:
            if day in t.workdays:
                return True
            if day in t.holidays:
                return False
        return day.weekday() < 5

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``start`` itself is not counted); n=0 gives ``start``."""
        if n < 0:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "期限的工作日数不能为负数。"), field="days")
        day = start
        while n > 0:
            day += timedelta(days=1)
            if self.is_workday(day):
                n -= 1
        return day

    def due_date(self, accepted_on: date, promised_days: int) -> date:
        """The promised completion date of a case accepted on ``accepted_on`` (see the module docstring)."""
        return self.add_working_days(accepted_on, promised_days)

    def working_days_between(self, a: date, b: date) -> int:
        """Working days in (a, b]: after ``a`` up to and including ``b``; negative when b is before a."""
        if b < a:
            return -self.working_days_between(b, a)
        count, day = 0, a
        while day < b:
            day += timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    def is_overdue(self, due: date, today: date, extension_reason: str | None = None) -> bool:
        """True when ``today`` is past ``due`` and no extension with a written reason was recorded."""
        if extension_reason and extension_reason.strip():
            return False
        return today > due


# ---------------------------------------------------------------------------------------------- warning
# From this month on, a promised item accepted now can end in next year: its table must be there.
WARN_FROM_MONTH = 11


def missing_years(calendar: "WorkdayCalendar", today: date) -> list[int]:
    """Years the hall needs now that ``calendar`` lacks: this year, and from 1 November next year too."""
    needed = [today.year] + ([today.year + 1] if today.month >= WARN_FROM_MONTH else [])
    covered = set(calendar.covered_years())
    return [y for y in needed if y not in covered]


def calendar_warning(calendar: "WorkdayCalendar", today: date) -> str:
    """The Chinese warning every screen shows while a needed year's table is not published, else ""."""
    missing = missing_years(calendar, today)
    if not missing:
        return ""
    years = "、".join(f"{y} 年" for y in missing)
    return (f"尚未发布 {years}的法定节假日安排：跨入该年的承诺办结日期无法计算，相关办件不能受理。"
            f"请联系信息管理员在中心服务器运行 desk-central calendar publish --year {missing[-1]} 发布，"
            "发布后各窗口电脑自动同步。")
