"""Calling tickets to a window by DOMAIN.md's calling order: call next, recall, no-show, hold, resume, finish,
serve again (过号受理) and transfer.

Call-next only touches today's open tickets through the (hall_id, day, status) index, so it stays flat however
much history the database holds.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import and_, bindparam, case, literal_column, or_, select, union_all

from desk_app.domain import queue as q
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from desk_app.domain.timeutil import hall_day
from desk_app.services.queue import statements as st
from desk_app.services.queue.results import RecallResult, TicketView, WindowInfo
from desk_app.store.database import UnitOfWork
from desk_app.store.fastsql import run, sqlite_index
from desk_app.store.models import Ticket, User

_RECENT_LANES: dict[int, Any] = {}


def recent_lanes(conn: Any, hall_id: str, day: str, window: int, n: int) -> list[bool]:
    """Whether each of the window's latest calls today was a priority ticket, newest first."""
    stmt = _RECENT_LANES.get(n)
    if stmt is None:
        stmt = _RECENT_LANES[n] = (
            select(st.T.c.priority_group)
            .where(st.T.c.hall_id == bindparam("hall"), st.T.c.day == bindparam("day"),
                   st.T.c.called_at_ms.is_not(None), st.T.c.window_number == bindparam("window"))
            .order_by(st.T.c.called_at_ms.desc()).limit(n))
    rows = run(conn, stmt, {"hall": hall_id, "day": day, "window": window})
    return [bool(r[0]) for r in rows]


_ZERO, _ONE = literal_column("0"), literal_column("1")


def _lit(prefix: str) -> Any:
    """A category prefix inlined into the cached statement (prefixes are short codes like "A" or "BDC");
    bound parameters and an expanding IN made every call-next re-render and re-bind the statement."""
    if prefix.isascii() and prefix.isalnum():
        return literal_column(f"'{prefix}'")
    return bindparam(None, prefix)


def _eligible_clause(profile: q.WindowProfile) -> Any:
    clauses = [st.T.c.target_window == bindparam("window")]
    if profile.categories:
        clauses.append(and_(st.T.c.target_window.is_(None), st.T.c.target_clerk == "",
                            st.T.c.category.in_([_lit(c) for c in profile.categories])))
    if profile.clerk:
        clauses.append(and_(st.T.c.target_window.is_(None), st.T.c.target_clerk == bindparam("clerk")))
    return or_(*clauses)


def _order_by(profile: q.WindowProfile, priority_first: bool) -> list[Any]:
    """order_key of domain/queue.py expressed in SQL: the same keys in the same order."""
    first, second = (_ZERO, _ONE) if priority_first else (_ONE, _ZERO)
    here = case((and_(st.T.c.comes_back.is_(True), st.T.c.target_window == bindparam("window")), _ZERO), else_=_ONE)
    prio = case((st.T.c.priority_group != "", first), else_=second)
    transferred = case((st.T.c.transferred_in.is_(True), _ZERO), else_=_ONE)
    appt_started = case((and_(st.T.c.appt_slot_ms.is_not(None), st.T.c.appt_slot_ms <= bindparam("now")), _ZERO),
                        else_=_ONE)
    appt = case((st.T.c.appt_slot_ms.is_not(None), _ZERO), else_=_ONE)
    keys = [here, prio, transferred, appt_started, appt]
    if profile.category_order and len(profile.categories) > 1:
        keys.append(case(*[(st.T.c.category == _lit(c), literal_column(str(i)))
                           for i, c in enumerate(profile.categories)], else_=_ZERO))
    keys += [st.T.c.issued_at_ms, st.T.c.issued_hlc]
    return keys


_CANDIDATES: dict[tuple, Any] = {}
_LONGEST_WAIT = (select(*[st.T.c[c.key] for c in st.VIEW_COLS]).where(
    *st.BASE_WAITING, st.T.c.target_window.is_(None), st.T.c.target_clerk == "")
    .order_by(st.T.c.issued_at_ms, st.T.c.issued_hlc).limit(1))


def candidates_stmt(profile: q.WindowProfile, priority_first: bool, limit: int) -> Any:
    """The calling-order query for a window profile (the list a window would call), built once per shape."""
    key = (profile.categories, profile.category_order, bool(profile.clerk), priority_first, limit)
    stmt = _CANDIDATES.get(key)
    if stmt is None:
        stmt = (select(*[st.T.c[c.key] for c in st.VIEW_COLS]).where(*st.BASE_WAITING, _eligible_clause(profile))
                .order_by(*_order_by(profile, priority_first)).limit(limit))
        if len(_CANDIDATES) > 512:  # tidal switches make new shapes; never grow without bound
            _CANDIDATES.clear()
        _CANDIDATES[key] = stmt
    return stmt


def window_profile(w: Any, info: WindowInfo, clerk: str) -> q.WindowProfile:
    prof = st.as_json(w.profile) or {}
    return q.WindowProfile(number=info.number, categories=info.categories,
                           category_order=bool(prof.get("category_order", True)),
                           fallback_longest_wait=bool(prof.get("fallback_longest_wait", False)),
                           clerk=clerk)


# call-next ranks few rows: waiting tickets split into "ordinary" ones (no priority, transfer, appointment,
# hold or target), whose calling order within a category is just issue order, which the waiting-tickets
# index gives directly, and the few others. The best of each part are compared by domain order_key.
_NEXT_PICKS: dict[tuple, Any] = {}


def _next_picks_stmts(profile: q.WindowProfile, priority_first: bool) -> tuple[Any, Any]:
    """The best non-ordinary ticket by the full calling order (from their own small index), and the first
    ordinary one of each category (from the waiting-tickets index, in issue order)."""
    key = (profile.categories, profile.category_order, bool(profile.clerk), priority_first)
    stmts = _NEXT_PICKS.get(key)
    if stmts is None:
        special = sqlite_index(
            select(*st.KEY_COLS).where(*st.BASE_WAITING, ~and_(*st.ORDINARY), _eligible_clause(profile))
            .order_by(*_order_by(profile, priority_first)).limit(1), "tickets", "ix_tickets_special")
        parts = [select((select(*st.KEY_COLS).where(*st.BASE_WAITING, st.T.c.category == _lit(c), *st.ORDINARY)
                         .order_by(st.T.c.issued_at_ms, st.T.c.issued_hlc).limit(1)).subquery())
                 for c in profile.categories]
        ordinary = (union_all(*parts) if len(parts) > 1 else parts[0]) if parts else None
        if len(_NEXT_PICKS) > 512:  # tidal switches make new shapes; never grow without bound
            _NEXT_PICKS.clear()
        stmts = _NEXT_PICKS[key] = (special, ordinary)
    return stmts


def call_next(uow: UnitOfWork, window: int, *, clerk: str = "",
              config: q.QueueConfig | None = None) -> TicketView:
    """Call the next ticket for ``window`` by the calling order of DOMAIN.md."""
    cfg = config or q.QueueConfig()
    conn = uow.conn
    now = uow.now_ms()
    day = hall_day(now)
    w = run(conn, st.WINDOW_FOR_CALL, {"hall": uow.hall_id, "number": window, "day": day}).first()
    info = st.window_info_of(w, window)
    if not info.active:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{window} 号窗口未开放，不能叫号。"), window=window, field="window")
    if info.paused:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{window} 号窗口已暂停，请先恢复服务再叫号。"), window=window, field="window")
    if w.current_number is not None:
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "本窗口的 {current_number} 号还未办结。请先办结、过号、挂起或转移，再叫下一号。"), current_number=w.current_number,
                            field="ticket")
    params = {"hall": uow.hall_id, "day": day, "window": window, "now": now, "clerk": clerk}
    profile = window_profile(w, info, clerk)
    n = cfg.interleave_n
    priority_first = q.prefer_priority(cfg, recent_lanes(conn, uow.hall_id, day, window, n) if n else [])
    special, ordinary = _next_picks_stmts(profile, priority_first)
    picks = run(conn, special, params).all() + (run(conn, ordinary, params).all() if ordinary is not None else [])
    first = min(picks, key=lambda t: q.order_key(t, profile, now, priority_first)) if picks else None
    row = run(conn, st.VIEW_BY_ID, {"id": first.id}).first() if first is not None else None
    if row is None and profile.fallback_longest_wait:
        row = run(conn, _LONGEST_WAIT, params).first()
    if row is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "本窗口的业务暂无等候的号码。"), field="ticket")
    uow.emit(q.TICKET_CALLED, f"ticket:{row.id}", {
        "window": window, "clerk": clerk, "at_ms": now,
        "lane": "priority" if row.priority_group else "ordinary"})
    v = st.ticket_view(row)
    return TicketView(**{**v.__dict__, "status": q.CALLED, "window_number": window, "clerk": clerk,
                         "called_at_ms": now, "recall_count": 0})


def recall(uow: UnitOfWork, ticket_id: str, window: int, *,
           config: q.QueueConfig | None = None) -> RecallResult:
    """Call the same ticket again; past the cap it becomes a no-show instead."""
    cfg = config or q.QueueConfig()
    r = st.ticket_state(uow.session, ticket_id)
    st.require_at_window(r, window, {q.CALLED}, "重呼")
    if r.recall_count >= cfg.recall_cap:
        uow.emit(q.TICKET_NO_SHOW, f"ticket:{ticket_id}",
                 {"window": window, "at_ms": uow.now_ms(), "reason": "recall_cap"})
        return RecallResult(st.load_ticket(uow.session, ticket_id), became_no_show=True)
    uow.emit(q.TICKET_RECALLED, f"ticket:{ticket_id}", {"window": window, "at_ms": uow.now_ms()})
    return RecallResult(st.load_ticket(uow.session, ticket_id), became_no_show=False)


def _simple(uow: UnitOfWork, ticket_id: str, window: int, allowed: set[str], action: str,
            event: str, **payload: Any) -> TicketView:
    r = st.ticket_state(uow.session, ticket_id)
    st.require_at_window(r, window, allowed, action)
    uow.emit(event, f"ticket:{ticket_id}", {"window": window, "at_ms": uow.now_ms(), **payload})
    return st.load_ticket(uow.session, ticket_id)


def no_show(uow: UnitOfWork, ticket_id: str, window: int) -> TicketView:
    return _simple(uow, ticket_id, window, {q.CALLED}, "按过号处理", q.TICKET_NO_SHOW)


def start_service(uow: UnitOfWork, ticket_id: str, window: int, *, clerk: str = "") -> TicketView:
    return _simple(uow, ticket_id, window, {q.CALLED}, "开始办理", q.TICKET_SERVICE_STARTED, clerk=clerk)


def hold(uow: UnitOfWork, ticket_id: str, window: int, *, reason: str = "") -> TicketView:
    return _simple(uow, ticket_id, window, {q.CALLED, q.SERVING}, "挂起", q.TICKET_HELD,
                   reason=reason.strip()[:100])


def resume(uow: UnitOfWork, ticket_id: str, window: int) -> TicketView:
    """A held ticket comes back: it waits again, first in line at its window."""
    return _simple(uow, ticket_id, window, {q.HELD}, "恢复", q.TICKET_RESUMED)


def finish(uow: UnitOfWork, ticket_id: str, window: int) -> TicketView:
    return _simple(uow, ticket_id, window, {q.CALLED, q.SERVING}, "办结", q.TICKET_FINISHED)


def serve_again(uow: UnitOfWork, number: str, window: int, *, clerk: str = "") -> TicketView:
    """过号受理: a no-show of today is called to this window."""
    day = hall_day(uow.now_ms())
    number = (number or "").strip().upper()
    r = uow.session.execute(select(Ticket.id, Ticket.status).where(
        Ticket.hall_id == uow.hall_id, Ticket.day == day, Ticket.number == number)).first()
    if r is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "今天没有号码 {number}。过号受理只适用于当天的号码。"), number=number, field="number")
    if r.status != q.NO_SHOW:
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "号码 {number} 当前为“{status}”，不是过号，不能过号受理。"), number=number, status=st.status_label(r.status),
                            field="number")
    _, info = st.window_row(uow.session, uow.hall_id, window)
    if info.paused:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{window} 号窗口已暂停，请先恢复服务。"), window=window, field="window")
    current = run(uow.session.connection(), st.AT_WINDOW,
                   {"hall": uow.hall_id, "day": day, "window": window}).first()
    if current is not None:
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "本窗口的 {number} 号还未办结。请先办结、过号、挂起或转移，再受理过号。"), number=current.number,
                            field="ticket")
    uow.emit(q.TICKET_SERVED_AGAIN, f"ticket:{r.id}", {"window": window, "clerk": clerk,
                                                        "at_ms": uow.now_ms()})
    return st.load_ticket(uow.session, r.id)


def transfer(uow: UnitOfWork, ticket_id: str, window: int, *, reason: str,
             to_category: str | None = None, to_window: int | None = None,
             to_clerk: str | None = None) -> TicketView:
    """Send the ticket on with a reason; it keeps its original issue time and waits as transferred-in."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请填写转移原因。"), field="reason")
    if not (to_category or to_window is not None or to_clerk):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请选择转往的业务类别、窗口或工作人员。"), field="target")
    r = st.ticket_state(uow.session, ticket_id)
    st.require_at_window(r, window, {q.CALLED, q.SERVING, q.HELD}, "转移")
    s, hall = uow.session, uow.hall_id
    if to_category:
        st.check_category_open(s.connection(), hall, r.day, to_category)
    if to_window is not None:
        if to_window == window:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "不能转移到本窗口。"), field="to_window")
        _, info = st.window_row(s, hall, to_window)
        if not info.active:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{to_window} 号窗口未开放，不能转入。请选择其他窗口。"), to_window=to_window, field="to_window")
        if info.paused:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{to_window} 号窗口已暂停，不能转入。请选择其他窗口或稍后再转。"), to_window=to_window,
                                  field="to_window")
    if to_clerk:
        u = s.execute(select(User.active).where(User.hall_id == hall, User.username == to_clerk)).first()
        if u is None or not u.active:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "没有在岗的工作人员“{to_clerk}”。请重新选择。"), to_clerk=to_clerk, field="to_clerk")
    uow.emit(q.TICKET_TRANSFERRED, f"ticket:{ticket_id}", {
        "window": window, "at_ms": uow.now_ms(), "reason": reason[:200],
        "to_category": to_category or None, "to_window": to_window, "to_clerk": to_clerk or ""})
    return st.load_ticket(s, ticket_id)
