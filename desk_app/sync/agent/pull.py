"""Pulling other PCs' events: one page (or a long poll) since the cursor, checked and folded through the reducer."""
from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, select

from desk_app.domain.events import Event
from desk_app.store.event_schemas import payload_problem
from desk_app.store.models import EventRow, Ticket
from desk_app.sync.agent.status import ConflictNotice, label
from desk_app.sync.protocol import PulledEvent, PullResponse

if TYPE_CHECKING:
    from desk_app.store.database import Store
    from desk_app.sync.client import SyncClient

log = logging.getLogger(__name__)

CURSOR_KEY = "sync_cursor"
ANCHOR_KEY = "sync_anchor"  # "server_seq:id" of the last event pulled: is the server's history still it?


class Pulling:
    """The SyncAgent's pull half (a mixin: the agent owns the state named here and the lifecycle)."""
    store: Store
    client: SyncClient
    _pull_gate: threading.Lock
    _seen_conflicts: set[str]

    def pull_once(self, wait: float = 0.0) -> tuple[int, bool]:
        """Pull one page of other PCs' events and fold them; returns (events received, more waiting)."""
        got = self._pull(wait, None)
        assert got is not None
        return got

    def _pull(self, wait: float, stop: threading.Event | None) -> tuple[int, bool] | None:
        """One pull; None when ``stop`` was set meanwhile (nothing applied, cursor unchanged)."""
        with self._pull_gate:
            if stop is not None and stop.is_set():
                return None
            since = int(self.store.get_meta(CURSOR_KEY, "0") or 0)
            anchor = self._anchor(since) if since else None
        t0 = self.now_ms()
        resp = self.client.pull(since, wait=wait, anchor=anchor)  # the long poll: no lock held
        t1 = self.now_ms()
        with self._pull_gate:
            if stop is not None and stop.is_set():
                return None  # stopped during the poll: the store may be closing; the next pull gets it
            return self._take_pull(since, resp, t0, t1)

    def _anchor(self, since: int) -> tuple[int, str] | None:
        """The newest event this PC knows by its server number, pulled or its own acknowledged one: the
        server checks it still holds that very event there (a PC that only pushed checks too)."""
        pulled = _parse_anchor(self.store.get_meta(ANCHOR_KEY, ""))
        with self.store.read() as s:
            own = s.execute(_OWN_ANCHOR, {"hall": self.store.hall_id, "since": since}).first()
        best = max([a for a in (pulled, (own[0], own[1]) if own else None) if a and a[0] <= since],
                   default=None)
        return best

    def _take_pull(self, since: int, resp: PullResponse, t0: int, t1: int) -> tuple[int, bool]:
        if self._check_epoch(resp.epoch) or resp.head < since or resp.diverged:
            if resp.head < since or resp.diverged:
                # Same epoch, but the server has less than we saw, or no longer the event we last got
                # (restored, and its head maybe caught up since): restored too.
                self._resync()
            return 0, True
        if resp.events:
            self._apply(resp.events)
            last = resp.events[-1]
            self.store.set_meta(ANCHOR_KEY, f"{last.server_seq}:{last.id}")
        self.store.set_meta(CURSOR_KEY, str(resp.cursor))
        # A long poll's reply time is not a round trip: only a quick reply measures the clock.
        self._succeeded(resp.server_time_ms if t1 - t0 < 1000 else None, t0, t1)
        return len(resp.events), resp.more

    def _apply(self, pulled: list[PulledEvent]) -> None:
        events = []
        for p in pulled:
            # An event that does not match its schema (accepted by an older desk-central) is not stored:
            # it would break the fold of its aggregate on this PC. It is reported, and the rest goes on.
            why = payload_problem(p.type, p.schema_version, p.payload)
            if why:
                log.error("pulled event %s refused: %s", p.id, why)
                self._notify(ConflictNotice(p.id, "rejected", p.aggregate, label(p.payload, p.aggregate),
                                            f"本机拒绝了其他窗口的一条记录：{why}"))
                continue
            events.append(Event(id=p.id, hall=p.hall, device=p.device, device_seq=p.device_seq, hlc=p.hlc,
                                type=p.type, schema_version=p.schema_version, actor=p.actor,
                                aggregate=p.aggregate, payload=dict(p.payload)))
        flags = {p.id: p.flags for p in pulled if p.flags}
        try:
            self.store.apply_remote(events, flags=flags)
        except Exception:  # noqa: BLE001 - isolate the one event the local projection refuses
            for ev in events:
                try:
                    self.store.apply_remote([ev], flags=flags)
                except Exception as exc:  # noqa: BLE001
                    log.error("pulled event %s could not be applied: %s", ev.id, exc)
                    self._notify(ConflictNotice(ev.id, "rejected", ev.aggregate, label(ev.payload, ev.aggregate),
                                                f"本机无法应用其他窗口的事件：{exc}"))
        self.check_conflicts({e.aggregate for e in events if e.aggregate_kind == "ticket"})

    def check_conflicts(self, aggregates: set[str] | None = None) -> list[ConflictNotice]:
        """Tell about this PC's ticket events that lost to an earlier one (e.g. a double call in an outage)."""
        notices: list[ConflictNotice] = []
        with self.store.read() as s:
            q = select(Ticket.id, Ticket.number, Ticket.state)
            if aggregates is not None:
                ids = [a.split(":", 1)[1] for a in aggregates]
                if not ids:
                    return []
                q = q.where(Ticket.id.in_(ids))
            for tid, number, state in s.execute(q):
                for c in (state or {}).get("conflicts", []):
                    if c.get("device") == self.store.device_id and c.get("event_id") not in self._seen_conflicts:
                        self._seen_conflicts.add(c["event_id"])
                        notices.append(ConflictNotice(c["event_id"], "lost", f"ticket:{tid}", number,
                                                      c.get("reason", ""), c.get("window")))
        for n in notices:
            self._notify(n)
        return notices



_T = EventRow.__table__
# Only own acknowledged events carry a server number on a PC: the index (hall, server_seq) finds the newest.
_OWN_ANCHOR = (select(_T.c.server_seq, _T.c.id)
               .where(_T.c.hall == bindparam("hall"), _T.c.server_seq.is_not(None),
                      _T.c.server_seq <= bindparam("since"))
               .order_by(_T.c.server_seq.desc()).limit(1))


def _parse_anchor(text: str) -> tuple[int, str] | None:
    seq, _, event_id = text.partition(":")
    return (int(seq), event_id) if seq.isdigit() and event_id else None

