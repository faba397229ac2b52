"""The PC's sync agent: pushes the outbox, long-polls other PCs' events, leases ticket numbers, pulls reference data.

Qt-free. Two worker threads: the pusher (woken by every local commit and by "sync now"; also
refills number leases and reference data) and the puller (a long-poll loop). Attachments go
through their own ``Uploader`` thread (desk_app/sync/uploads.py) so a big scan never holds up
events: an event that needs a file not yet acknowledged (and later events of its aggregate) is
held back, its sequence number declared deferred in the push, and the events behind it go on.
Network failures back off exponentially with full jitter; the PC keeps working offline.

A PC restored from its own backup (its database rolled back) takes back from desk-central the
events of its own it lost and moves its sequence above the server's before its first push.
Stopping does not wait for a long poll in flight: the abandoned poll applies nothing.
"""
from __future__ import annotations

import json
import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

import stamina
from sqlalchemy import bindparam, func, select, update

from desk_app.domain.errors import KnownError, NetworkError
from desk_app.domain.overview import HEARTBEAT_EVERY_MS
from desk_app.domain.events import Event
from desk_app.domain.timeutil import hall_day
from desk_app.store.database import Store
from desk_app.store.models import EventRow, QueueCategory, Ticket
from desk_app.store.models.server import BlobUpload, ReferenceDoc
from desk_app.store import numbering
from desk_app.store.event_schemas import payload_problem
from desk_app.store.reference_data import write_setup
from desk_app.sync.client import SyncAuthError, SyncClient, SyncRefused
from desk_app.sync.heartbeat import Heartbeat
from desk_app.sync.protocol import MAX_BATCH, MAX_DEFERRED, PulledEvent, PullResponse

log = logging.getLogger(__name__)

CURSOR_KEY = "sync_cursor"
ANCHOR_KEY = "sync_anchor"  # "server_seq:id" of the last event pulled: is the server's history still it?
EPOCH_KEY = "sync_epoch"
CATALOG_VERSION_KEY = "catalog_version"
CLOCK_WARN_MS = 2000
HLC_AHEAD_WARN_MS = 60_000

ReferenceHandler = Callable[[Store, str, Any], None]  # (store, version label, body)


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows."""
    configured: bool
    online: bool
    last_success_ms: int | None
    pending_events: int
    oldest_pending_age_ms: int | None
    rejected_events: int
    pending_uploads: int
    clock_offset_ms: int | None   # this PC's clock minus the server's
    clock_warning: bool
    last_error: str
    # Set while desk-central refuses the outbox's next push as a whole (the events cannot go until
    # someone acts): the status bar shows it as an error, not as a growing pending count.
    stuck_reason: str = ""
    # How far this PC's hybrid clock runs ahead of the hall's time, when over a minute: it adopted a fast
    # PC's stamps (kept for causality, up to 24 h). Shown, never silent.
    hlc_ahead_ms: int = 0


@dataclass(frozen=True)
class ConflictNotice:
    """An event of this PC that lost (a double call) or that the server refused."""
    event_id: str
    kind: str            # "lost" | "rejected" | "corrupt_blob" (a local scan to be made again)
    aggregate: str
    label: str           # e.g. the ticket number
    reason: str
    window: int | None = None


class SyncAgent:
    def __init__(self, store: Store, client: SyncClient, *, batch_size: int = 200, lease_size: int = 20,
                 poll_wait: float = 20.0, backoff_max: float = 30.0, issues_tickets: bool = True,
                 on_conflict: Callable[[ConflictNotice], None] | None = None,
                 reference_handlers: dict[str, ReferenceHandler] | None = None,
                 now_ms: Callable[[], int] | None = None, reference_every_s: float = 60.0,
                 probe_max_s: float = 0.5, heartbeat: bool = False):
        """``probe_max_s``: while desk-central is unreachable the pull loop asks again within this (full
        jitter), and its first answer flushes the outbox at once: convergence after a partition heals
        is set by this, not by the push backoff (``backoff_max``). ``heartbeat``: send this PC's heartbeat
        (sync/heartbeat.py) for the other PCs' overview."""
        self.store, self.client = store, client
        self.batch_size = min(batch_size, MAX_BATCH)
        self.lease_size, self.poll_wait, self.backoff_max = lease_size, poll_wait, backoff_max
        self.issues_tickets = issues_tickets
        self.on_conflict = on_conflict
        self.reference_handlers = {**DEFAULT_HANDLERS, **(reference_handlers or {})}
        self.now_ms = now_ms or store.raw_now_ms  # the PC's own (possibly wrong) clock: measures the offset
        self.reference_every_s = reference_every_s
        self.heartbeat = Heartbeat(store) if heartbeat else None
        self.probe_max_s = probe_max_s
        self._wake = threading.Event()
        self._pull_wake = threading.Event()  # the pull loop's backoff ends early (the server is back)
        self._stop = threading.Event()   # replaced at each start: threads of an earlier run keep theirs
        # Held while a pull reads the cursor or applies what it got (never during the long poll itself):
        # stop() takes it once, so no abandoned poll touches the store after stop() returned.
        self._pull_gate = threading.Lock()
        self._own_checked = False
        self._report_floors = False
        self._epoch_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._abandoned: list[threading.Thread] = []
        self._online = False
        self._last_success: int | None = None
        self._offset: int | None = None
        self._last_error = ""
        self._stuck = ""
        self._seen_conflicts: set[str] = set()
        self._next_reference = 0.0
        self.uploader = None  # set by desk_app.sync.uploads.Uploader when attachments are synced
        store.add_commit_listener(self._on_commit)

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> None:
        stop = self._stop = threading.Event()
        self._own_checked = False  # the database may have been restored while we were stopped
        for name, fn in (("sync-push", self._push_loop), ("sync-pull", self._pull_loop)):
            t = threading.Thread(target=fn, args=(stop,), name=name, daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self, timeout: float = 15.0) -> None:
        """Stop syncing. A push in flight is waited for; a long poll in flight is not (closing the
        program must not wait up to ``poll_wait`` for it): its thread is a daemon, and what it
        receives is dropped, since the next pull (after stop or at the next start) fetches it again."""
        self._stop.set()
        self._wake.set()
        self._pull_wake.set()
        for t in self._threads:
            if t.name == "sync-push":
                t.join(timeout)
        with self._pull_gate:
            pass  # a pull applying its page finishes; none starts to after this
        self._abandoned = [t for t in self._abandoned + self._threads if t.is_alive()]
        self._threads.clear()

    def join(self, timeout: float = 30.0) -> bool:
        """Wait until the threads of stopped runs (an abandoned long poll) have ended; True if they did.

        Not needed by the program (those threads are daemons that touch nothing); for a caller that
        must not leave a request in flight, e.g. a test tearing down an in-process server.
        """
        deadline = time.monotonic() + timeout
        for t in self._abandoned:
            t.join(max(0.0, deadline - time.monotonic()))
        self._abandoned = [t for t in self._abandoned if t.is_alive()]
        return not self._abandoned

    def sync_now(self) -> None:
        """Push and refresh at once (the status bar's button)."""
        self._wake.set()

    def _on_commit(self, events: list[Event]) -> None:
        if any(e.device == self.store.device_id for e in events):
            self._wake.set()

    # ------------------------------------------------------------------ status
    def snapshot(self) -> SyncStatus:
        with self.store.read() as s:
            pending = s.execute(select(func.count(), func.min(EventRow.recorded_at_ms)).where(
                EventRow.origin == "local", EventRow.push_state == "pending")).one()
            rejected = s.scalar(select(func.count()).where(EventRow.origin == "local",
                                                           EventRow.push_state == "rejected"))
            uploads = s.scalar(select(func.count()).select_from(BlobUpload).where(BlobUpload.complete.is_(False)))
        ahead = self.store.clock.last.wall_ms - self.store.now_ms()
        with self._state_lock:
            offset = self._offset
            return SyncStatus(
                configured=True, online=self._online, last_success_ms=self._last_success,
                pending_events=pending[0],
                oldest_pending_age_ms=(self.store.now_ms() - pending[1]) if pending[1] is not None else None,
                rejected_events=rejected or 0, pending_uploads=uploads or 0,
                clock_offset_ms=offset, clock_warning=offset is not None and abs(offset) > CLOCK_WARN_MS,
                last_error=self._last_error, stuck_reason=self._stuck if pending[0] else "",
                hlc_ahead_ms=ahead if ahead > HLC_AHEAD_WARN_MS else 0)

    def _succeeded(self, server_time_ms: int | None = None, t0: int | None = None, t1: int | None = None) -> None:
        with self._state_lock:
            back = not self._online
            self._online, self._last_success, self._last_error = True, self.now_ms(), ""
            if back:
                # The server answered after an outage (a pull, a push, reference data): whatever loop
                # is still backing off goes now, so the outbox is flushed at once.
                self._wake.set()
                self._pull_wake.set()
            if server_time_ms is not None and t0 is not None and t1 is not None:
                # NTP-style: the server read its clock about half-way through the round trip.
                self._offset = (t0 + t1) // 2 - server_time_ms
                offset = self._offset if t1 - t0 < 500 else None  # a slow exchange measures loosely
            else:
                offset = None
        if offset is not None:
            # Issue times and days follow the server's clock from now on (the calling order across PCs).
            self.store.set_clock_offset(offset)

    def _failed(self, exc: Exception) -> None:
        with self._state_lock:
            if isinstance(exc, NetworkError):
                self._online = False
            self._last_error = exc.message if isinstance(exc, KnownError) else repr(exc)

    # ------------------------------------------------------------------ push
    def pending_events(self, limit: int) -> list[Event]:
        """The next events of the outbox that may go now, in sequence order (see ``next_batch``)."""
        return self.next_batch(limit)[0]

    def next_batch(self, limit: int) -> tuple[list[Event], list[int]]:
        """The next events to push and the sequence numbers below them that are held back.

        An event whose file desk-central has not acknowledged yet is held back, and so is every later
        event of the same aggregate or referring to that file (they would otherwise arrive before what
        they build on). The others go on: the server is told the held-back numbers are not a gap.
        """
        out: list[Event] = []
        held: list[int] = []
        held_aggregates: set[str] = set()
        held_files: set[str] = set()
        after = 0
        # Page by page: usually one page; more only while held-back events take room in it.
        while len(out) < limit and len(held) < MAX_DEFERRED:
            with self.store.read() as s:
                rows = s.connection().execute(_OUTBOX, {"after": after, "limit": limit}).all()
                acked = _acked_blobs(s, {sha for r in rows for sha in _attachments(r.payload)})
            for r in rows:
                files = _attachments(r.payload)
                refs = _file_refs(r.payload, files)
                if (r.aggregate in held_aggregates or not held_files.isdisjoint(refs)
                        or any(sha not in acked for sha in files)):
                    held.append(r.device_seq)
                    held_aggregates.add(r.aggregate)
                    held_files.update(refs)
                    if len(held) >= MAX_DEFERRED:
                        break
                    continue
                out.append(Event(id=r.id, hall=r.hall, device=r.device, device_seq=r.device_seq, hlc=r.hlc,
                                 type=r.type, schema_version=r.schema_version, actor=r.actor,
                                 aggregate=r.aggregate, payload=json.loads(r.payload), chain=r.chain))
                if len(out) >= limit:
                    break
            if len(rows) < limit:
                break
            after = rows[-1].device_seq
        if held and self.uploader is not None:
            self.uploader.wake()
        top = out[-1].device_seq if out else 0
        return out, [n for n in held if n < top]

    def push_once(self) -> int:
        """Push one batch of the outbox; returns how many events the server answered for."""
        if not self._own_checked:
            self.recover_own()
        events, deferred = self.next_batch(self.batch_size)
        if not events:
            return 0
        t0 = self.now_ms()
        try:
            for attempt in stamina.retry_context(on=NetworkError, attempts=3, wait_initial=0.05, wait_max=0.5):
                with attempt:
                    resp = self.client.push(events, t0, deferred)
        except SyncRefused as exc:
            if not isinstance(exc, SyncAuthError):
                with self._state_lock:
                    self._stuck = exc.message
            raise
        with self._state_lock:
            self._stuck = ""
        t1 = self.now_ms()
        self._check_epoch(resp.epoch)
        results = {r.id: r for r in resp.results}
        notices: list[ConflictNotice] = []
        acked: list[dict[str, Any]] = []
        refused: list[dict[str, Any]] = []
        for ev in events:
            r = results.get(ev.id)
            if r is None:
                continue
            row = {"b_id": ev.id, "b_seq": r.server_seq, "b_flags": r.flags}
            if r.status == "rejected":
                refused.append({**row, "b_result": r.reason})
                notices.append(ConflictNotice(ev.id, "rejected", ev.aggregate, _label(ev.payload, ev.aggregate),
                                              r.reason))
            else:
                acked.append({**row, "b_result": r.status})
        with self.store.write() as uow:
            conn = uow.session.connection()
            if acked:
                conn.execute(_MARK.values(push_state="acked"), acked)
            if refused:
                conn.execute(_MARK.values(push_state="rejected"), refused)
            if resp.expected_seq is not None:
                # The server lacks events it had acknowledged (restored from a backup): send them again.
                uow.session.execute(update(EventRow).where(
                    EventRow.origin == "local", EventRow.device == self.store.device_id,
                    EventRow.device_seq >= resp.expected_seq, EventRow.push_state == "acked")
                    .values(push_state="pending", server_seq=None))
        self._succeeded(resp.server_time_ms, t0, t1)
        for n in notices:
            self._notify(n)
        return len(resp.results)

    def push_all(self, max_rounds: int = 10_000) -> int:
        total = 0
        for _ in range(max_rounds):
            n = self.push_once()
            if not n:
                break
            total += n
        return total

    # ------------------------------------------------------------------ own backup restored
    def recover_own(self) -> int:
        """Reconcile this PC's own events with desk-central before pushing; returns the events taken back.

        Normally a no-op (one request). After this PC's database was restored from its own backup,
        the server holds own events the PC lost and its cursor for this device is ahead of the PC's
        sequence: pushing then would reuse numbers. So: events the server already has are marked
        acknowledged, the pending events it never saw are renumbered above its cursor (order kept),
        and the lost ones come back through the same path as pulled events.
        """
        me = self.store.device_id
        with self.store.read() as s:
            # Every own event at or below this is known to the server (acknowledged, refused, or taken back).
            after = s.scalar(select(func.max(EventRow.device_seq)).where(
                EventRow.device == me, EventRow.push_state != "pending")) or 0
        theirs: dict[str, PulledEvent] = {}
        refused: dict[str, str] = {}
        cursor = after
        while True:
            resp = self.client.own_events(cursor)
            theirs.update((e.id, e) for e in resp.events)
            refused.update((r.id, r.reason) for r in resp.rejected)
            if resp.next_after is None:
                break
            cursor = resp.next_after
        server_last, server_deferred = resp.last_seq, set(resp.deferred)
        with self.store.write() as uow:
            conn = uow.session.connection()
            # Read under the write lock: no new event takes a number while we renumber. Not needed in the
            # usual case (the server has nothing of ours above ``after``): a long outage's backlog is
            # then not read twice before its first push.
            server_has_more = bool(theirs or refused) or server_last > after
            mine = conn.execute(select(_T.c.id, _T.c.device_seq, _T.c.aggregate, _T.c.payload)
                                .where(_T.c.device == me, _T.c.device_seq > after)
                                .order_by(_T.c.device_seq)).all() if server_has_more else []
            have = {r.id for r in mine}
            known = [r for r in mine if r.id in theirs]
            gone = [r for r in mine if r.id in refused]
            # Deferred numbers are held for this PC's events waiting for a file: they keep their number.
            unseen = [r for r in mine if r.id not in theirs and r.id not in refused
                      and r.device_seq not in server_deferred]
            renumber = any(r.device_seq <= server_last for r in unseen)
            if known:
                conn.execute(_MARK.values(push_state="acked"), [
                    {"b_id": r.id, "b_seq": theirs[r.id].server_seq or None, "b_flags": theirs[r.id].flags,
                     "b_result": "duplicate"} for r in known])
            if gone:
                conn.execute(_MARK.values(push_state="rejected"), [
                    {"b_id": r.id, "b_seq": None, "b_flags": "", "b_result": refused[r.id]} for r in gone])
            if renumber:
                log.warning("this PC's database is behind desk-central (restored from a backup?): "
                            "%d pending events renumbered after %d", len(unseen), server_last)
                # Out of the way first: the unique (device, device_seq) must hold after every row.
                conn.execute(_RENUMBER, [{"b_id": r.id, "b_seq": -r.device_seq} for r in unseen])
                conn.execute(_RENUMBER, [{"b_id": r.id, "b_seq": server_last + n + 1}
                                         for n, r in enumerate(unseen)])
                uow.set_sequence(server_last + len(unseen))
            elif uow.last_seq < server_last:
                uow.set_sequence(server_last)
        for r in gone:
            self._notify(ConflictNotice(r.id, "rejected", r.aggregate, _label(json.loads(r.payload), r.aggregate),
                                        refused[r.id]))
        lost = [e for e in sorted(theirs.values(), key=lambda e: e.device_seq) if e.id not in have]
        if lost:
            log.warning("taking back %d own events from desk-central that this PC had lost", len(lost))
            self._apply(lost)
        self._own_checked = True
        return len(lost)

    # ------------------------------------------------------------------ pull
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
                self._notify(ConflictNotice(p.id, "rejected", p.aggregate, _label(p.payload, p.aggregate),
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
                    self._notify(ConflictNotice(ev.id, "rejected", ev.aggregate, _label(ev.payload, ev.aggregate),
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

    def report_blob_problem(self, sha: str, reason: str) -> None:
        """The Uploader found a local file it cannot send: the clerk is told (re-scan), the push goes on."""
        self._notify(ConflictNotice(sha, "corrupt_blob", f"attachment:{sha}", sha[:12], reason))
        self._wake.set()  # the events that waited for this file may go now

    def _notify(self, notice: ConflictNotice) -> None:
        if self.on_conflict is not None:
            try:
                self.on_conflict(notice)
            except Exception:  # noqa: BLE001 - a UI callback must not stop sync
                log.exception("conflict callback failed")

    # ------------------------------------------------------------------ epoch / restore
    def _check_epoch(self, epoch: str) -> bool:
        """Remember the server's epoch; on a change (a restored server) resync. True when it changed."""
        with self._epoch_lock:
            known = self.store.get_meta(EPOCH_KEY, "")
            if known == epoch:
                return False
            if known:
                self._resync()
            self.store.set_meta(EPOCH_KEY, epoch)
            return bool(known)

    def _resync(self) -> None:
        """Pull everything again (idempotent) and re-push what the server no longer has."""
        st = self.client.status()
        with self.store.write() as uow:
            uow.session.execute(update(EventRow).where(
                EventRow.origin == "local", EventRow.device == self.store.device_id,
                EventRow.device_seq > st.device_last_seq, EventRow.push_state != "pending")
                .values(push_state="pending", push_result="", server_seq=None))
        self.store.set_meta(CURSOR_KEY, "0")
        self.store.set_meta(ANCHOR_KEY, "")
        # The restored server may have forgotten leases: tell it at once what this PC holds (a lease
        # request carries the highest number held or known issued), before anyone leases them again.
        self._report_floors = True
        self._wake.set()

    # ------------------------------------------------------------------ leases
    def refill_leases(self, day: str | None = None) -> int:
        """Lease more ticket numbers for every active category whose leased stock is below half a block."""
        if not self.issues_tickets or self.store.get_meta(numbering.MODE_KEY) != "leased":
            return 0
        day = day or hall_day(self.now_ms())
        hall = self.store.hall_id
        with self.store.read() as s:
            cats = s.scalars(select(QueueCategory.prefix).where(QueueCategory.hall_id == hall,
                                                                QueueCategory.active.is_(True))).all()
            report, self._report_floors = self._report_floors, False
            low = [c for c in cats if report or numbering.leased_remaining(s, hall, day, c) * 2 < self.lease_size]
            floors = {c: numbering.known_floor(s, hall, day, c) for c in low}
            if report:  # a category with nothing held or issued has nothing to tell, unless it is low
                low = [c for c in low if floors[c] or numbering.leased_remaining(s, hall, day, c) * 2
                       < self.lease_size]
        try:
            for c in low:
                got = self.client.lease(day, c, self.lease_size, floors[c])
                with self.store.write() as uow:
                    numbering.add_lease(uow.session, hall, day, c, self.store.device_id, got.start, got.end)
        except Exception:
            self._report_floors = self._report_floors or report  # not told yet: again next cycle
            raise
        return len(low)

    # ------------------------------------------------------------------ reference data
    def refresh_reference(self) -> list[str]:
        """Pull every reference kind whose published version is newer than ours; returns the kinds updated."""
        versions = self.client.reference_versions()
        with self.store.read() as s:
            have = dict(s.execute(select(ReferenceDoc.kind, func.max(ReferenceDoc.version))
                                  .group_by(ReferenceDoc.kind)).all())
        done: list[str] = []
        for kind, version in sorted(versions.items()):
            if version <= have.get(kind, 0):
                continue
            doc = self.client.reference(kind)
            handler = self.reference_handlers.get(kind)
            if handler is not None:
                try:
                    handler(self.store, doc.label, doc.body)
                except Exception:  # noqa: BLE001 - one bad document must not stop pushes or other kinds
                    # Not recorded as pulled, so it is tried again next round (a fixed version replaces it).
                    log.exception("reference %s version %s could not be applied; kept the previous one",
                                  kind, doc.version)
                    continue
            with self.store.write() as uow:
                uow.session.merge(ReferenceDoc(kind=kind, hall_id="", version=doc.version, label=doc.label,
                                               body=doc.body, sha256=doc.sha256, published_at_ms=self.now_ms()))
            if kind == "catalog":
                self.store.set_meta(CATALOG_VERSION_KEY, doc.label)
            done.append(kind)
        return done

    # ------------------------------------------------------------------ loops
    def _backoff(self, failures: int) -> float:
        # Full jitter: PCs that lost the network together do not all come back in the same second.
        return random.uniform(0, min(self.backoff_max, 0.5 * 2 ** min(failures, 10)))

    def _push_loop(self, stop: threading.Event) -> None:
        failures = 0
        while not stop.is_set():
            try:
                if time.monotonic() >= self._next_reference:
                    self.refresh_reference()
                    self._succeeded()  # the server answered: online, even before the first push or pull
                    self._next_reference = time.monotonic() + self.reference_every_s
                self.refill_leases()
                self.push_all()
                if self.heartbeat is not None:
                    with self._state_lock:
                        lately = self._online and self._last_success is not None and \
                            self.now_ms() - self._last_success <= HEARTBEAT_EVERY_MS
                        offset = self._offset
                    self.heartbeat.beat(answered_lately=lately, clock_offset_ms=offset)
                failures = 0
                timeout = 5.0
            except SyncAuthError as exc:
                self._failed(exc)
                timeout = self.backoff_max  # needs a person: re-enrollment
            except Exception as exc:  # noqa: BLE001 - keep syncing whatever happened
                if not isinstance(exc, (KnownError,)):
                    log.exception("push cycle failed")
                self._failed(exc)
                failures += 1
                timeout = self._backoff(failures)
            self._wake.wait(timeout)
            self._wake.clear()

    def _pull_loop(self, stop: threading.Event) -> None:
        failures = 0
        more = False
        while not stop.is_set():
            try:
                # Pages of a backlog are fetched at once; only an up-to-date PC waits (long poll).
                got = self._pull(0 if failures or more else self.poll_wait, stop)
                if got is None:
                    return
                _n, more = got
                failures = 0
                if more:
                    continue
            except Exception as exc:  # noqa: BLE001
                if stop.is_set():
                    return  # the abandoned poll failed (e.g. its client was closed): nothing to report
                if not isinstance(exc, (KnownError,)):
                    log.exception("pull cycle failed")
                self._failed(exc)
                failures += 1
                # Short: this loop is how the PC notices the server is back (each probe is one small request).
                self._pull_wake.wait(random.uniform(0, min(self.probe_max_s, 0.5 * 2 ** min(failures, 10))))
                self._pull_wake.clear()


_T = EventRow.__table__
# Plain columns, not ORM objects: a drain reads thousands of rows.
_OUTBOX = (select(_T.c.id, _T.c.hall, _T.c.device, _T.c.device_seq, _T.c.hlc, _T.c.type, _T.c.schema_version,
                  _T.c.actor, _T.c.aggregate, _T.c.payload, _T.c.chain)
           .where(_T.c.origin == "local", _T.c.push_state == "pending", _T.c.device_seq > bindparam("after"))
           .order_by(_T.c.device_seq).limit(bindparam("limit")))
# One statement for a whole batch of answers (executemany): marking 500 rows one by one costs more
# than the push itself.
_MARK = update(_T).where(_T.c.id == bindparam("b_id"), _T.c.push_state == "pending").values(
    push_result=bindparam("b_result"), server_seq=bindparam("b_seq"), flags=bindparam("b_flags"))


# Only own acknowledged events carry a server number on a PC: the index (hall, server_seq) finds the newest.
_OWN_ANCHOR = (select(_T.c.server_seq, _T.c.id)
               .where(_T.c.hall == bindparam("hall"), _T.c.server_seq.is_not(None),
                      _T.c.server_seq <= bindparam("since"))
               .order_by(_T.c.server_seq.desc()).limit(1))

_RENUMBER = update(_T).where(_T.c.id == bindparam("b_id")).values(device_seq=bindparam("b_seq"))


def _attachments(payload_json: str) -> list[str]:
    """The files an event brings (``attachments``: uploaded by the Uploader before the event may go)."""
    if '"attachments"' not in payload_json:
        return []
    value = json.loads(payload_json).get("attachments") or []
    return [v for v in value if isinstance(v, str)]


def _file_refs(payload_json: str, files: list[str]) -> set[str]:
    """Every file an event refers to: the ones it brings and one named by ``sha256`` (a link to a scan,
    a printout): such an event must not reach the server before the event that brings the file."""
    refs = set(files)
    if '"sha256"' in payload_json:
        sha = json.loads(payload_json).get("sha256")
        if isinstance(sha, str) and sha:
            refs.add(sha)
    return refs


def _acked_blobs(s, shas: set[str]) -> set[str]:
    """Files whose events may go: acknowledged by desk-central, or corrupt here (they will never be, and
    holding their events would hold the case behind them for good; the clerk re-scans)."""
    if not shas:
        return set()
    return set(s.scalars(select(BlobUpload.sha256).where(
        BlobUpload.sha256.in_(shas), (BlobUpload.complete.is_(True)) | (BlobUpload.problem != ""))))


def _parse_anchor(text: str) -> tuple[int, str] | None:
    seq, _, event_id = text.partition(":")
    return (int(seq), event_id) if seq.isdigit() and event_id else None


def _label(payload: dict[str, Any], aggregate: str) -> str:
    """What a conflict notice calls the thing: the ticket number when there is one."""
    return str(payload.get("number") or aggregate)[:80]


# ---------------------------------------------------------------------- default reference handlers
def _apply_setup(store: Store, _label: str, body: Any) -> None:
    """Categories, windows and users through the one writer local loading uses (settings and all; staff
    left out of a published list are disabled here too, so they cannot sign in offline)."""
    with store.write("reference") as uow:
        write_setup(uow.session, store.hall_id, body)


DEFAULT_HANDLERS: dict[str, ReferenceHandler] = {
    "categories": _apply_setup, "windows": _apply_setup, "users": _apply_setup,
}
