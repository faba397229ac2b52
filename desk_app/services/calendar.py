"""The hall's working-day calendar: the package's years plus the table desk-central published (Meta)."""
from __future__ import annotations

import json
from typing import Any

from desk_app.domain.workdays import WorkdayCalendar
from desk_app.store.database import Store

META_KEY = "calendar_table"


def save_published_table(store: Store, table: dict[str, Any]) -> None:
    """Keep the year table pulled from desk-central; calendars built afterwards use it."""
    WorkdayCalendar.from_table(table)  # refuse a malformed table before it replaces the good one
    store.set_meta(META_KEY, json.dumps(table, ensure_ascii=False, sort_keys=True))


def hall_calendar(store: Store) -> WorkdayCalendar:
    raw = store.get_meta(META_KEY)
    base = WorkdayCalendar()
    return base.with_overrides(json.loads(raw)) if raw else base
