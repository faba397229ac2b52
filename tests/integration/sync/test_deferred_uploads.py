"""Attachments never hold up event sync: held-back events are declared deferred, undeclared gaps still refused."""
from __future__ import annotations

import os
import threading

from sqlalchemy import func, insert, select

from desk_app.domain.events import Event
from desk_app.domain.ids import new_id
from desk_app.services import queue as qs
from desk_app.store.blobs import BlobStore
from desk_app.store.models import EventRow, Ticket
from desk_app.store.models.server import BlobUpload, DeviceCursor
from desk_app.sync.uploads import Uploader
from tests.integration.sync.conftest import has_ticket, issue_tickets, make_pc, wait_until
from tests.integration.sync.test_uploads import CHUNK, _scan


class HeldWire:
    """put_chunk that stops before the second chunk until ``release`` is set (a slow, large upload)."""

    def __init__(self, client):
        self.real, self.calls = client.put_chunk, 0
        self.release, self.held = threading.Event(), threading.Event()
        client.put_chunk = self

    def __call__(self, sha, size, offset, data):
        self.calls += 1
        if self.calls == 2:
            self.held.set()
            assert self.release.wait(30)
        return self.real(sha, size, offset, data)


def test_large_upload_does_not_hold_up_later_events(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    blobs = BlobStore(a.data_dir / "blobs")
    up = Uploader(a.store, a.client, blobs, chunk_bytes=CHUNK, on_acked=lambda _sha: a.agent.sync_now())
    a.agent.uploader = up
    wire = HeldWire(a.client)
    # Record, for each push carrying the scan's event, whether desk-central held the whole file then.
    arrivals: list[bool] = []
    real_push = a.client.push

    def watching_push(events, sent_at_ms, deferred=None):
        for ev in events:
            if ev.type == "attachment.added":
                with central.db.read() as s:
                    row = s.get(BlobUpload, ev.payload["attachments"][0])
                    arrivals.append(row is not None and row.complete)
        return real_push(events, sent_at_ms, deferred)
    a.client.push = watching_push

    with a.store.write() as uow:
        before = qs.issue_ticket(uow, "A")
    sha = _scan(a, blobs, os.urandom(CHUNK * 4))
    up.start()
    a.agent.start()
    b.agent.start()
    try:
        assert wire.held.wait(10)               # the upload is under way and stuck after one chunk
        with a.store.write() as uow:
            after = [qs.issue_ticket(uow, "B") for _ in range(3)]   # other aggregates, later numbers
        wait_until(lambda: all(has_ticket(b.store, t.id) for t in [before, *after]))
        assert arrivals == []                   # the scan's event has not been sent
        with central.db.read() as s:
            cur = s.get(DeviceCursor, a.store.device_id)
            assert cur.deferred_seqs == "[2]" and cur.last_seq == 5
        snap = a.agent.snapshot()
        assert snap.pending_events == 1 and snap.pending_uploads == 1
        wire.release.set()
        wait_until(lambda: a.agent.snapshot().pending_events == 0)
        assert arrivals == [True]               # it arrived, and only after its file was complete
        with central.db.read() as s:
            cur = s.get(DeviceCursor, a.store.device_id)
            assert cur.deferred_seqs == "" and cur.last_seq == 5
            assert s.scalar(select(func.count()).select_from(EventRow)) == 5
        with a.store.read() as s:
            assert set(s.scalars(select(EventRow.push_state).where(EventRow.origin == "local"))) == {"acked"}
        wait_until(lambda: _scan_seen(b.store, sha))
    finally:
        wire.release.set()
        up.stop()
        a.agent.stop()
        b.agent.stop()


def _scan_seen(store, sha):
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(EventRow).where(
            EventRow.aggregate == f"attachment:{sha}")) == 1


def test_undeclared_gap_is_still_answered_with_the_expected_sequence(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    issue_tickets(a.store, 5)
    ev = a.agent.pending_events(100)
    r = a.client.push([ev[0], ev[2]], 0)          # 2 skipped without a word: a gap
    assert [x.status for x in r.results] == ["applied"] and r.expected_seq == 2
    r = a.client.push([ev[2], ev[3]], 0, [2])     # 2 declared deferred: 3 and 4 go on
    assert [x.status for x in r.results] == ["applied", "applied"] and r.expected_seq is None
    r = a.client.push([ev[4]], 0, [])             # nothing missing after 4
    assert [x.status for x in r.results] == ["applied"]
    r = a.client.push([ev[1]], 0)                 # the deferred one comes late: accepted
    assert [x.status for x in r.results] == ["applied"] and r.expected_seq is None
    r = a.client.push([ev[1]], 0)                 # and only once
    assert [x.status for x in r.results] == ["duplicate"]
    # a different event claiming a number already used is still refused
    reused = Event(**{**ev[1].to_dict(), "id": new_id()})
    r = a.client.push([reused], 0)
    assert r.results[0].status == "rejected" and "已被另一事件使用" in r.results[0].reason
    with central.db.read() as s:
        assert s.get(DeviceCursor, a.store.device_id).deferred_seqs == ""
        assert s.scalar(select(func.count()).select_from(Ticket)) == 5


def _raw_event(store, seq: int, aggregate: str, payload: str) -> None:
    """A pending local event written straight into the outbox (the selection rules only, no reducer)."""
    with store.write() as uow:
        uow.session.execute(insert(EventRow), [dict(
            id=new_id(), hall=store.hall_id, device=store.device_id, device_seq=seq,
            hlc=f"{1_700_000_000_000 + seq:015d}.00000.{store.device_id}", type="ticket.issued",
            schema_version=1, actor="", aggregate=aggregate, payload=payload, recorded_at_ms=seq,
            origin="local", push_state="pending", push_result="", flags="")])


def test_what_waits_behind_a_file(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    sha, other = "a" * 64, "b" * 64
    _raw_event(a.store, 1, "ticket:t1", "{}")
    _raw_event(a.store, 2, f"attachment:{sha}", f'{{"attachments":["{sha}"]}}')   # brings the file
    _raw_event(a.store, 3, "case:c1", f'{{"sha256":"{sha}"}}')                   # refers to it
    _raw_event(a.store, 4, "case:c1", "{}")                                      # same case, later
    _raw_event(a.store, 5, "case:c2", f'{{"sha256":"{other}","x":""}}')          # another, uploaded file
    _raw_event(a.store, 6, "ticket:t2", '{"sha256":""}')
    with a.store.write() as uow:
        uow.session.add(BlobUpload(sha256=other, hall_id=a.store.hall_id, size=1, received=1, complete=True))
    events, deferred = a.agent.next_batch(100)
    assert [e.device_seq for e in events] == [1, 5, 6]
    assert deferred == [2, 3, 4]
    events, deferred = a.agent.next_batch(2)      # a short batch declares only what lies below it
    assert [e.device_seq for e in events] == [1, 5] and deferred == [2, 3, 4]
    events, deferred = a.agent.next_batch(1)
    assert [e.device_seq for e in events] == [1] and deferred == []
    with a.store.write() as uow:
        uow.session.get(BlobUpload, other).complete = True
        uow.session.add(BlobUpload(sha256=sha, hall_id=a.store.hall_id, size=1, received=1, complete=True))
    events, deferred = a.agent.next_batch(100)
    assert [e.device_seq for e in events] == [1, 2, 3, 4, 5, 6] and deferred == []
