"""The PC's sync agent: pushes the outbox, long-polls other PCs' events, leases ticket numbers, pulls reference data.

Qt-free. The agent keeps the lifecycle, the status and the loops; the work is in its modules: push.py
(the outbox), pull.py (other PCs' events), restore.py (either side restored), leases.py (ticket numbers),
reference.py (published reference data), status.py (what it reports).

Two worker threads: the pusher (woken by every local commit and by "sync now"; also refills number
leases and reference data) and the puller (a long-poll loop). Attachments go through their own
``Uploader`` thread (desk_app/sync/uploads.py) so a big scan never holds up events: an event that needs
a file not yet acknowledged (and later events of its aggregate) is held back, its sequence number
declared deferred in the push, and the events behind it go on.
Network failures back off exponentially with full jitter; the PC keeps working offline.

A PC restored from its own backup (its database rolled back) takes back from desk-central the
events of its own it lost and moves its sequence above the server's before its first push.
Stopping does not wait for a long poll in flight: the abandoned poll applies nothing.
"""
from __future__ import annotations

import logging
import random
import threading
import time
from typing import Callable

from sqlalchemy import func, select

from desk_app.domain.errors import KnownError, NetworkError
from desk_app.domain.overview import HEARTBEAT_EVERY_MS
from desk_app.domain.events import Event
from desk_app.domain.timeutil import hall_day
from desk_app.store.database import Store
from desk_app.store.models import EventRow
from desk_app.store.models.server import BlobUpload
from desk_app.sync.agent import leases, reference
from desk_app.sync.agent.pull import CURSOR_KEY, Pulling
from desk_app.sync.agent.push import Pushing
from desk_app.sync.agent.reference import DEFAULT_HANDLERS, ReferenceHandler
from desk_app.sync.agent.restore import Restoring
from desk_app.sync.agent.status import CLOCK_WARN_MS, HLC_AHEAD_WARN_MS, ConflictNotice, SyncStatus
from desk_app.sync.client import SyncAuthError, SyncClient, SyncRefused
from desk_app.sync.heartbeat import Heartbeat
from desk_app.sync.protocol import MAX_BATCH, DeviceClock

log = logging.getLogger(__name__)

__all__ = ["CURSOR_KEY", "DEFAULT_HANDLERS", "ConflictNotice", "ReferenceHandler", "SyncAgent", "SyncStatus"]


class SyncAgent(Pushing, Pulling, Restoring):
    """One PC's replication with desk-central: two threads, their backoff, and what the status bar shows."""

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
        self._fast: DeviceClock | None = None  # the hall's PC running furthest ahead, as desk-central measured
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
            offset, fast = self._offset, self._fast
            return SyncStatus(
                configured=True, online=self._online, last_success_ms=self._last_success,
                pending_events=pending[0],
                oldest_pending_age_ms=(self.store.now_ms() - pending[1]) if pending[1] is not None else None,
                rejected_events=rejected or 0, pending_uploads=uploads or 0,
                clock_offset_ms=offset, clock_warning=offset is not None and abs(offset) > CLOCK_WARN_MS,
                last_error=self._last_error, stuck_reason=self._stuck if pending[0] else "",
                hlc_ahead_ms=ahead if ahead > HLC_AHEAD_WARN_MS else 0,
                fast_device=_pc_label(fast) if fast else "", fast_device_ahead_ms=fast.offset_ms if fast else 0,
                fast_device_id=fast.device_id if fast else "")

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

    def refresh_clocks(self) -> None:
        """Ask desk-central which PC of the hall runs fast beyond what this PC's clock follows: it is named on
        this PC's status (its events keep their stamps; the others no longer run hours ahead with them)."""
        try:
            wrong = self.client.clocks(HLC_AHEAD_WARN_MS).devices
        except SyncRefused as exc:
            if exc.status != 404:
                raise
            wrong = []  # an older desk-central without the report: nothing to name
        fast = [d for d in wrong if d.offset_ms > 0 and d.device_id != self.store.device_id]
        with self._state_lock:
            self._fast = max(fast, key=lambda d: d.offset_ms, default=None)

    def _failed(self, exc: Exception) -> None:
        with self._state_lock:
            if isinstance(exc, NetworkError):
                self._online = False
            self._last_error = exc.message if isinstance(exc, KnownError) else repr(exc)

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

    # ------------------------------------------------------------------ leases
    def refill_leases(self, day: str | None = None) -> int:
        """Lease more ticket numbers for every active category whose leased stock is below half a block."""
        if not self.issues_tickets or not leases.leasing(self.store):
            return 0
        report, self._report_floors = self._report_floors, False
        try:
            return leases.refill(self.store, self.client, day or hall_day(self.now_ms()), self.lease_size,
                                 report=report)
        except Exception:
            self._report_floors = self._report_floors or report  # not told yet: again next cycle
            raise

    # ------------------------------------------------------------------ reference data
    def refresh_reference(self) -> list[str]:
        """Pull every reference kind whose published version is newer than ours; returns the kinds updated."""
        return reference.refresh(self.store, self.client, self.reference_handlers, self.now_ms)

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
                    self.refresh_clocks()
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


def _pc_label(pc: DeviceClock) -> str:
    """How people know a PC: its window, else the name it enrolled with, else the start of its id."""
    if pc.window_number is not None:
        return f"{pc.window_number}号窗口"
    return pc.name or pc.device_id[:8]
