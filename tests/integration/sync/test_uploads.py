"""Attachments: resumable upload cut at 50 %, a corrupted chunk, the same file twice, events gated on the file."""
from __future__ import annotations

import hashlib
import os

import pytest
from sqlalchemy import select

from desk_app.domain.errors import NetworkError
from desk_app.services import queue as qs
from desk_app.services.attachments import add_attachment
from desk_app.store.blobs import BlobStore
from desk_app.store.models import EventRow
from desk_app.store.models.server import BlobAccess, BlobUpload
from desk_app.sync.uploads import Uploader
from tests.integration.sync.conftest import make_pc

CHUNK = 64 * 1024


class Wire:
    """Wraps the client's put_chunk to count, cut or corrupt what goes over the wire."""

    def __init__(self, client, *, cut_after: int | None = None, corrupt_chunk: int | None = None):
        self.client, self.real = client, client.put_chunk
        self.cut_after, self.corrupt_chunk = cut_after, corrupt_chunk
        self.sent = 0
        self.calls = 0
        client.put_chunk = self

    def __call__(self, sha, size, offset, data):
        self.calls += 1
        if self.cut_after is not None and self.calls > self.cut_after:
            raise NetworkError("cable pulled")
        if self.corrupt_chunk is not None and self.calls == self.corrupt_chunk:
            data = b"\0" * len(data)
        self.sent += len(data)
        return self.real(sha, size, offset, data)


def _setup(central, tmp_path, name="a"):
    pc = make_pc(central, tmp_path, name)
    blobs = BlobStore(pc.data_dir / "blobs")
    up = Uploader(pc.store, pc.client, blobs, chunk_bytes=CHUNK, on_acked=lambda _sha: None)
    pc.agent.uploader = up
    return pc, blobs, up


def _scan(pc, blobs, data: bytes) -> str:
    with pc.store.write("clerk") as uow:
        return add_attachment(uow, data, media_type="image/jpeg", filename="scan.jpg", blobs=blobs)


def test_upload_cut_at_half_resumes_without_resending(central, tmp_path):
    pc, blobs, up = _setup(central, tmp_path)
    data = os.urandom(CHUNK * 10)
    sha = _scan(pc, blobs, data)
    wire = Wire(pc.client, cut_after=5)
    with pytest.raises(NetworkError):
        up.upload_all()
    assert wire.sent == CHUNK * 5
    with central.db.read() as s:
        assert s.get(BlobAccess, (central.hall_id, sha)).received == CHUNK * 5
    wire.cut_after = None
    assert up.upload_all() == 1
    assert wire.sent == CHUNK * 10        # the second half only
    stored = central.blobs_dir / sha[:2] / sha[2:4] / sha
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha


def test_corrupted_chunk_is_refused_and_retried(central, tmp_path):
    pc, blobs, up = _setup(central, tmp_path)
    data = os.urandom(CHUNK * 3 + 100)
    sha = _scan(pc, blobs, data)
    wire = Wire(pc.client, corrupt_chunk=2)
    assert up.upload_all() == 1
    assert wire.calls == 4 + 4               # the whole file once more after the refusal
    stored = central.blobs_dir / sha[:2] / sha[2:4] / sha
    assert stored.read_bytes() == data


def test_same_file_twice_is_uploaded_once(central, tmp_path):
    pc, blobs, up = _setup(central, tmp_path)
    data = os.urandom(CHUNK * 2)
    wire = Wire(pc.client)
    _scan(pc, blobs, data)
    up.upload_all()
    sent = wire.sent
    _scan(pc, blobs, data)                  # scanned again: same hash
    assert up.upload_all() == 0
    # another PC with the same file: the server already has it
    pc2, blobs2, up2 = _setup(central, tmp_path, "b")
    wire2 = Wire(pc2.client)
    _scan(pc2, blobs2, data)
    assert up2.upload_all() == 1
    assert wire2.sent == 0 and wire.sent == sent == CHUNK * 2


def test_event_waits_for_its_file_and_the_others_do_not(central, tmp_path):
    pc, blobs, up = _setup(central, tmp_path)
    pc.agent.refill_leases()
    with pc.store.write() as uow:
        qs.issue_ticket(uow, "A")
    _scan(pc, blobs, os.urandom(1000))
    with pc.store.write() as uow:
        qs.issue_ticket(uow, "A")
    assert pc.agent.push_all() == 2          # both tickets went; the scan waits for its file
    with pc.store.read() as s:
        states = s.scalars(select(EventRow.push_state).order_by(EventRow.device_seq)).all()
    assert states == ["acked", "pending", "acked"]
    up.upload_all()
    assert pc.agent.push_all() == 1
    with pc.store.read() as s:
        assert set(s.scalars(select(EventRow.push_state))) == {"acked"}
