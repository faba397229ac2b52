"""Window identity comes from desk-central (windows published without ids still replicate), and a scan made at
another window is fetched from desk-central when opened, then kept locally."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import select

from desk_app.domain.errors import NotFoundError
from desk_app.server import core
from desk_app.services import queue as qs
from desk_app.store.blobs import BlobStore
from desk_app.store.models import Window
from desk_app.sync.uploads import Uploader
from tests.integration.sync.conftest import make_pc, sync_round
from tests.integration.sync.test_uploads import CHUNK, _scan


def _window_ids(store) -> dict[int, str]:
    with store.read() as s:
        return dict(s.execute(select(Window.number, Window.id)).all())


def test_windows_published_without_ids_are_one_window_on_every_pc(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    for pc in (a, b):   # PCs that know their windows only from desk-central's publication
        with pc.store.write() as uow:
            uow.session.execute(Window.__table__.delete())
    body = {"windows": [{"number": n, "name": f"{n}号窗口", "categories": ["A", "B"]} for n in (1, 2)]}
    core.publish_reference(central.db, "windows", body, hall=central.hall_id)
    for pc in (a, b):
        pc.agent.refresh_reference()
    assert _window_ids(a.store)[1] == _window_ids(b.store)[1]
    with a.store.write("clerk") as uow:
        qs.pause_window(uow, 1, reason="午休")
    sync_round(a, b)
    with b.store.read() as s:
        assert qs.window_info(s, b.store.hall_id, 1).paused
    # A later version without ids keeps the same identity.
    core.publish_reference(central.db, "windows", body, hall=central.hall_id)
    b.agent.refresh_reference()
    assert _window_ids(b.store)[1] == _window_ids(a.store)[1]


def test_a_scan_from_another_window_is_fetched_on_demand_and_kept(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    a_blobs = BlobStore(a.data_dir / "blobs")
    up = Uploader(a.store, a.client, a_blobs, chunk_bytes=CHUNK)
    a.agent.uploader = up
    data = os.urandom(CHUNK + 10)
    sha = _scan(a, a_blobs, data)
    up.upload_all()
    sync_round(a, b)
    plain = BlobStore(b.data_dir / "blobs")
    with pytest.raises(NotFoundError):
        plain.read(sha)                                   # today's message when nothing fetches
    calls = []
    b_blobs = BlobStore(b.data_dir / "blobs", fetcher=lambda s: calls.append(s) or b.client.blob_content(s))
    assert b_blobs.read(sha) == data
    assert b_blobs.read(sha) == data and calls == [sha]   # cached, content-addressed
    assert b_blobs.verify(sha)
    # A fetch that fails or brings other bytes is a clear message, and nothing is kept.
    other = "0" * 64
    bad = BlobStore(tmp_path / "bad", fetcher=lambda s: b"not it")
    with pytest.raises(NotFoundError, match="校验不符"):
        bad.read(other)
    assert not bad.has(other)
    gone = BlobStore(tmp_path / "gone", fetcher=b.client.blob_content)
    with pytest.raises(NotFoundError, match="无法从中心服务器取回"):
        gone.read(other)
