"""Pushing the outbox: the next batch (held back behind files not yet uploaded), its answers marked in one go."""
from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any

import stamina
from sqlalchemy import bindparam, select, update

from desk_app.domain.errors import NetworkError
from desk_app.domain.events import Event
from desk_app.store.models import EventRow
from desk_app.store.models.server import BlobUpload
from desk_app.sync.agent.status import ConflictNotice, label
from desk_app.sync.client import SyncAuthError, SyncRefused
from desk_app.sync.protocol import MAX_DEFERRED

if TYPE_CHECKING:
    from desk_app.store.database import Store
    from desk_app.sync.client import SyncClient


class Pushing:
    """The SyncAgent's push half (a mixin: the agent owns the state named here and the lifecycle)."""
    store: Store
    client: SyncClient
    batch_size: int
    uploader: Any
    _state_lock: threading.Lock
    _stuck: str
    _own_checked: bool

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
                notices.append(ConflictNotice(ev.id, "rejected", ev.aggregate, label(ev.payload, ev.aggregate),
                                              r.reason))
            else:
                acked.append({**row, "b_result": r.status})
        with self.store.write() as uow:
            conn = uow.session.connection()
            if acked:
                conn.execute(MARK.values(push_state="acked"), acked)
            if refused:
                conn.execute(MARK.values(push_state="rejected"), refused)
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


_T = EventRow.__table__
# Plain columns, not ORM objects: a drain reads thousands of rows.
_OUTBOX = (select(_T.c.id, _T.c.hall, _T.c.device, _T.c.device_seq, _T.c.hlc, _T.c.type, _T.c.schema_version,
                  _T.c.actor, _T.c.aggregate, _T.c.payload, _T.c.chain)
           .where(_T.c.origin == "local", _T.c.push_state == "pending", _T.c.device_seq > bindparam("after"))
           .order_by(_T.c.device_seq).limit(bindparam("limit")))
# One statement for a whole batch of answers (executemany): marking 500 rows one by one costs more
# than the push itself.
MARK = update(_T).where(_T.c.id == bindparam("b_id"), _T.c.push_state == "pending").values(
    push_result=bindparam("b_result"), server_seq=bindparam("b_seq"), flags=bindparam("b_flags"))


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

