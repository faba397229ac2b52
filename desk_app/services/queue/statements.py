"""The queue's SQL, built once with bound parameters, and the row helpers every queue module shares.

Statements on the hot paths are built once: building a select() per call costs more than SQLite's own
work (see bench/queue_ops.py).
"""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import and_, bindparam, func, literal_column, select
from sqlalchemy.orm import Session

from desk_app.domain import queue as q
from desk_app.domain import queue_windows as qw
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from desk_app.services.queue.results import TicketView, WindowInfo
from desk_app.store.fastsql import run, sqlite_index
from desk_app.store.models import QueueCategory, Ticket, Window
from desk_app.store.models.queue import QueueDay, WindowState

W = Window.__table__
WS = WindowState.__table__
T = Ticket.__table__

VIEW_COLS = (Ticket.id, Ticket.number, Ticket.category, Ticket.status, Ticket.priority_group,
             Ticket.appointment_id, Ticket.window_number, Ticket.clerk, Ticket.issued_at_ms,
             Ticket.called_at_ms, Ticket.started_at_ms, Ticket.recall_count, Ticket.transferred_in,
             Ticket.target_window, Ticket.target_clerk, Ticket.state)
WINDOW = (select(W.c.id, W.c.number, W.c.name, W.c.categories, W.c.tidal, W.c.active, W.c.profile,
                 WS.c.paused, WS.c.pause_reason, WS.c.categories.label("tidal_categories"))
          .select_from(W.outerjoin(WS, WS.c.id == W.c.id))
          .where(W.c.hall_id == bindparam("hall"), W.c.number == bindparam("number")))
ALL_WINDOWS = (select(W.c.id, W.c.number, W.c.name, W.c.categories, W.c.tidal, W.c.active, W.c.profile,
                      WS.c.paused, WS.c.pause_reason, WS.c.categories.label("tidal_categories"))
               .select_from(W.outerjoin(WS, WS.c.id == W.c.id))
               .where(W.c.hall_id == bindparam("hall")).order_by(W.c.number))
CATEGORY = select(QueueCategory.active, QueueCategory.name).where(
    QueueCategory.hall_id == bindparam("hall"), QueueCategory.prefix == bindparam("prefix"))
QUEUE_DAY = select(QueueDay.closed, QueueDay.closed_categories).where(QueueDay.id == bindparam("key"))
AT_WINDOW = select(T.c.number).where(
    T.c.hall_id == bindparam("hall"), T.c.day == bindparam("day"),
    T.c.status.in_([literal_column(f"'{q.CALLED}'"), literal_column(f"'{q.SERVING}'")]),
    T.c.window_number == bindparam("window")).limit(1)
STATE_OF = select(T.c.status, T.c.window_number, T.c.number, T.c.recall_count, T.c.day,
                  T.c.category).where(T.c.id == bindparam("id"))
VIEW_BY_ID = select(*VIEW_COLS).where(Ticket.id == bindparam("id"))
# A literal, not a bound value: only then can SQLite use the partial index of waiting tickets.
IS_WAITING = T.c.status == literal_column(f"'{q.WAITING}'")
BASE_WAITING = (T.c.hall_id == bindparam("hall"), T.c.day == bindparam("day"), IS_WAITING)
# A plain walk-in: no priority, transfer, appointment, hold or target (its place is its issue time).
EMPTY = literal_column("''")
ORDINARY = (T.c.priority_group == EMPTY, T.c.transferred_in.is_(False), T.c.appt_slot_ms.is_(None),
            T.c.comes_back.is_(False), T.c.target_window.is_(None), T.c.target_clerk == EMPTY)
# Issuing reads the category, the day's closures and the plain walk-ins waiting in one round trip.
FOR_ISSUE = CATEGORY.add_columns(
    select(QueueDay.closed).where(QueueDay.id == bindparam("key")).scalar_subquery().label("day_closed"),
    select(QueueDay.closed_categories).where(QueueDay.id == bindparam("key")).scalar_subquery()
    .label("closed_categories"),
    select(func.count()).select_from(T).where(
        T.c.hall_id == bindparam("hall"), T.c.day == bindparam("day"), IS_WAITING,
        T.c.category == bindparam("prefix"), *ORDINARY).scalar_subquery().label("ordinary_waiting"))
# call-next reads the window and whether it still has a ticket in one round trip
WINDOW_FOR_CALL = WINDOW.add_columns(
    select(T.c.number).where(
        T.c.hall_id == bindparam("hall"), T.c.day == bindparam("day"),
        T.c.status.in_([literal_column(f"'{q.CALLED}'"), literal_column(f"'{q.SERVING}'")]),
        T.c.window_number == bindparam("number")).limit(1).scalar_subquery().label("current_number"))
# The calling-order keys of a waiting ticket, for ranking the few non-ordinary ones in Python.
KEY_COLS = (T.c.id, T.c.category, T.c.issued_at_ms, T.c.issued_hlc, T.c.priority_group,
            T.c.target_window, T.c.target_clerk, T.c.comes_back, T.c.transferred_in, T.c.appt_slot_ms)
SPECIAL_IN_CATEGORY = sqlite_index(
    select(*KEY_COLS, T.c.status).where(*BASE_WAITING, ~and_(*ORDINARY), T.c.category == bindparam("prefix")),
    "tickets", "ix_tickets_special")


def as_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def ticket_view(r: Any) -> TicketView:
    return TicketView(
        id=r.id, number=r.number, category=r.category, status=r.status,
        priority_group=r.priority_group or "", appointment=r.appointment_id is not None,
        window_number=r.window_number, clerk=r.clerk or "", issued_at_ms=r.issued_at_ms,
        called_at_ms=r.called_at_ms, started_at_ms=r.started_at_ms, recall_count=r.recall_count or 0,
        transferred_in=bool(r.transferred_in), target_window=r.target_window,
        target_clerk=r.target_clerk or "", conflicts=tuple((as_json(r.state) or {}).get("conflicts", ())))


def load_ticket(session: Session, ticket_id: str) -> TicketView:
    r = run(session.connection(), VIEW_BY_ID, {"id": ticket_id}).first()
    if r is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到该号码，可能已被其他电脑处理。请刷新后重试。"), field="ticket")
    return ticket_view(r)


def ticket_state(session: Session, ticket_id: str) -> Any:
    """The projected ticket's state; the service checks it before emitting so the user gets a reason."""
    r = run(session.connection(), STATE_OF, {"id": ticket_id}).first()
    if r is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到该号码，可能已被其他电脑处理。请刷新后重试。"), field="ticket")
    return r


_STATUS_ZH = {q.PRINTING: "正在打印", q.WAITING: "等候中", q.CALLED: "已叫号", q.SERVING: "办理中",
              q.HELD: "已挂起", q.NO_SHOW: "已过号", q.FINISHED: "已办结", q.CLOSED: "已闭号",
              q.VOID: "已作废"}


def status_label(status: str) -> str:
    return _STATUS_ZH.get(status, status)


def require_at_window(r: Any, window: int, allowed: frozenset[str] | set[str], action: str) -> None:
    if r.window_number != window or r.status not in allowed:
        where = f"（{r.window_number} 号窗口）" if r.window_number is not None else ""
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "号码 {number} 当前为“{status}”{where}，不能{action}。请刷新本窗口的号码。"), number=r.number, status=status_label(r.status), where=where, action=action, field="ticket")


def window_row(session: Session, hall_id: str, number: int) -> tuple[Any, WindowInfo]:
    w = run(session.connection(), WINDOW, {"hall": hall_id, "number": number}).first()
    return w, window_info_of(w, number)


def window_info_of(w: Any, number: int) -> WindowInfo:
    if w is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "{number} 号窗口未配置。请在窗口设置中添加。"), number=number, field="window")
    tidal_cats = as_json(w.tidal_categories)
    cats = tuple(tidal_cats) if tidal_cats is not None else tuple(as_json(w.categories) or ())
    return WindowInfo(number=w.number, name=w.name or "", categories=cats, paused=bool(w.paused),
                      pause_reason=w.pause_reason or "", tidal=bool(w.tidal), active=bool(w.active))


def queue_day_row(session: Session, hall_id: str, day: str) -> Any:
    return run(session.connection(), QUEUE_DAY, {"key": qw.queue_day_key(hall_id, day)}).first()


def category_row(session: Session, hall_id: str, prefix: str) -> Any:
    cat = run(session.connection(), CATEGORY, {"hall": hall_id, "prefix": prefix}).first()
    if cat is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "没有业务类别“{prefix}”。请在类别列表中选择。"), prefix=prefix, field="category")
    return cat


def check_category_open(conn: Any, hall_id: str, day: str, prefix: str) -> Any:
    """The category (name, people waiting) if tickets may be issued in it today; else a reason why not."""
    cat = run(conn, FOR_ISSUE, {"hall": hall_id, "prefix": prefix, "day": day,
                                "key": qw.queue_day_key(hall_id, day)}).first()
    if cat is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "没有业务类别“{prefix}”。请在类别列表中选择。"), prefix=prefix, field="category")
    if not cat.active or prefix in (as_json(cat.closed_categories) or ()):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "业务类别“{name}”今日已停止取号。请引导申请人办理其他类别或次日再来。"), name=cat.name,
                              field="category")
    if cat.day_closed:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "今日叫号已结束，不能再取号。请引导申请人次日再来或预约。"), field="category")
    return cat
