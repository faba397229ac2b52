"""Hall-local time: China has one time zone (UTC+8) and no daylight saving, so a fixed offset is exact."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA_TZ = timezone(timedelta(hours=8), "CST")


def local_datetime(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, CHINA_TZ)


def hall_day(ms: int) -> str:
    """The ISO date (YYYY-MM-DD) in the hall at Unix milliseconds ``ms``."""
    return local_datetime(ms).date().isoformat()


def hall_date(ms: int) -> date:
    return local_datetime(ms).date()


def ms_of(dt: datetime) -> int:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=CHINA_TZ)
    return int(dt.timestamp() * 1000)
