"""Queue use cases: issuing, calling, recalling, no-show, hold, transfer, finishing, window pause and tidal switch, day close.

Each function takes a unit of work and returns a frozen dataclass; ``QueueService`` binds them to a
Store for the UI. Hot paths (issue, call-next) only touch today's open tickets through the
(hall_id, day, status) index, so they stay flat however much history the database holds.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy import and_, bindparam, case, func, literal_column, or_, select, union_all
from sqlalchemy.orm import Session

from desk_app.domain import queue as q
from desk_app.domain import queue_windows as qw
from desk_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import hall_day
from desk_app.store.database import Store, UnitOfWork
from desk_app.store.fastsql import run as _run, sqlite_index
from desk_app.store.models import QueueCategory, Ticket, User, Window
from desk_app.store.models.queue import QueueDay, WindowState
from desk_app.store.numbering import MODE_KEY, take_number


# ============================================================================ results
@dataclass(frozen=True)
class IssuedTicket:
    id: str
    number: str
    category: str
    day: str
    issued_at_ms: int
    priority_group: str = ""
    appointment_id: str | None = None
    appointment_on_time: bool = False
    ahead: int = 0             # tickets the calling order puts before this one (domain people_ahead)
    estimate_min: int = 0
    category_name: str = ""
    counted: bool = True       # False until printed or confirmed handed out


@dataclass(frozen=True)
class TicketView:
    id: str
    number: str
    category: str
    status: str
    priority_group: str = ""
    appointment: bool = False
    window_number: int | None = None
    clerk: str = ""
    issued_at_ms: int = 0
    called_at_ms: int | None = None
    started_at_ms: int | None = None
    recall_count: int = 0
    transferred_in: bool = False
    target_window: int | None = None
    target_clerk: str = ""
    conflicts: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class RecallResult:
    ticket: TicketView
    became_no_show: bool  # the cap was reached: the ticket is now a no-show


@dataclass(frozen=True)
class WindowInfo:
    number: int
    name: str
    categories: tuple[str, ...]
    paused: bool
    pause_reason: str
    tidal: bool
    active: bool


@dataclass(frozen=True)
class CategoryInfo:
    prefix: str
    name: str
    active: bool
    closed_today: bool
    waiting: int
    estimate_min: int
    settings: dict[str, Any]


@dataclass(frozen=True)
class CallView:
    number: str
    window_number: int
    called_at_ms: int
    category: str


@dataclass(frozen=True)
class WindowBoard:
    number: int
    name: str
    serving: str | None  # the ticket number at the window, if any
    paused: bool


@dataclass(frozen=True)
class DayClosed:
    day: str
    closed_tickets: int


# ============================================================================ helpers shared by the queries
def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


# ============================================================================ helpers
_VIEW_COLS = (Ticket.id, Ticket.number, Ticket.category, Ticket.status, Ticket.priority_group,
              Ticket.appointment_id, Ticket.window_number, Ticket.clerk, Ticket.issued_at_ms,
              Ticket.called_at_ms, Ticket.started_at_ms, Ticket.recall_count, Ticket.transferred_in,
              Ticket.target_window, Ticket.target_clerk, Ticket.state)


def _view(r: Any) -> TicketView:
    return TicketView(
        id=r.id, number=r.number, category=r.category, status=r.status,
        priority_group=r.priority_group or "", appointment=r.appointment_id is not None,
        window_number=r.window_number, clerk=r.clerk or "", issued_at_ms=r.issued_at_ms,
        called_at_ms=r.called_at_ms, started_at_ms=r.started_at_ms, recall_count=r.recall_count or 0,
        transferred_in=bool(r.transferred_in), target_window=r.target_window,
        target_clerk=r.target_clerk or "", conflicts=tuple((_json(r.state) or {}).get("conflicts", ())))


def _ticket(session: Session, ticket_id: str) -> TicketView:
    r = _run(session.connection(), _VIEW_BY_ID, {"id": ticket_id}).first()
    if r is None:
        raise NotFoundError("找不到该号码，可能已被其他电脑处理。请刷新后重试。", field="ticket")
    return _view(r)


def _state_of(session: Session, ticket_id: str) -> Any:
    """The projected ticket's state; the service checks it before emitting so the user gets a reason."""
    r = _run(session.connection(), _STATE_OF, {"id": ticket_id}).first()
    if r is None:
        raise NotFoundError("找不到该号码，可能已被其他电脑处理。请刷新后重试。", field="ticket")
    return r


_STATUS_ZH = {q.PRINTING: "正在打印", q.WAITING: "等候中", q.CALLED: "已叫号", q.SERVING: "办理中",
              q.HELD: "已挂起", q.NO_SHOW: "已过号", q.FINISHED: "已办结", q.CLOSED: "已闭号",
              q.VOID: "已作废"}


def status_label(status: str) -> str:
    return _STATUS_ZH.get(status, status)


def _require_at_window(r: Any, window: int, allowed: frozenset[str] | set[str], action: str) -> None:
    if r.window_number != window or r.status not in allowed:
        where = f"（{r.window_number} 号窗口）" if r.window_number is not None else ""
        raise ConflictError(f"号码 {r.number} 当前为“{status_label(r.status)}”{where}，不能{action}。"
                            "请刷新本窗口的号码。", field="ticket")


# Statements on the hot paths are built once with bound parameters: building a select() per call
# costs more than SQLite's own work (see bench/queue_ops.py).
_W = Window.__table__
_WS = WindowState.__table__
_T = Ticket.__table__
_WINDOW = (select(_W.c.id, _W.c.number, _W.c.name, _W.c.categories, _W.c.tidal, _W.c.active, _W.c.profile,
                  _WS.c.paused, _WS.c.pause_reason, _WS.c.categories.label("tidal_categories"))
           .select_from(_W.outerjoin(_WS, _WS.c.id == _W.c.id))
           .where(_W.c.hall_id == bindparam("hall"), _W.c.number == bindparam("number")))
_ALL_WINDOWS = (select(_W.c.id, _W.c.number, _W.c.name, _W.c.categories, _W.c.tidal, _W.c.active, _W.c.profile,
                       _WS.c.paused, _WS.c.pause_reason, _WS.c.categories.label("tidal_categories"))
                .select_from(_W.outerjoin(_WS, _WS.c.id == _W.c.id))
                .where(_W.c.hall_id == bindparam("hall")).order_by(_W.c.number))
_CATEGORY = select(QueueCategory.active, QueueCategory.name).where(
    QueueCategory.hall_id == bindparam("hall"), QueueCategory.prefix == bindparam("prefix"))
_QUEUE_DAY = select(QueueDay.closed, QueueDay.closed_categories).where(QueueDay.id == bindparam("key"))
_AT_WINDOW = select(_T.c.number).where(
    _T.c.hall_id == bindparam("hall"), _T.c.day == bindparam("day"),
    _T.c.status.in_([literal_column(f"'{q.CALLED}'"), literal_column(f"'{q.SERVING}'")]),
    _T.c.window_number == bindparam("window")).limit(1)
_STATE_OF = select(_T.c.status, _T.c.window_number, _T.c.number, _T.c.recall_count, _T.c.day,
                   _T.c.category).where(_T.c.id == bindparam("id"))
_VIEW_BY_ID = select(*_VIEW_COLS).where(Ticket.id == bindparam("id"))
# A literal, not a bound value: only then can SQLite use the partial index of waiting tickets.
_IS_WAITING = _T.c.status == literal_column(f"'{q.WAITING}'")
# A plain walk-in: no priority, transfer, appointment, hold or target (its place is its issue time).
_EMPTY = literal_column("''")
_ORDINARY = (_T.c.priority_group == _EMPTY, _T.c.transferred_in.is_(False), _T.c.appt_slot_ms.is_(None),
             _T.c.comes_back.is_(False), _T.c.target_window.is_(None), _T.c.target_clerk == _EMPTY)
# Issuing reads the category, the day's closures and the plain walk-ins waiting in one round trip.
_FOR_ISSUE = _CATEGORY.add_columns(
    select(QueueDay.closed).where(QueueDay.id == bindparam("key")).scalar_subquery().label("day_closed"),
    select(QueueDay.closed_categories).where(QueueDay.id == bindparam("key")).scalar_subquery()
    .label("closed_categories"),
    select(func.count()).select_from(_T).where(
        _T.c.hall_id == bindparam("hall"), _T.c.day == bindparam("day"), _IS_WAITING,
        _T.c.category == bindparam("prefix"), *_ORDINARY).scalar_subquery().label("ordinary_waiting"))


# call-next reads the window and whether it still has a ticket in one round trip
_WINDOW_FOR_CALL = _WINDOW.add_columns(
    select(_T.c.number).where(
        _T.c.hall_id == bindparam("hall"), _T.c.day == bindparam("day"),
        _T.c.status.in_([literal_column(f"'{q.CALLED}'"), literal_column(f"'{q.SERVING}'")]),
        _T.c.window_number == bindparam("number")).limit(1).scalar_subquery().label("current_number"))


def _window_info(session: Session, hall_id: str, number: int) -> tuple[Any, WindowInfo]:
    w = _run(session.connection(), _WINDOW, {"hall": hall_id, "number": number}).first()
    return w, _info_of(w, number)


def _info_of(w: Any, number: int) -> WindowInfo:
    if w is None:
        raise NotFoundError(f"{number} 号窗口未配置。请在窗口设置中添加。", field="window")
    tidal_cats = _json(w.tidal_categories)
    cats = tuple(tidal_cats) if tidal_cats is not None else tuple(_json(w.categories) or ())
    return WindowInfo(number=w.number, name=w.name or "", categories=cats, paused=bool(w.paused),
                      pause_reason=w.pause_reason or "", tidal=bool(w.tidal), active=bool(w.active))


def _queue_day(session: Session, hall_id: str, day: str) -> Any:
    return _run(session.connection(), _QUEUE_DAY, {"key": qw.queue_day_key(hall_id, day)}).first()


def _category(session: Session, hall_id: str, prefix: str) -> Any:
    cat = _run(session.connection(), _CATEGORY, {"hall": hall_id, "prefix": prefix}).first()
    if cat is None:
        raise ValidationError(f"没有业务类别“{prefix}”。请在类别列表中选择。", field="category")
    return cat


def _check_category_open(conn: Any, hall_id: str, day: str, prefix: str) -> Any:
    """The category (name, people waiting) if tickets may be issued in it today; else a reason why not."""
    cat = _run(conn, _FOR_ISSUE, {"hall": hall_id, "prefix": prefix, "day": day,
                                  "key": qw.queue_day_key(hall_id, day)}).first()
    if cat is None:
        raise ValidationError(f"没有业务类别“{prefix}”。请在类别列表中选择。", field="category")
    if not cat.active or prefix in (_json(cat.closed_categories) or ()):
        raise ValidationError(f"业务类别“{cat.name}”今日已停止取号。请引导申请人办理其他类别或次日再来。",
                              field="category")
    if cat.day_closed:
        raise ValidationError("今日叫号已结束，不能再取号。请引导申请人次日再来或预约。", field="category")
    return cat


# ============================================================================ issuing
def issue_ticket(uow: UnitOfWork, category: str, *, priority_group: str = "",
                 appointment_id: str | None = None, appt_slot_ms: int | None = None,
                 handed_out: bool = True, config: q.QueueConfig | None = None) -> IssuedTicket:
    """Give the next number of ``category`` (a prefix) to a new ticket and record it.

    ``handed_out=False`` is the guide desk's path: the ticket is counted (and callable) only once
    ``confirm_handed_out`` records that it printed, or ``print_failed`` voids it.
    """
    cfg = config or q.QueueConfig()
    group = cfg.validate_group(priority_group)
    now = uow.now_ms()
    day = hall_day(now)
    cat = _check_category_open(uow.conn, uow.hall_id, day, category)
    seq = take_number(uow.conn, uow.hall_id, day, category, uow.device_id,
                      mode=uow.cached_meta(MODE_KEY, "local"))
    ticket_id = new_id()
    number = q.format_number(category, seq)
    payload: dict[str, Any] = {
        "day": day, "category": category, "seq": seq, "number": number,
        "priority_group": group, "appointment_id": appointment_id, "issued_at_ms": now,
        "handed_out": handed_out,
    }
    if appt_slot_ms is not None:
        payload["appt_slot_ms"] = appt_slot_ms
    me = q.TicketState(id=ticket_id, hall_id=uow.hall_id, day=day, category=category, seq=seq, number=number,
                       status=q.WAITING, priority_group=group, appointment_id=appointment_id, issued_at_ms=now,
                       issued_hlc="~", appt_slot_ms=appt_slot_ms)  # "~": after every earlier ticket's clock
    ahead = _people_ahead(uow.conn, uow.hall_id, day, me, cat.ordinary_waiting, now)
    uow.emit(q.TICKET_ISSUED, f"ticket:{ticket_id}", payload, new_aggregate=True)
    return IssuedTicket(ticket_id, number, category, day, now, priority_group=group,
                        appointment_id=appointment_id, appointment_on_time=appt_slot_ms is not None,
                        ahead=ahead, category_name=cat.name, counted=handed_out)


def _people_ahead(conn: Any, hall_id: str, day: str, me: q.TicketState, ordinary_waiting: int, now: int) -> int:
    """domain ``people_ahead`` without reading every waiting ticket: plain walk-ins of the category are all
    ahead of a new walk-in and behind any other new ticket, so only the few special ones are ranked."""
    special = _run(conn, _SPECIAL_IN_CATEGORY, {"hall": hall_id, "day": day, "prefix": me.category}).all()
    plain = not (me.priority_group or me.appt_slot_ms is not None)
    return (ordinary_waiting if plain else 0) + q.people_ahead(special, me, now)


def confirm_handed_out(uow: UnitOfWork, ticket_id: str) -> TicketView:
    """The ticket printed (or the guide confirms handing it out): from now on it counts and can be called."""
    r = _state_of(uow.session, ticket_id)
    if r.status == q.VOID:
        raise ConflictError(f"号码 {r.number} 已因打印失败作废，请重新取号。", field="ticket")
    if r.status == q.PRINTING:
        uow.emit(q.TICKET_HANDED_OUT, f"ticket:{ticket_id}", {"at_ms": uow.now_ms()})
    return _ticket(uow.session, ticket_id)


def print_failed(uow: UnitOfWork, ticket_id: str, reason: str = "") -> TicketView:
    """The print failed: the ticket is void and its number a gap; nobody waits on a ticket they never got."""
    r = _state_of(uow.session, ticket_id)
    if r.status == q.PRINTING:
        uow.emit(q.TICKET_PRINT_FAILED, f"ticket:{ticket_id}", {"at_ms": uow.now_ms(), "reason": reason[:200]})
    return _ticket(uow.session, ticket_id)


# ============================================================================ calling
_RECENT_LANES: dict[int, Any] = {}


def _recent_lanes(conn: Any, hall_id: str, day: str, window: int, n: int) -> list[bool]:
    """Whether each of the window's latest calls today was a priority ticket, newest first."""
    stmt = _RECENT_LANES.get(n)
    if stmt is None:
        stmt = _RECENT_LANES[n] = (
            select(_T.c.priority_group)
            .where(_T.c.hall_id == bindparam("hall"), _T.c.day == bindparam("day"),
                   _T.c.called_at_ms.is_not(None), _T.c.window_number == bindparam("window"))
            .order_by(_T.c.called_at_ms.desc()).limit(n))
    rows = _run(conn, stmt, {"hall": hall_id, "day": day, "window": window})
    return [bool(r[0]) for r in rows]


_ZERO, _ONE = literal_column("0"), literal_column("1")


def _lit(prefix: str) -> Any:
    """A category prefix inlined into the cached statement (prefixes are short codes like "A" or "BDC");
    bound parameters and an expanding IN made every call-next re-render and re-bind the statement."""
    if prefix.isascii() and prefix.isalnum():
        return literal_column(f"'{prefix}'")
    return bindparam(None, prefix)


def _eligible_clause(profile: q.WindowProfile) -> Any:
    clauses = [_T.c.target_window == bindparam("window")]
    if profile.categories:
        clauses.append(and_(_T.c.target_window.is_(None), _T.c.target_clerk == "",
                            _T.c.category.in_([_lit(c) for c in profile.categories])))
    if profile.clerk:
        clauses.append(and_(_T.c.target_window.is_(None), _T.c.target_clerk == bindparam("clerk")))
    return or_(*clauses)


def _order_by(profile: q.WindowProfile, priority_first: bool) -> list[Any]:
    """order_key of domain/queue.py expressed in SQL: the same keys in the same order."""
    first, second = (_ZERO, _ONE) if priority_first else (_ONE, _ZERO)
    here = case((and_(_T.c.comes_back.is_(True), _T.c.target_window == bindparam("window")), _ZERO), else_=_ONE)
    prio = case((_T.c.priority_group != "", first), else_=second)
    transferred = case((_T.c.transferred_in.is_(True), _ZERO), else_=_ONE)
    appt_started = case((and_(_T.c.appt_slot_ms.is_not(None), _T.c.appt_slot_ms <= bindparam("now")), _ZERO),
                        else_=_ONE)
    appt = case((_T.c.appt_slot_ms.is_not(None), _ZERO), else_=_ONE)
    keys = [here, prio, transferred, appt_started, appt]
    if profile.category_order and len(profile.categories) > 1:
        keys.append(case(*[(_T.c.category == _lit(c), literal_column(str(i)))
                           for i, c in enumerate(profile.categories)], else_=_ZERO))
    keys += [_T.c.issued_at_ms, _T.c.issued_hlc]
    return keys


_CANDIDATES: dict[tuple, Any] = {}
_BASE_WAITING = (_T.c.hall_id == bindparam("hall"), _T.c.day == bindparam("day"), _IS_WAITING)
_LONGEST_WAIT = (select(*[_T.c[c.key] for c in _VIEW_COLS]).where(
    *_BASE_WAITING, _T.c.target_window.is_(None), _T.c.target_clerk == "")
    .order_by(_T.c.issued_at_ms, _T.c.issued_hlc).limit(1))


def _candidates_stmt(profile: q.WindowProfile, priority_first: bool, limit: int) -> Any:
    """The calling-order query for a window profile (the list a window would call), built once per shape."""
    key = (profile.categories, profile.category_order, bool(profile.clerk), priority_first, limit)
    stmt = _CANDIDATES.get(key)
    if stmt is None:
        stmt = (select(*[_T.c[c.key] for c in _VIEW_COLS]).where(*_BASE_WAITING, _eligible_clause(profile))
                .order_by(*_order_by(profile, priority_first)).limit(limit))
        if len(_CANDIDATES) > 512:  # tidal switches make new shapes; never grow without bound
            _CANDIDATES.clear()
        _CANDIDATES[key] = stmt
    return stmt


def _profile(w: Any, info: WindowInfo, clerk: str) -> q.WindowProfile:
    prof = _json(w.profile) or {}
    return q.WindowProfile(number=info.number, categories=info.categories,
                           category_order=bool(prof.get("category_order", True)),
                           fallback_longest_wait=bool(prof.get("fallback_longest_wait", False)),
                           clerk=clerk)


# call-next ranks few rows: waiting tickets split into "ordinary" ones (no priority, transfer, appointment,
# hold or target), whose calling order within a category is just issue order, which the waiting-tickets
# index gives directly, and the few others. The best of each part are compared by domain order_key.
_KEY_COLS = (_T.c.id, _T.c.category, _T.c.issued_at_ms, _T.c.issued_hlc, _T.c.priority_group,
             _T.c.target_window, _T.c.target_clerk, _T.c.comes_back, _T.c.transferred_in, _T.c.appt_slot_ms)
_NEXT_PICKS: dict[tuple, Any] = {}
_SPECIAL_IN_CATEGORY = sqlite_index(
    select(*_KEY_COLS, _T.c.status).where(*_BASE_WAITING, ~and_(*_ORDINARY), _T.c.category == bindparam("prefix")),
    "tickets", "ix_tickets_special")


def _next_picks_stmts(profile: q.WindowProfile, priority_first: bool) -> tuple[Any, Any]:
    """The best non-ordinary ticket by the full calling order (from their own small index), and the first
    ordinary one of each category (from the waiting-tickets index, in issue order)."""
    key = (profile.categories, profile.category_order, bool(profile.clerk), priority_first)
    stmts = _NEXT_PICKS.get(key)
    if stmts is None:
        special = sqlite_index(
            select(*_KEY_COLS).where(*_BASE_WAITING, ~and_(*_ORDINARY), _eligible_clause(profile))
            .order_by(*_order_by(profile, priority_first)).limit(1), "tickets", "ix_tickets_special")
        parts = [select((select(*_KEY_COLS).where(*_BASE_WAITING, _T.c.category == _lit(c), *_ORDINARY)
                         .order_by(_T.c.issued_at_ms, _T.c.issued_hlc).limit(1)).subquery())
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
    w = _run(conn, _WINDOW_FOR_CALL, {"hall": uow.hall_id, "number": window, "day": day}).first()
    info = _info_of(w, window)
    if not info.active:
        raise ValidationError(f"{window} 号窗口未开放，不能叫号。", field="window")
    if info.paused:
        raise ValidationError(f"{window} 号窗口已暂停，请先恢复服务再叫号。", field="window")
    if w.current_number is not None:
        raise ConflictError(f"本窗口的 {w.current_number} 号还未办结。请先办结、过号、挂起或转移，再叫下一号。",
                            field="ticket")
    params = {"hall": uow.hall_id, "day": day, "window": window, "now": now, "clerk": clerk}
    profile = _profile(w, info, clerk)
    n = cfg.interleave_n
    priority_first = q.prefer_priority(cfg, _recent_lanes(conn, uow.hall_id, day, window, n) if n else [])
    special, ordinary = _next_picks_stmts(profile, priority_first)
    picks = _run(conn, special, params).all() + (_run(conn, ordinary, params).all() if ordinary is not None else [])
    first = min(picks, key=lambda t: q.order_key(t, profile, now, priority_first)) if picks else None
    row = _run(conn, _VIEW_BY_ID, {"id": first.id}).first() if first is not None else None
    if row is None and profile.fallback_longest_wait:
        row = _run(conn, _LONGEST_WAIT, params).first()
    if row is None:
        raise NotFoundError("本窗口的业务暂无等候的号码。", field="ticket")
    uow.emit(q.TICKET_CALLED, f"ticket:{row.id}", {
        "window": window, "clerk": clerk, "at_ms": now,
        "lane": "priority" if row.priority_group else "ordinary"})
    v = _view(row)
    return TicketView(**{**v.__dict__, "status": q.CALLED, "window_number": window, "clerk": clerk,
                         "called_at_ms": now, "recall_count": 0})


def recall(uow: UnitOfWork, ticket_id: str, window: int, *,
           config: q.QueueConfig | None = None) -> RecallResult:
    """Call the same ticket again; past the cap it becomes a no-show instead."""
    cfg = config or q.QueueConfig()
    r = _state_of(uow.session, ticket_id)
    _require_at_window(r, window, {q.CALLED}, "重呼")
    if r.recall_count >= cfg.recall_cap:
        uow.emit(q.TICKET_NO_SHOW, f"ticket:{ticket_id}",
                 {"window": window, "at_ms": uow.now_ms(), "reason": "recall_cap"})
        return RecallResult(_ticket(uow.session, ticket_id), became_no_show=True)
    uow.emit(q.TICKET_RECALLED, f"ticket:{ticket_id}", {"window": window, "at_ms": uow.now_ms()})
    return RecallResult(_ticket(uow.session, ticket_id), became_no_show=False)


def _simple(uow: UnitOfWork, ticket_id: str, window: int, allowed: set[str], action: str,
            event: str, **payload: Any) -> TicketView:
    r = _state_of(uow.session, ticket_id)
    _require_at_window(r, window, allowed, action)
    uow.emit(event, f"ticket:{ticket_id}", {"window": window, "at_ms": uow.now_ms(), **payload})
    return _ticket(uow.session, ticket_id)


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
        raise NotFoundError(f"今天没有号码 {number}。过号受理只适用于当天的号码。", field="number")
    if r.status != q.NO_SHOW:
        raise ConflictError(f"号码 {number} 当前为“{status_label(r.status)}”，不是过号，不能过号受理。",
                            field="number")
    _, info = _window_info(uow.session, uow.hall_id, window)
    if info.paused:
        raise ValidationError(f"{window} 号窗口已暂停，请先恢复服务。", field="window")
    current = _run(uow.session.connection(), _AT_WINDOW,
                   {"hall": uow.hall_id, "day": day, "window": window}).first()
    if current is not None:
        raise ConflictError(f"本窗口的 {current.number} 号还未办结。请先办结、过号、挂起或转移，再受理过号。",
                            field="ticket")
    uow.emit(q.TICKET_SERVED_AGAIN, f"ticket:{r.id}", {"window": window, "clerk": clerk,
                                                        "at_ms": uow.now_ms()})
    return _ticket(uow.session, r.id)


def transfer(uow: UnitOfWork, ticket_id: str, window: int, *, reason: str,
             to_category: str | None = None, to_window: int | None = None,
             to_clerk: str | None = None) -> TicketView:
    """Send the ticket on with a reason; it keeps its original issue time and waits as transferred-in."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写转移原因。", field="reason")
    if not (to_category or to_window is not None or to_clerk):
        raise ValidationError("请选择转往的业务类别、窗口或工作人员。", field="target")
    r = _state_of(uow.session, ticket_id)
    _require_at_window(r, window, {q.CALLED, q.SERVING, q.HELD}, "转移")
    s, hall = uow.session, uow.hall_id
    if to_category:
        _check_category_open(s.connection(), hall, r.day, to_category)
    if to_window is not None:
        if to_window == window:
            raise ValidationError("不能转移到本窗口。", field="to_window")
        _, info = _window_info(s, hall, to_window)
        if not info.active:
            raise ValidationError(f"{to_window} 号窗口未开放，不能转入。请选择其他窗口。", field="to_window")
        if info.paused:
            raise ValidationError(f"{to_window} 号窗口已暂停，不能转入。请选择其他窗口或稍后再转。",
                                  field="to_window")
    if to_clerk:
        u = s.execute(select(User.active).where(User.hall_id == hall, User.username == to_clerk)).first()
        if u is None or not u.active:
            raise ValidationError(f"没有在岗的工作人员“{to_clerk}”。请重新选择。", field="to_clerk")
    uow.emit(q.TICKET_TRANSFERRED, f"ticket:{ticket_id}", {
        "window": window, "at_ms": uow.now_ms(), "reason": reason[:200],
        "to_category": to_category or None, "to_window": to_window, "to_clerk": to_clerk or ""})
    return _ticket(s, ticket_id)


# ============================================================================ windows
def pause_window(uow: UnitOfWork, window: int, *, reason: str = "") -> WindowInfo:
    w, _ = _window_info(uow.session, uow.hall_id, window)
    uow.emit(qw.WINDOW_PAUSED, f"window:{w.id}", {"number": window, "reason": reason.strip()[:100]})
    return _window_info(uow.session, uow.hall_id, window)[1]


def resume_window(uow: UnitOfWork, window: int) -> WindowInfo:
    w, _ = _window_info(uow.session, uow.hall_id, window)
    uow.emit(qw.WINDOW_RESUMED, f"window:{w.id}", {"number": window})
    return _window_info(uow.session, uow.hall_id, window)[1]


def switch_categories(uow: UnitOfWork, window: int, categories: list[str] | None) -> WindowInfo:
    """Tidal switch: the window now serves ``categories`` (None: back to its configured profile)."""
    w, _ = _window_info(uow.session, uow.hall_id, window)
    if categories is not None:
        if not categories:
            raise ValidationError("请至少选择一个业务类别。", field="categories")
        for c in categories:
            _category(uow.session, uow.hall_id, c)
        if not w.tidal and list(categories) != list(w.categories or []):
            raise ValidationError(f"{window} 号窗口不是潮汐窗口，不能切换业务类别。", field="window")
    uow.emit(qw.WINDOW_CATEGORIES_CHANGED, f"window:{w.id}",
             {"number": window, "categories": list(categories) if categories is not None else None})
    return _window_info(uow.session, uow.hall_id, window)[1]


# ============================================================================ the day
def close_category_for_day(uow: UnitOfWork, category: str, *, reopen: bool = False) -> None:
    _category(uow.session, uow.hall_id, category)
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


# ============================================================================ reads
def window_info(session: Session, hall_id: str, window: int) -> WindowInfo:
    return _window_info(session, hall_id, window)[1]


def list_windows(session: Session, hall_id: str) -> list[WindowInfo]:
    rows = _run(session.connection(), _ALL_WINDOWS, {"hall": hall_id}).all()
    return [_info_of(w, w.number) for w in rows]


def current_ticket(session: Session, hall_id: str, day: str, window: int) -> TicketView | None:
    r = session.execute(select(*_VIEW_COLS).where(
        Ticket.hall_id == hall_id, Ticket.day == day, Ticket.status.in_((q.CALLED, q.SERVING)),
        Ticket.window_number == window).order_by(Ticket.called_at_ms.desc()).limit(1)).first()
    return _view(r) if r else None


def held_tickets(session: Session, hall_id: str, day: str, window: int) -> list[TicketView]:
    rows = session.execute(select(*_VIEW_COLS).where(
        Ticket.hall_id == hall_id, Ticket.day == day, Ticket.status == q.HELD,
        Ticket.window_number == window).order_by(Ticket.issued_at_ms)).all()
    return [_view(r) for r in rows]


def window_queue(session: Session, hall_id: str, day: str, window: int, now_ms: int, *,
                 clerk: str = "", config: q.QueueConfig | None = None, limit: int = 50) -> list[TicketView]:
    """The tickets this window would call, in calling order (as if the next call preferred priority)."""
    cfg = config or q.QueueConfig()
    w, info = _window_info(session, hall_id, window)
    profile = _profile(w, info, clerk)
    lanes = _recent_lanes(session.connection(), hall_id, day, window, cfg.interleave_n) if cfg.interleave_n else []
    rows = _run(
        session.connection(), _candidates_stmt(profile, q.prefer_priority(cfg, lanes), limit),
        {"hall": hall_id, "day": day, "window": window, "now": now_ms, "clerk": clerk}).all()
    return [_view(r) for r in rows]


def waiting_counts(session: Session, hall_id: str, day: str) -> dict[str, int]:
    rows = session.execute(select(Ticket.category, func.count()).where(
        Ticket.hall_id == hall_id, Ticket.day == day, Ticket.status == q.WAITING)
        .group_by(Ticket.category)).all()
    return {c: n for c, n in rows}


def _recent_service_ms(session: Session, hall_id: str, day: str, category: str, n: int = 10) -> list[int]:
    rows = session.execute(select(Ticket.started_at_ms, Ticket.finished_at_ms).where(
        Ticket.hall_id == hall_id, Ticket.day == day, Ticket.status == q.FINISHED,
        Ticket.category == category, Ticket.started_at_ms.is_not(None))
        .order_by(Ticket.finished_at_ms.desc()).limit(n)).all()
    return [r.finished_at_ms - r.started_at_ms for r in rows if r.finished_at_ms and r.started_at_ms]


def categories(session: Session, hall_id: str, day: str) -> list[CategoryInfo]:
    """Every category with its waiting count and waiting-time estimate (the guide desk and the display)."""
    counts = waiting_counts(session, hall_id, day)
    qd = _queue_day(session, hall_id, day)
    closed_all = bool(qd and qd.closed)
    closed = set(_json(qd.closed_categories) or ()) if qd else set()
    windows = [wi for wi in list_windows(session, hall_id) if wi.active and not wi.paused]
    out = []
    for c in session.scalars(select(QueueCategory).where(QueueCategory.hall_id == hall_id)
                             .order_by(QueueCategory.sort_order, QueueCategory.prefix)):
        waiting = counts.get(c.prefix, 0)
        serving = sum(1 for wi in windows if c.prefix in wi.categories)
        est = q.estimate_wait_minutes(waiting, _recent_service_ms(session, hall_id, day, c.prefix),
                                      serving) if waiting else 0
        out.append(CategoryInfo(prefix=c.prefix, name=c.name, active=bool(c.active),
                                closed_today=closed_all or c.prefix in closed, waiting=waiting,
                                estimate_min=est, settings=dict(c.settings or {})))
    return out


def recent_calls(session: Session, hall_id: str, day: str, limit: int = 8) -> list[CallView]:
    rows = session.execute(select(Ticket.number, Ticket.window_number, Ticket.called_at_ms, Ticket.category)
                           .where(Ticket.hall_id == hall_id, Ticket.day == day,
                                  Ticket.called_at_ms.is_not(None), Ticket.window_number.is_not(None),
                                  Ticket.status.in_((q.CALLED, q.SERVING)))
                           .order_by(Ticket.called_at_ms.desc()).limit(limit)).all()
    return [CallView(r.number, r.window_number, r.called_at_ms, r.category) for r in rows]


def window_board(session: Session, hall_id: str, day: str) -> list[WindowBoard]:
    serving = {r.window_number: r.number for r in session.execute(
        select(Ticket.window_number, Ticket.number).where(
            Ticket.hall_id == hall_id, Ticket.day == day, Ticket.status.in_((q.CALLED, q.SERVING)))
        .order_by(Ticket.called_at_ms))}
    return [WindowBoard(wi.number, wi.name, serving.get(wi.number), wi.paused)
            for wi in list_windows(session, hall_id) if wi.active]


def ticket_conflicts(session: Session, ticket_id: str) -> list[dict[str, Any]]:
    return list(_ticket(session, ticket_id).conflicts)


# ============================================================================ the service for the UI
class QueueService:
    """The queue use cases bound to a Store; methods are called on the runner's writer/reader threads."""

    def __init__(self, store: Store, config: q.QueueConfig | Callable[[], q.QueueConfig] | None = None,
                 *, actor: str = ""):
        self.store = store
        self._config = config or q.QueueConfig()
        self.actor = actor

    @property
    def config(self) -> q.QueueConfig:
        return self._config() if callable(self._config) else self._config

    def _day(self) -> str:
        return hall_day(self.store.now_ms())

    def _w(self, actor: str | None):
        return self.store.write(actor if actor is not None else self.actor)

    # issuing
    def issue(self, category: str, *, priority_group: str = "", handed_out: bool = False,
              actor: str | None = None) -> IssuedTicket:
        with self._w(actor) as uow:
            t = issue_ticket(uow, category, priority_group=priority_group, handed_out=handed_out,
                             config=self.config)
        return self._with_estimate(t)

    def _with_estimate(self, t: IssuedTicket) -> IssuedTicket:
        hall = self.store.hall_id
        with self.store.read() as s:
            serving = sum(1 for w in list_windows(s, hall)
                          if w.active and not w.paused and t.category in w.categories)
            est = q.estimate_wait_minutes(t.ahead, _recent_service_ms(s, hall, t.day, t.category), serving)
        return IssuedTicket(**{**t.__dict__, "estimate_min": est})

    def confirm_handed_out(self, ticket_id: str, *, actor: str | None = None) -> TicketView:
        with self._w(actor) as uow:
            return confirm_handed_out(uow, ticket_id)

    def print_failed(self, ticket_id: str, reason: str = "", *, actor: str | None = None) -> TicketView:
        with self._w(actor) as uow:
            return print_failed(uow, ticket_id, reason)

    def check_in(self, code: str, *, priority_group: str = "", handed_out: bool = False,
                 actor: str | None = None) -> IssuedTicket:
        from desk_app.services.queue.appointments import check_in
        with self._w(actor) as uow:
            t = check_in(uow, code, priority_group=priority_group, handed_out=handed_out, config=self.config)
        return self._with_estimate(t)

    def book_appointment(self, code: str, category: str, slot_start_ms: int, slot_end_ms: int, *,
                         actor: str | None = None) -> str:
        from desk_app.services.queue.appointments import book_appointment
        with self._w(actor) as uow:
            return book_appointment(uow, code, category, slot_start_ms, slot_end_ms)

    # calling
    def call_next(self, window: int, *, clerk: str = "", actor: str | None = None) -> TicketView:
        with self._w(actor) as uow:
            return call_next(uow, window, clerk=clerk, config=self.config)

    def recall(self, ticket_id: str, window: int, *, actor: str | None = None) -> RecallResult:
        with self._w(actor) as uow:
            return recall(uow, ticket_id, window, config=self.config)

    def no_show(self, ticket_id: str, window: int, *, actor: str | None = None) -> TicketView:
        with self._w(actor) as uow:
            return no_show(uow, ticket_id, window)

    def serve_again(self, number: str, window: int, *, clerk: str = "", actor: str | None = None) -> TicketView:
        with self._w(actor) as uow:
            return serve_again(uow, number, window, clerk=clerk)

    def start_service(self, ticket_id: str, window: int, *, clerk: str = "",
                      actor: str | None = None) -> TicketView:
        with self._w(actor) as uow:
            return start_service(uow, ticket_id, window, clerk=clerk)

    def hold(self, ticket_id: str, window: int, *, reason: str = "", actor: str | None = None) -> TicketView:
        with self._w(actor) as uow:
            return hold(uow, ticket_id, window, reason=reason)

    def resume(self, ticket_id: str, window: int, *, actor: str | None = None) -> TicketView:
        with self._w(actor) as uow:
            return resume(uow, ticket_id, window)

    def transfer(self, ticket_id: str, window: int, *, reason: str, to_category: str | None = None,
                 to_window: int | None = None, to_clerk: str | None = None,
                 actor: str | None = None) -> TicketView:
        with self._w(actor) as uow:
            return transfer(uow, ticket_id, window, reason=reason, to_category=to_category,
                            to_window=to_window, to_clerk=to_clerk)

    def finish(self, ticket_id: str, window: int, *, actor: str | None = None) -> TicketView:
        with self._w(actor) as uow:
            return finish(uow, ticket_id, window)

    def pause_window(self, window: int, *, reason: str = "", actor: str | None = None) -> WindowInfo:
        with self._w(actor) as uow:
            return pause_window(uow, window, reason=reason)

    def resume_window(self, window: int, *, actor: str | None = None) -> WindowInfo:
        with self._w(actor) as uow:
            return resume_window(uow, window)

    def switch_categories(self, window: int, categories: list[str] | None, *,
                          actor: str | None = None) -> WindowInfo:
        with self._w(actor) as uow:
            return switch_categories(uow, window, categories)

    def close_category_for_day(self, category: str, *, reopen: bool = False, actor: str | None = None) -> None:
        with self._w(actor) as uow:
            close_category_for_day(uow, category, reopen=reopen)

    def close_day(self, day: str | None = None, *, actor: str | None = None) -> DayClosed:
        with self._w(actor) as uow:
            return close_day(uow, day)

    # reads
    def ticket(self, ticket_id: str) -> TicketView:
        with self.store.read() as s:
            return _ticket(s, ticket_id)

    def window(self, window: int) -> WindowInfo:
        with self.store.read() as s:
            return window_info(s, self.store.hall_id, window)

    def windows(self) -> list[WindowInfo]:
        with self.store.read() as s:
            return list_windows(s, self.store.hall_id)

    def current(self, window: int) -> TicketView | None:
        with self.store.read() as s:
            return current_ticket(s, self.store.hall_id, self._day(), window)

    def held(self, window: int) -> list[TicketView]:
        with self.store.read() as s:
            return held_tickets(s, self.store.hall_id, self._day(), window)

    def window_queue(self, window: int, *, clerk: str = "", limit: int = 50) -> list[TicketView]:
        with self.store.read() as s:
            return window_queue(s, self.store.hall_id, self._day(), window, self.store.now_ms(),
                                clerk=clerk, config=self.config, limit=limit)

    def waiting_counts(self) -> dict[str, int]:
        with self.store.read() as s:
            return waiting_counts(s, self.store.hall_id, self._day())

    def categories(self) -> list[CategoryInfo]:
        with self.store.read() as s:
            return categories(s, self.store.hall_id, self._day())

    def estimates(self) -> dict[str, int]:
        return {c.prefix: c.estimate_min for c in self.categories()}

    def recent_calls(self, limit: int = 8) -> list[CallView]:
        with self.store.read() as s:
            return recent_calls(s, self.store.hall_id, self._day(), limit)

    def window_board(self) -> list[WindowBoard]:
        with self.store.read() as s:
            return window_board(s, self.store.hall_id, self._day())

    def category_for_item(self, item_code: str, sector: str) -> str | None:
        cats = self.categories()
        return q.category_for_item([(c.prefix, c.settings) for c in cats], item_code, sector)
