"""A test hall for the queue services: a store with a hand-driven clock, categories, windows and clerks; the
`clock` and `hall` fixtures over it (a test module imports them by name to use them)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import ms_of
from desk_app.store.database import Store
from desk_app.store.models import QueueCategory, User, Window

HALL_ID = "01900000-0000-7000-8000-000000000001"
MORNING = ms_of(__import__("datetime").datetime(2026, 11, 23, 9, 0))


@dataclass
class Clock:
    ms: int = MORNING

    def __call__(self) -> int:
        return self.ms

    def advance(self, minutes: float = 0, seconds: float = 0) -> None:
        self.ms += int(minutes * 60_000 + seconds * 1000)


def open_hall(path: Path, clock: Clock, hall_id: str = HALL_ID) -> Store:
    s = Store.open(path, now_ms=clock)
    s.set_meta("hall_id", hall_id)
    with s.write() as uow:
        uow.session.add_all([
            QueueCategory(id=new_id(), hall_id=hall_id, prefix="A", name="综合业务", sort_order=1,
                          settings={"default": True}),
            QueueCategory(id=new_id(), hall_id=hall_id, prefix="B", name="不动产登记", sort_order=2,
                          settings={"sectors": ["不动产"]}),
            QueueCategory(id=new_id(), hall_id=hall_id, prefix="C", name="社保医保", sort_order=3,
                          settings={"sectors": ["社保"]}),
            QueueCategory(id=new_id(), hall_id=hall_id, prefix="D", name="公积金", sort_order=4, active=False),
            Window(id=new_id(), hall_id=hall_id, number=1, name="综合窗口", categories=["A", "B"]),
            Window(id=new_id(), hall_id=hall_id, number=2, name="不动产窗口", categories=["B"]),
            Window(id=new_id(), hall_id=hall_id, number=3, name="潮汐窗口", categories=["A"], tidal=True),
            Window(id=new_id(), hall_id=hall_id, number=4, name="社保窗口", categories=["C"],
                   profile={"fallback_longest_wait": True}),
            Window(id=new_id(), hall_id=hall_id, number=9, name="备用窗口", categories=["A"], active=False),
            User(id=new_id(), hall_id=hall_id, username="li", display_name="李工", role="clerk"),
        ])
    return s


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def hall(tmp_path: Path, clock: Clock):
    s = open_hall(tmp_path / "hall.db", clock)
    yield s
    s.close()
