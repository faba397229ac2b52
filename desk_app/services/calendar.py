"""The hall's working-day calendar: the package's years plus the table desk-central published (Meta), live."""
from __future__ import annotations

import itertools
import json
import threading
from typing import Any

from desk_app.domain.timeutil import hall_date
from desk_app.domain.workdays import WorkdayCalendar, calendar_warning, parse_table
from desk_app.store.database import Store

META_KEY = "calendar_table"

# Bumped by every save in this process: calendars built earlier notice it without reading the database.
_generation = itertools.count(1)
_current_generation = 0


def save_published_table(store: Store, table: dict[str, Any]) -> None:
    """Keep the year table pulled from desk-central; every HallCalendar uses it from its next question on.

    Years already kept and not in ``table`` stay (a table published for one year adds to the others)."""
    global _current_generation
    parse_table(table)  # refuse a malformed table before it replaces the good one
    raw = store.get_meta(META_KEY)
    merged = {**(json.loads(raw) if raw else {}), **{str(k): v for k, v in table.items()}}
    store.set_meta(META_KEY, json.dumps(merged, ensure_ascii=False, sort_keys=True))
    _current_generation = next(_generation)


class HallCalendar:
    """A WorkdayCalendar that follows the published table: a table pulled during the day applies at once,
    without restarting (services keep one of these for their whole life)."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._seen = -1
        self._calendar = WorkdayCalendar()

    def current(self) -> WorkdayCalendar:
        with self._lock:
            if self._seen != _current_generation:
                self._seen = _current_generation
                raw = self.store.get_meta(META_KEY)
                self._calendar = WorkdayCalendar().with_overrides(json.loads(raw)) if raw else WorkdayCalendar()
            return self._calendar

    def __getattr__(self, name: str) -> Any:
        # due_date, add_working_days, is_workday, covered_years ...: whatever the current calendar offers
        return getattr(self.current(), name)


def hall_calendar(store: Store) -> HallCalendar:
    return HallCalendar(store)


def calendar_notice(store: Store, calendar: Any = None) -> str:
    """The status-bar warning for today (the store's clock): a needed year's holidays are not published."""
    cal = calendar if calendar is not None else hall_calendar(store)
    return calendar_warning(cal, hall_date(store.now_ms()))
