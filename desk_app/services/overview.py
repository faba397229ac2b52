"""The live hall overview as a use case: today's tickets and windows held in memory, refreshed by the events.

The overview is a fold of replicated events: every commit on this PC (its own use cases and the events the
sync agent pulled from the other PCs) reaches ``apply``, which re-reads only the rows of the aggregates those
events touched (their projections are the fold) and keeps the rest. Nothing polls the database; time passing
(a wait growing past its threshold) is recomputed from memory by ``snapshot``.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Sequence

from sqlalchemy import Connection, bindparam, select

from desk_app.domain import overview as ov
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.domain.events import Event
from desk_app.domain.timeutil import hall_day, ms_of
from desk_app.store.database import Store
from desk_app.store.models import QueueCategory, Ticket, Window
from desk_app.store.models.queue import WindowState
from desk_app.store.models.supervision import AlertAck, PcHeartbeatRow

_T = Ticket.__table__
_TICKET_COLS = (_T.c.id, _T.c.category, _T.c.number, _T.c.status, _T.c.window_number, _T.c.clerk,
                _T.c.issued_at_ms, _T.c.called_at_ms, _T.c.started_at_ms, _T.c.service_ms)
_TODAY = select(*_TICKET_COLS, _T.c.day).where(_T.c.hall_id == bindparam("hall"), _T.c.day == bindparam("day"))
_RELEVANT = frozenset({"ticket", "window", "alert", "pc"})
_H = PcHeartbeatRow.__table__
_BEATS = select(_H.c.device, _H.c.label, _H.c.at_ms, _H.c.clock_offset_ms).where(
    _H.c.hall_id == bindparam("hall"), _H.c.at_ms >= bindparam("since"))


@dataclass(frozen=True)
class AckRow:
    key: str
    kind: str
    subject: str
    text: str
    acknowledged_by: str
    at_ms: int
    note: str


class OverviewService:
    """Thread-safe: the runner's readers may call ``apply`` and ``snapshot`` at once."""

    def __init__(self, store: Store):
        self.store = store
        self._lock = threading.Lock()
        self._day: str | None = None
        self._tickets: dict[str, ov.LiveTicket] = {}
        self._windows: list[ov.LiveWindow] = []
        self._categories: list[ov.LiveCategory] = []
        self._acks: dict[str, ov.Ack] = {}
        self._pcs: dict[str, ov.PcCheck] = {}

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        """Read today's state whole (at start, at midnight, and when reference data changed)."""
        with self._lock, self.store.engine.connect() as conn:
            self._load(conn, hall_day(self.store.now_ms()))

    def _load(self, conn: Connection, day: str) -> None:
        hall = self.store.hall_id
        self._day = day
        self._tickets = {r[0]: ov.LiveTicket(*r[:10]) for r in conn.execute(_TODAY, {"hall": hall, "day": day})}
        self._windows = self._read_windows(conn)
        self._categories = [ov.LiveCategory(r.prefix, r.name, bool(r.active)) for r in conn.execute(
            select(QueueCategory.prefix, QueueCategory.name, QueueCategory.active)
            .where(QueueCategory.hall_id == hall).order_by(QueueCategory.sort_order, QueueCategory.prefix))]
        self._acks = self._read_acks(conn, day)
        self._pcs = self._read_pcs(conn, day)

    def _read_pcs(self, conn: Connection, day: str) -> dict[str, ov.PcCheck]:
        """The other PCs heard from today, each by its latest heartbeat (a PC not started today raises nothing)."""
        out: dict[str, ov.PcCheck] = {}
        for r in conn.execute(_BEATS, {"hall": self.store.hall_id, "since": ms_of(datetime.fromisoformat(day))}):
            if r.device != self.store.device_id and (r.device not in out or r.at_ms > out[r.device].last_at_ms):
                out[r.device] = ov.PcCheck(r.device, r.label, r.at_ms, r.clock_offset_ms)
        return out

    def _read_windows(self, conn: Connection) -> list[ov.LiveWindow]:
        hall = self.store.hall_id
        # by number: the window's state is keyed by the window id of the PC that changed it
        states = {r.number: r for r in conn.execute(select(WindowState).where(WindowState.hall_id == hall))}
        out = []
        for w in conn.execute(select(Window).where(Window.hall_id == hall)):
            st = states.get(w.number)
            cats = st.categories if st is not None and st.categories is not None else w.categories
            out.append(ov.LiveWindow(w.number, w.name or "", bool(w.active), w.kind, tuple(cats or ()),
                                     bool(st.paused) if st else False, st.pause_reason if st else "",
                                     st.paused_at_ms if st else None))
        return out

    def _read_acks(self, conn: Connection, day: str) -> dict[str, ov.Ack]:
        t = AlertAck.__table__
        return {r.id: ov.Ack(r.acknowledged_by, r.at_ms, r.note) for r in conn.execute(
            select(t.c.id, t.c.acknowledged_by, t.c.at_ms, t.c.note)
            .where(t.c.hall_id == self.store.hall_id, t.c.day == day))}

    # ------------------------------------------------------------------ events
    def apply(self, events: Iterable[Event]) -> bool:
        """Fold committed events (local or pulled) into the overview; False when none concerned it."""
        events = [e for e in events if e.aggregate_kind in _RELEVANT]
        if not events:
            return False
        with self._lock, self.store.engine.connect() as conn:
            day = hall_day(self.store.now_ms())
            if day != self._day:
                self._load(conn, day)
                return True
            tickets = {e.aggregate_id for e in events if e.aggregate_kind == "ticket"}
            if tickets:
                rows = conn.execute(select(*_TICKET_COLS, _T.c.day).where(_T.c.id.in_(sorted(tickets)))).all()
                for r in rows:
                    if r[10] == day:
                        self._tickets[r[0]] = ov.LiveTicket(*r[:10])
                for gone in tickets - {r[0] for r in rows}:
                    self._tickets.pop(gone, None)
            if any(e.aggregate_kind == "window" for e in events):
                self._windows = self._read_windows(conn)
            if any(e.aggregate_kind == "alert" for e in events):
                self._acks = self._read_acks(conn, day)
            if any(e.aggregate_kind == "pc" for e in events):
                self._pcs = self._read_pcs(conn, day)
        return True

    # ------------------------------------------------------------------ reading
    def snapshot(self, thresholds: ov.Thresholds, *, devices: Sequence[ov.DeviceCheck] = (),
                 sync: ov.SyncCheck | None = None) -> ov.Overview:
        now = self.store.now_ms()
        if self._day is None or hall_day(now) != self._day:
            self.reload()
        with self._lock:
            return ov.build_overview(self._day or hall_day(now), now, list(self._windows), list(self._categories),
                                     list(self._tickets.values()), dict(self._acks), thresholds,
                                     devices=devices, sync=sync, pcs=list(self._pcs.values()))

    def alert_log(self, day: str | None = None) -> list[AckRow]:
        day = day or hall_day(self.store.now_ms())
        t = AlertAck.__table__
        with self.store.engine.connect() as conn:
            return [AckRow(r.id, r.kind, r.subject, r.text, r.acknowledged_by, r.at_ms, r.note)
                    for r in conn.execute(select(t).where(t.c.hall_id == self.store.hall_id, t.c.day == day)
                                          .order_by(t.c.at_ms.desc()))]

    # ------------------------------------------------------------------ writing
    def acknowledge(self, alert: ov.Alert, note: str = "", *, actor: str) -> AckRow:
        """The supervisor has seen ``alert``: an event, so every PC of the hall shows it acknowledged."""
        note = (note or "").strip()
        if len(note) > 200:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "处理说明最多200字，请精简后再确认。"), field="note")
        if alert.ack is not None:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "该提醒已由 {by} 确认。"), by=alert.ack.by, field="alert")
        now = self.store.now_ms()
        with self.store.write(actor) as uow:
            uow.emit(ov.ALERT_ACKNOWLEDGED, f"alert:{alert.key}", {
                "day": hall_day(now), "kind": alert.kind, "subject": alert.subject, "text": alert.text,
                "at_ms": now, "note": note})
        return AckRow(alert.key, alert.kind, alert.subject, alert.text, actor, now, note)
