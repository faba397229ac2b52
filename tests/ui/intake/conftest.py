"""A screen context over a fresh store with the sample catalog, for the intake, pickup and supervisor screens."""
from __future__ import annotations

import pytest

from desk_app.paths import resources_dir
from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings
from desk_app.services.catalog import CatalogService
from desk_app.services.complaints import ComplaintService
from desk_app.services.pickup import PickupService
from desk_app.store.database import Store
from desk_app.devices.doc_printer import FolderPrinter
from desk_app.ui.context import ScreenContext, SignedInUser
from desk_app.ui.printing.pipeline import PrintPipeline
from desk_app.ui.window.intake.screen import IntakeScreen
from tests.conftest import HALL_ID
from tests.intake_support import add_item, clock, seed_hall  # noqa: F401 - clock is a shared fixture
from tests.ui_support import screen_services


@pytest.fixture
def hall_store(data_dir, clock):
    s = Store.open(data_dir / "pc.db", now_ms=clock)
    s.set_meta("hall_id", HALL_ID)
    seed_hall(s)
    CatalogService(s).import_file(resources_dir() / "catalog" / "sample_catalog.json")
    add_item(s, "T0001", "测试容缺事项", promised=3, initials="csrqsx", materials=[
        {"name": "申请书"}, {"name": "身份证明"}, {"name": "场所证明", "deferrable": True}])
    yield s
    s.close()


@pytest.fixture
def ctx(qapp, hall_store):
    bridge = MessageBridge()
    hall_store.add_commit_listener(bridge.publish_events)
    runner = Runner(bridge)
    services = screen_services(hall_store, actor="clerk5", window_number=5,
                               pickup=PickupService(hall_store, actor="pickup1", window_number=20),
                               complaints=ComplaintService(hall_store, actor="duty1", window_number=30))
    c = ScreenContext(runner=runner, bridge=bridge, settings=Settings(None), services=services, window_number=5,
                      user=SignedInUser("clerk5", "李娜", "clerk"), hall_name="青岛市市南区政务服务中心")
    yield c
    runner.shutdown()


@pytest.fixture
def show_intake_screen(qtbot, ctx):
    """``show_intake_screen(width, height)``: the intake screen over ``ctx``, shown at that size."""
    def show(width: int, height: int) -> IntakeScreen:
        w = IntakeScreen(ctx)
        qtbot.addWidget(w)
        w.resize(width, height)
        w.show()
        return w
    return show


@pytest.fixture
def pipeline(ctx, data_dir):
    """The screens print through this (into ``data_dir/printed``); without it they issue documents only."""
    ctx.print_pipeline = PrintPipeline(ctx.runner, ctx.settings, ctx.services.printing, ctx.bridge, actor="clerk5",
                                       transport=FolderPrinter(data_dir / "printed"))
    return ctx.print_pipeline
