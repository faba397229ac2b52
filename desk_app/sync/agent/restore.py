"""Restores on either side: this PC's own backup (take back its lost events) and desk-central's (resync)."""
from __future__ import annotations

import json
import logging
import threading
from typing import TYPE_CHECKING

from sqlalchemy import bindparam, func, select, update

from desk_app.store.models import EventRow
from desk_app.sync.agent.pull import ANCHOR_KEY, CURSOR_KEY
from desk_app.sync.agent.push import MARK
from desk_app.sync.agent.status import ConflictNotice, label
from desk_app.sync.protocol import PulledEvent

if TYPE_CHECKING:
    from desk_app.store.database import Store
    from desk_app.sync.client import SyncClient

log = logging.getLogger(__name__)

EPOCH_KEY = "sync_epoch"


class Restoring:
    """The SyncAgent's restore checks (a mixin: the agent owns the state named here and the lifecycle)."""
    store: Store
    client: SyncClient
    _epoch_lock: threading.Lock
    _own_checked: bool
    _report_floors: bool
    _wake: threading.Event

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
                conn.execute(MARK.values(push_state="acked"), [
                    {"b_id": r.id, "b_seq": theirs[r.id].server_seq or None, "b_flags": theirs[r.id].flags,
                     "b_result": "duplicate"} for r in known])
            if gone:
                conn.execute(MARK.values(push_state="rejected"), [
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
            self._notify(ConflictNotice(r.id, "rejected", r.aggregate, label(json.loads(r.payload), r.aggregate),
                                        refused[r.id]))
        lost = [e for e in sorted(theirs.values(), key=lambda e: e.device_seq) if e.id not in have]
        if lost:
            log.warning("taking back %d own events from desk-central that this PC had lost", len(lost))
            self._apply(lost)
        self._own_checked = True
        return len(lost)

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


_T = EventRow.__table__
_RENUMBER = update(_T).where(_T.c.id == bindparam("b_id")).values(device_seq=bindparam("b_seq"))
