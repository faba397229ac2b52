"""Windows and the queue day: pause and resume a window, the tidal switch, closing a category or the whole day."""
from __future__ import annotations

from sqlalchemy import select

from desk_app.domain import queue as q
from desk_app.domain import queue_windows as qw
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.domain.timeutil import hall_day
from desk_app.services.queue import statements as st
from desk_app.services.queue.results import DayClosed, WindowInfo
from desk_app.store.database import UnitOfWork
from desk_app.store.models import Ticket


def pause_window(uow: UnitOfWork, window: int, *, reason: str = "") -> WindowInfo:
    w, _ = st.window_row(uow.session, uow.hall_id, window)
    uow.emit(qw.WINDOW_PAUSED, f"window:{w.id}", {"number": window, "reason": reason.strip()[:100]})
    return st.window_row(uow.session, uow.hall_id, window)[1]


def resume_window(uow: UnitOfWork, window: int) -> WindowInfo:
    w, _ = st.window_row(uow.session, uow.hall_id, window)
    uow.emit(qw.WINDOW_RESUMED, f"window:{w.id}", {"number": window})
    return st.window_row(uow.session, uow.hall_id, window)[1]


def switch_categories(uow: UnitOfWork, window: int, categories: list[str] | None) -> WindowInfo:
    """Tidal switch: the window now serves ``categories`` (None: back to its configured profile)."""
    w, _ = st.window_row(uow.session, uow.hall_id, window)
    if categories is not None:
        if not categories:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请至少选择一个业务类别。"), field="categories")
        for c in categories:
            st.category_row(uow.session, uow.hall_id, c)
        if not w.tidal and list(categories) != list(w.categories or []):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{window} 号窗口不是潮汐窗口，不能切换业务类别。"), window=window, field="window")
    uow.emit(qw.WINDOW_CATEGORIES_CHANGED, f"window:{w.id}",
             {"number": window, "categories": list(categories) if categories is not None else None})
    return st.window_row(uow.session, uow.hall_id, window)[1]


# ---------------------------------------------------------------------------- the day
def close_category_for_day(uow: UnitOfWork, category: str, *, reopen: bool = False) -> None:
    st.category_row(uow.session, uow.hall_id, category)
    day = hall_day(uow.now_ms())
    uow.emit(qw.QUEUE_DAY_CATEGORY_REOPENED if reopen else qw.QUEUE_DAY_CATEGORY_CLOSED,
             f"queue_day:{qw.queue_day_key(uow.hall_id, day)}", {"category": category})


def close_day(uow: UnitOfWork, day: str | None = None) -> DayClosed:
    """End of day: every ticket still open is closed, and no more tickets are issued for the day."""
    day = day or hall_day(uow.now_ms())
    ids = uow.session.scalars(select(Ticket.id).where(
        Ticket.hall_id == uow.hall_id, Ticket.day == day, Ticket.status.in_(q.OPEN))).all()
    now = uow.now_ms()
    for tid in ids:
        uow.emit(q.TICKET_CLOSED, f"ticket:{tid}", {"at_ms": now})
    uow.emit(qw.QUEUE_DAY_CLOSED, f"queue_day:{qw.queue_day_key(uow.hall_id, day)}", {"at_ms": now})
    return DayClosed(day, len(ids))
