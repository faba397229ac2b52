"""Loading a hall's setup locally: the same writer as sync; ids kept across reloads; absent users deactivated."""
from __future__ import annotations

import json

from sqlalchemy import select

from desk_app.paths import resources_dir
from desk_app.services.reference import load_hall_setup
from desk_app.store.database import Store
from desk_app.store.models import QueueCategory, User, Window


def test_reloading_the_setup_keeps_ids_and_settings(tmp_path) -> None:
    store = Store.open(tmp_path / "local.db")
    data = json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))
    load_hall_setup(store, data)
    with store.read() as s:
        ids = {w.number: w.id for w in s.scalars(select(Window))}
    data["users"] = [u for u in data["users"] if u["username"] != "clerk2"]
    data["categories"] = [c for c in data["categories"] if c["prefix"] != "F"]
    load_hall_setup(store, data)
    with store.read() as s:
        assert {w.number: w.id for w in s.scalars(select(Window))} == ids
        cats = {c.prefix: c.settings for c in s.scalars(select(QueueCategory))}
        assert "F" not in cats and cats["B"] == {"sectors": ["不动产登记"]}
        assert s.scalar(select(User.active).where(User.username == "clerk2")) is False
        assert s.scalar(select(User.active).where(User.username == "clerk1")) is True
    store.close()


def test_every_pc_of_the_hall_gives_a_window_the_same_id(tmp_path) -> None:
    """Window events (pause, tidal switch) are keyed by the window's id: two PCs must agree on it."""
    from desk_app.services.queue import QueueService
    from tests.conftest import HALL_ID
    data = json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))
    stores = [Store.open(tmp_path / f"pc{i}.db") for i in range(2)]
    for s in stores:
        load_hall_setup(s, data, hall_id=HALL_ID)
    ids = []
    for s in stores:
        with s.read() as r:
            ids.append({w.number: w.id for w in r.scalars(select(Window))})
    assert ids[0] == ids[1]
    # a pause made on one PC, replayed on the other, pauses the same window there
    with stores[0].write("clerk1") as uow:
        from desk_app.services.queue import pause_window
        pause_window(uow, 2, reason="午休")
        events = list(uow.events)
    stores[1].apply_remote(events)
    assert QueueService(stores[1]).window(2).paused
    for s in stores:
        s.close()
