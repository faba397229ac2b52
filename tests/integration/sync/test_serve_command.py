"""`desk-central serve`: what the server process does before it listens."""
from __future__ import annotations

import gc

from desk_app.server import app as server_app
from desk_app.server.cli import main as central_main


def test_serve_freezes_the_startup_heap(tmp_path, monkeypatch):
    # The loaded server's objects are frozen out of full collections: unfrozen, each full collection
    # walked them all (~100 ms every few seconds under load) and was the p99 push latency.
    ran = []
    monkeypatch.setattr(server_app.CentralServer, "run", lambda self: ran.append(gc.get_freeze_count()))
    gc.unfreeze()
    try:
        assert central_main(["--db", f"sqlite:///{tmp_path / 'central.db'}", "serve", "--port", "0",
                             "--blobs", str(tmp_path / "blobs"), "--insecure-http"]) == 0
    finally:
        gc.unfreeze()
    assert len(ran) == 1 and ran[0] > 10_000
