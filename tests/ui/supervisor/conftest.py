"""A supervisor's screen context over a test hall holding the fixed report day (tests/report_support.py)."""
from __future__ import annotations

import pytest

from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings
from desk_app.ui.context import ScreenContext, SignedInUser
from tests.report_support import Clock, fixed_day
from tests.unit.services.queue_fixtures import open_hall
from tests.ui_support import screen_services
from tests.ui.runner_support import drain_and_shut_down


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def hall(tmp_path, clock):
    s = open_hall(tmp_path / "hall.db", clock)
    yield s
    s.close()


@pytest.fixture
def report_hall(hall):
    fixed_day(hall)
    return hall


@pytest.fixture
def make_ctx(qapp, hall):
    made: list[ScreenContext] = []

    def make() -> ScreenContext:
        bridge = MessageBridge()
        hall.add_commit_listener(bridge.publish_events)
        runner = Runner(bridge)
        services = screen_services(hall, actor="super1", window_number=None)
        c = ScreenContext(runner=runner, bridge=bridge, settings=Settings(None), services=services,
                          user=SignedInUser("super1", "陈值班长", "supervisor"), hall_name="测试市政务服务中心")
        made.append(c)
        return c
    yield make
    for c in made:
        drain_and_shut_down(qapp, c.runner)
