"""Reading the queue: windows, the tickets at and waiting for a window, categories with estimates, the hall board."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.domain import queue as q
from desk_app.services.queue import statements as st
from desk_app.services.queue.calling import candidates_stmt, recent_lanes, window_profile
from desk_app.services.queue.results import CallView, CategoryInfo, TicketView, WindowBoard, WindowInfo
from desk_app.store.fastsql import run
from desk_app.store.models import QueueCategory, Ticket


def window_info(session: Session, hall_id: str, window: int) -> WindowInfo:
    return st.window_row(session, hall_id, window)[1]


def list_windows(session: Session, hall_id: str) -> list[WindowInfo]:
    rows = run(session.connection(), st.ALL_WINDOWS, {"hall": hall_id}).all()
    return [st.window_info_of(w, w.number) for w in rows]


def current_ticket(session: Session, hall_id: str, day: str, window: int) -> TicketView | None:
    r = session.execute(select(*st.VIEW_COLS).where(
        Ticket.hall_id == hall_id, Ticket.day == day, Ticket.status.in_((q.CALLED, q.SERVING)),
        Ticket.window_number == window).order_by(Ticket.called_at_ms.desc()).limit(1)).first()
    return st.ticket_view(r) if r else None


def held_tickets(session: Session, hall_id: str, day: str, window: int) -> list[TicketView]:
    rows = session.execute(select(*st.VIEW_COLS).where(
        Ticket.hall_id == hall_id, Ticket.day == day, Ticket.status == q.HELD,
        Ticket.window_number == window).order_by(Ticket.issued_at_ms)).all()
    return [st.ticket_view(r) for r in rows]


def window_queue(session: Session, hall_id: str, day: str, window: int, now_ms: int, *,
                 clerk: str = "", config: q.QueueConfig | None = None, limit: int = 50) -> list[TicketView]:
    """The tickets this window would call, in calling order (as if the next call preferred priority)."""
    cfg = config or q.QueueConfig()
    w, info = st.window_row(session, hall_id, window)
    profile = window_profile(w, info, clerk)
    lanes = recent_lanes(session.connection(), hall_id, day, window, cfg.interleave_n) if cfg.interleave_n else []
    rows = run(
        session.connection(), candidates_stmt(profile, q.prefer_priority(cfg, lanes), limit),
        {"hall": hall_id, "day": day, "window": window, "now": now_ms, "clerk": clerk}).all()
    return [st.ticket_view(r) for r in rows]


def waiting_counts(session: Session, hall_id: str, day: str) -> dict[str, int]:
    rows = session.execute(select(Ticket.category, func.count()).where(
        Ticket.hall_id == hall_id, Ticket.day == day, Ticket.status == q.WAITING)
        .group_by(Ticket.category)).all()
    return {c: n for c, n in rows}


def recent_service_ms(session: Session, hall_id: str, day: str, category: str, n: int = 10) -> list[int]:
    rows = session.execute(select(Ticket.started_at_ms, Ticket.finished_at_ms).where(
        Ticket.hall_id == hall_id, Ticket.day == day, Ticket.status == q.FINISHED,
        Ticket.category == category, Ticket.started_at_ms.is_not(None))
        .order_by(Ticket.finished_at_ms.desc()).limit(n)).all()
    return [r.finished_at_ms - r.started_at_ms for r in rows if r.finished_at_ms and r.started_at_ms]


def categories(session: Session, hall_id: str, day: str) -> list[CategoryInfo]:
    """Every category with its waiting count and waiting-time estimate (the guide desk and the display)."""
    counts = waiting_counts(session, hall_id, day)
    qd = st.queue_day_row(session, hall_id, day)
    closed_all = bool(qd and qd.closed)
    closed = set(st.as_json(qd.closed_categories) or ()) if qd else set()
    windows = [wi for wi in list_windows(session, hall_id) if wi.active and not wi.paused]
    out = []
    for c in session.scalars(select(QueueCategory).where(QueueCategory.hall_id == hall_id)
                             .order_by(QueueCategory.sort_order, QueueCategory.prefix)):
        waiting = counts.get(c.prefix, 0)
        serving = sum(1 for wi in windows if c.prefix in wi.categories)
        est = q.estimate_wait_minutes(waiting, recent_service_ms(session, hall_id, day, c.prefix),
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
    return list(st.load_ticket(session, ticket_id).conflicts)
