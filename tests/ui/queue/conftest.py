"""A screen context over a test hall (categories A–D, windows 1–4, 9) with a simulated ticket printer."""
from __future__ import annotations

import pytest

from desk_app.devices.health import DeviceRegistry
from desk_app.devices.ticket_printer import SimulatedTicketPrinter
from desk_app.domain import queue as q
from desk_app.domain.hlc import wall_clock_ms
from desk_app.paths import resources_dir
from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings
from desk_app.services.queue import QueueService
from desk_app.ui.context import ScreenContext, SignedInUser
from tests.unit.services.queue_fixtures import open_hall
from tests.ui_support import screen_services
from tests.ui.runner_support import drain_and_shut_down


@pytest.fixture
def hall(tmp_path):
    s = open_hall(tmp_path / "hall.db", wall_clock_ms)
    yield s
    s.close()


@pytest.fixture
def printer() -> SimulatedTicketPrinter:
    return SimulatedTicketPrinter()


@pytest.fixture
def make_ctx(qapp, hall, printer):
    made: list[ScreenContext] = []

    def make(window_number: int | None = 1, catalog: bool = False, user: str = "clerk1") -> ScreenContext:
        bridge = MessageBridge()
        hall.add_commit_listener(bridge.publish_events)
        runner = Runner(bridge)
        devices = DeviceRegistry()
        devices.register(printer)
        services = screen_services(hall, actor=user, window_number=window_number,
                                   queue=QueueService(hall, q.QueueConfig(priority_policy="strict")))
        if catalog:
            services.catalog.import_file(resources_dir() / "catalog" / "sample_catalog.json")
        c = ScreenContext(runner=runner, bridge=bridge, settings=Settings(None), services=services,
                          devices=devices, window_number=window_number, user=SignedInUser(user, "测试", "clerk"),
                          hall_name="测试市政务服务中心")
        made.append(c)
        return c
    yield make
    for c in made:
        drain_and_shut_down(qapp, c.runner)

