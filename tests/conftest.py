"""Shared fixtures: a fresh database and data directory per test, Qt offscreen with the bundled CJK font."""
from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QPA_FONTDIR", str(Path(__file__).resolve().parent.parent / "resources" / "fonts"))

from desk_app.domain.ids import new_id  # noqa: E402
from desk_app.store.database import Store  # noqa: E402
from desk_app.store.models import QueueCategory  # noqa: E402

HALL_ID = "01900000-0000-7000-8000-000000000001"

pytest_plugins = ["tests.plugins.quarantine", "tests.plugins.worker_faults", "pytester"]


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread(request):
    """As in the program (desk_app.runtime.gc_timer): during a Qt test, no automatic collection (it could
    start on a worker thread and free a Qt wrapper there, which crashes Qt); collect at its end, here.
    Other tests keep Python's automatic collection. What survives is frozen (moved out of the collector's
    sight): a worker's heap grows over hundreds of tests, and a full collection of it took 2-4 s per Qt test;
    frozen objects are also never collected later on some other test's thread."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.freeze()
        gc.enable()


@pytest.fixture
def bridge(qapp):
    """A message bridge of its own (messages from workers reach the UI thread through it)."""
    from desk_app.runtime.bridge import MessageBridge
    return MessageBridge()


@pytest.fixture
def runner(bridge):
    """The operation runner over ``bridge``, shut down (its workers stopped and joined) after the test."""
    from desk_app.runtime.ops import Runner
    r = Runner(bridge)
    yield r
    r.shutdown()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    monkeypatch.setenv("DESK_APP_DATA", str(d))
    return d


@pytest.fixture
def store(data_dir: Path):
    """An empty local store (migrated) bound to a test hall with categories A and B."""
    s = Store.open(data_dir / "local.db")
    s.set_meta("hall_id", HALL_ID)
    with s.write() as uow:
        uow.session.add_all([
            QueueCategory(id=new_id(), hall_id=HALL_ID, prefix="A", name="综合业务", sort_order=1),
            QueueCategory(id=new_id(), hall_id=HALL_ID, prefix="B", name="不动产登记", sort_order=2),
        ])
    yield s
    s.close()
