"""The hall's working-day calendar: the package's years plus the table desk-central published (Meta)."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from desk_app.domain.timeutil import hall_date
from desk_app.domain.workdays import WorkdayCalendar, calendar_warning, parse_table
from desk_app.store.database import Store
from desk_app.store.models import Meta

META_KEY = "calendar_table"


def save_published_table(store: Store, table: dict[str, Any]) -> None:
    """Keep the year table pulled from desk-central; every deadline computed from now on uses it.

    Years already kept and not in ``table`` stay (a table published for one year adds to the others)."""
    parse_table(table)  # refuse a malformed table before it replaces the good one
    raw = store.get_meta(META_KEY)
    merged = {**(json.loads(raw) if raw else {}), **{str(k): v for k, v in table.items()}}
    store.set_meta(META_KEY, json.dumps(merged, ensure_ascii=False, sort_keys=True))


def read_calendar(session: Session) -> WorkdayCalendar:
    """The calendar as this transaction sees it: each use case reads it when it computes a deadline, so a
    table pulled during the day applies at once, without restarting."""
    row = session.get(Meta, META_KEY)
    return WorkdayCalendar().with_overrides(json.loads(row.value)) if row and row.value else WorkdayCalendar()


def hall_calendar(store: Store) -> WorkdayCalendar:
    """The calendar as committed now (a snapshot: ask again for a later table)."""
    with store.read() as s:
        return read_calendar(s)


def calendar_notice(store: Store, calendar: Any = None) -> str:
    """The status-bar warning for today (the store's clock): a needed year's holidays are not published."""
    cal = calendar if calendar is not None else hall_calendar(store)
    return calendar_warning(cal, hall_date(store.now_ms()))
