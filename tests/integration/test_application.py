"""Application.start() brings one PC up from its data directory, stop() takes every part down again."""
from __future__ import annotations

import threading
from types import SimpleNamespace

import shiboken6

from desk_app.app import Application
from desk_app.app_services import SharedServices
from desk_app.ui.context import ScreenServices

CLERK = SimpleNamespace(username="clerk1", display_name="王受理", role="clerk")


def _threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.is_alive()}


def test_start_brings_up_the_services_and_the_roles_windows(qtbot, qapp, data_dir) -> None:
    before = _threads()
    app = Application(qapp, data_dir, language=None).start(CLERK)
    try:
        core, windows = app.core, app.windows
        assert isinstance(core.services, SharedServices) and core.services.sync is None  # no desk-central set
        assert app.sync.agent is None and app.devices.registry.health("voice") is not None
        windows.show()
        qtbot.waitExposed(windows.main)
        pages = [windows.main.nav.item(i).text() for i in range(windows.main.nav.count())]
        assert pages[1:] == ["办不成事反映", "外设"] and pages[0].endswith("号窗口")
        assert windows.display in windows.extra and windows.applicant in windows.extra  # the second screens
        services = windows.display.ctx.services
        assert isinstance(services, ScreenServices) and services.printing is core.services.printing
        assert services.intake.actor == "clerk1"
        from desk_app.ui.printing.reprint_screen import open_reprint
        dialog = open_reprint(windows.display.ctx, windows.main.stack.currentWidget())  # a window of its own
        qtbot.waitExposed(dialog)
    finally:
        app.stop()
    assert app.windows is None and not windows.main.isVisible()
    assert not (shiboken6.isValid(dialog) and dialog.isVisible())  # the dialogs the windows opened close too
    assert not (data_dir / "local.db-wal").exists()  # the store's last connection closed (WAL folded back)
    qtbot.waitUntil(lambda: _threads() <= before)  # runner, checkpointer and device workers all ended


def test_start_stop_start_again_on_the_same_data_directory(qtbot, qapp, data_dir) -> None:
    first = Application(qapp, data_dir, language=None).start(CLERK)
    device = first.core.store.device_id
    first.core.settings.set("display.notice", "请排队")
    first.stop()
    first.stop()  # a second stop finds nothing left to stop
    again = Application(qapp, data_dir, language=None).start(CLERK)
    try:
        assert again.core.store.device_id == device and again.core.settings.get("display.notice") == "请排队"
        assert again.windows is not None and again.core.store.integrity_ok()
    finally:
        again.stop()


def test_the_demo_stops_its_sync_agent_and_its_desk_central(qtbot, qapp, tmp_path) -> None:
    from desk_app.demo import DemoHall
    before = _threads()
    hall = DemoHall(qapp, tmp_path / "demo")
    agent = hall.core.services.sync
    qtbot.waitUntil(lambda: agent.snapshot().online, timeout=15000)
    hall.close()
    assert not hall.central.server_thread.is_alive()
    qtbot.waitUntil(lambda: _threads() <= before, timeout=15000)  # agent, uploads, heartbeat and server ended
    again = DemoHall(qapp, tmp_path / "demo")  # the same hall, enrolled already
    try:
        qtbot.waitUntil(lambda: again.core.services.sync.snapshot().online, timeout=15000)
    finally:
        again.close()
