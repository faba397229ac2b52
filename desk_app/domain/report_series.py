"""Chart series over report rows: waiting time through the day, arrivals against serving windows, weekly ratings."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable, NamedTuple

from desk_app.domain.reports import RatingRow, TicketRow, is_issued, percentile
from desk_app.domain.timeutil import local_datetime


class HourPoint(NamedTuple):
    hour: int                    # 8 = 08:00-08:59, hall-local
    arrivals: int                # tickets issued in the hour
    serving_windows: int         # windows serving the tickets first called in the hour (a day's average)
    wait_median_min: float | None  # of the tickets issued in the hour and called
    wait_p90_min: float | None


class WeekPoint(NamedTuple):
    monday: str
    by_level: dict[int, int]


def by_hour(tickets: Iterable[TicketRow], first: int = 8, last: int = 18) -> list[HourPoint]:
    """Hours ``first``..``last`` of the rows' days (all days summed: a month shows its typical day)."""
    arrivals: dict[int, int] = {}
    waits: dict[int, list[int]] = {}
    windows: dict[int, set[tuple[str, int]]] = {}
    for t in tickets:
        if not is_issued(t):
            continue
        h = local_datetime(t.issued_at_ms).hour
        arrivals[h] = arrivals.get(h, 0) + 1
        if t.wait_ms is not None:
            waits.setdefault(h, []).append(t.wait_ms)
            if t.window_number is not None:
                ch = local_datetime(t.issued_at_ms + t.wait_ms).hour
                windows.setdefault(ch, set()).add((t.day, t.window_number))
    days = {t.day for t in tickets} or {""}
    out = []
    for h in range(first, last + 1):
        w = waits.get(h, [])
        med, p90 = percentile(w, 0.5), percentile(w, 0.9)
        # windows per day on average, so a month's chart reads like one day's
        serving = round(len(windows.get(h, ())) / len(days))
        out.append(HourPoint(h, arrivals.get(h, 0), serving, None if med is None else round(med / 60000, 1),
                             None if p90 is None else round(p90 / 60000, 1)))
    return out


def by_week(ratings: Iterable[RatingRow]) -> list[WeekPoint]:
    weeks: dict[str, dict[int, int]] = {}
    for r in ratings:
        d = date.fromisoformat(r.day)
        monday = (d - timedelta(days=d.weekday())).isoformat()
        lv = weeks.setdefault(monday, {})
        lv[r.level] = lv.get(r.level, 0) + 1
    return [WeekPoint(m, weeks[m]) for m in sorted(weeks)]
