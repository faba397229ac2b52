"""Window state (pause, tidal category switches) and the queue day (categories closed, day closed) as folds of events."""
from __future__ import annotations

from dataclasses import dataclass, replace

from desk_app.domain.events import Event, ordered, register

WINDOW_PAUSED = register("window.paused", "window").name
WINDOW_RESUMED = register("window.resumed", "window").name
WINDOW_CATEGORIES_CHANGED = register("window.categories_changed", "window").name  # tidal switch

QUEUE_DAY_CATEGORY_CLOSED = register("queue_day.category_closed", "queue_day").name
QUEUE_DAY_CATEGORY_REOPENED = register("queue_day.category_reopened", "queue_day").name
QUEUE_DAY_CLOSED = register("queue_day.closed", "queue_day").name


@dataclass(frozen=True)
class WindowState:
    """``categories`` is None while the window serves its configured profile."""
    window_id: str
    hall_id: str
    number: int
    paused: bool = False
    pause_reason: str = ""
    categories: tuple[str, ...] | None = None
    changed_by: str = ""
    paused_at_ms: int | None = None  # when the pause began, by the pausing PC's clock (the overview's alert)


def fold_window(events: list[Event]) -> WindowState | None:
    state: WindowState | None = None
    for ev in ordered(events):
        p = ev.payload
        if state is None:
            state = WindowState(window_id=ev.aggregate_id, hall_id=ev.hall, number=int(p["number"]))
        if ev.type == WINDOW_PAUSED:
            since = state.paused_at_ms if state.paused else p.get("at_ms", _wall_ms(ev.hlc))
            state = replace(state, paused=True, pause_reason=p.get("reason", ""), changed_by=ev.actor,
                            paused_at_ms=since)
        elif ev.type == WINDOW_RESUMED:
            state = replace(state, paused=False, pause_reason="", changed_by=ev.actor, paused_at_ms=None)
        elif ev.type == WINDOW_CATEGORIES_CHANGED:
            cats = p.get("categories")
            state = replace(state, categories=tuple(cats) if cats is not None else None,
                            changed_by=ev.actor)
    return state


def _wall_ms(hlc: str) -> int | None:
    try:
        return int(hlc.split(".", 1)[0])
    except ValueError:
        return None


@dataclass(frozen=True)
class QueueDayState:
    key: str  # "<hall>/<day>"
    hall_id: str
    day: str
    closed: bool = False
    closed_categories: tuple[str, ...] = ()


def queue_day_key(hall_id: str, day: str) -> str:
    return f"{hall_id}/{day}"


def fold_queue_day(events: list[Event]) -> QueueDayState | None:
    state: QueueDayState | None = None
    for ev in ordered(events):
        if state is None:
            hall, day = ev.aggregate_id.rsplit("/", 1)
            state = QueueDayState(key=ev.aggregate_id, hall_id=hall, day=day)
        cat = ev.payload.get("category", "")
        if ev.type == QUEUE_DAY_CATEGORY_CLOSED and cat not in state.closed_categories:
            state = replace(state, closed_categories=tuple(sorted({*state.closed_categories, cat})))
        elif ev.type == QUEUE_DAY_CATEGORY_REOPENED:
            state = replace(state, closed_categories=tuple(c for c in state.closed_categories if c != cat))
        elif ev.type == QUEUE_DAY_CLOSED:
            state = replace(state, closed=True)
    return state
