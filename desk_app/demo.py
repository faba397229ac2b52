"""The demo hall and the program's windows: `desk-app demo`, `desk-app run` and `desk-app display`.

The demo runs one PC with every screen (guide desk, two clerk windows, pickup, complaint window,
supervisor, settings) in one main window, plus the hall display, the applicant screen and the
simulated devices as windows of their own, on a local SQLite store and a local desk-central.
"""
from __future__ import annotations

import json
import logging
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desk_app.app import Core, build_core, setup_logging
from desk_app.paths import default_data_dir, resources_dir
from desk_app.ui.context import ScreenContext, SignedInUser
from desk_app.ui.qt_setup import setup_application

log = logging.getLogger(__name__)


# ---------------------------------------------------------------------------------------------- services
def screen_services(core: Core, *, actor: str, window_number: int | None) -> SimpleNamespace:
    """The services one screen uses, bound to its clerk and window (the store and printing are shared)."""
    from desk_app.services.accounts import AccountService
    from desk_app.services.complaints import ComplaintService
    from desk_app.services.intake import IntakeService
    from desk_app.services.pickup import PickupService
    from desk_app.services.queue import QueueService
    from desk_app.services.rating import RatingService
    from desk_app.services.supervision import SupervisionService

    from desk_app.services.calendar import hall_calendar

    store = core.store
    calendar = hall_calendar(store)
    return SimpleNamespace(
        queue=QueueService(store, core.queue_config, actor=actor),
        intake=IntakeService(store, calendar=calendar, actor=actor, window_number=window_number),
        rating=RatingService(store, calendar=calendar, actor=actor, window_number=window_number),
        pickup=PickupService(store, actor=actor, window_number=window_number),
        complaints=ComplaintService(store, calendar=calendar, actor=actor),
        supervision=SupervisionService(store, calendar=calendar),
        catalog=core.services.catalog,
        printing=core.services.printing,
        accounts=AccountService(store),
        sync=core.services.sync,
    )


def attach_shared_services(core: Core) -> None:
    """Services every screen shares: catalog search cache, printing, queue configuration, sync status."""
    from desk_app.domain.queue import QueueConfig
    from desk_app.printing.renderer import TemplateRenderer
    from desk_app.services.catalog import CatalogService
    from desk_app.services.printing import PrintService
    from desk_app.services.reference import hall_info

    hall = hall_info(core.store)
    core.services.catalog = CatalogService(core.store)
    core.services.printing = PrintService(
        core.store, core.blobs, renderer=TemplateRenderer.for_hall(hall.code if hall else "", core.data_dir))
    core.services.sync = getattr(core.services, "sync", None)
    core.queue_config = lambda: QueueConfig.from_settings(core.settings.get)


# ---------------------------------------------------------------------------------------------- seeding
def seed_demo(core: Core) -> None:
    """Load the demo hall and the sample catalog into an empty store (idempotent)."""
    from desk_app.services.catalog import CatalogService
    from desk_app.services.reference import hall_info, load_hall_setup

    if hall_info(core.store) is None:
        data = json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))
        load_hall_setup(core.store, data)
    catalog = CatalogService(core.store)
    if not catalog.version():
        catalog.import_file(resources_dir() / "catalog" / "sample_catalog.json")


# ---------------------------------------------------------------------------------------------- windows
class ProgramWindows:
    """The top-level windows of one PC; ``close()`` releases devices and workers."""

    def __init__(self, app: QApplication, core: Core, *, demo: bool, account: Any = None):
        from desk_app.devices.health import DeviceRegistry
        from desk_app.devices.voice import VoiceQueue
        from desk_app.devices.voice_qt import best_choice
        from desk_app.services.reference import hall_info
        from desk_app.ui.devices.health_strip import DeviceHealthStrip
        from desk_app.ui.devices.scan_router import install_scan_routing
        from desk_app.ui.shell import MainWindow

        self.app, self.core, self.demo = app, core, demo
        hall = hall_info(core.store)
        self.hall_name = hall.name if hall else ""
        self.registry = DeviceRegistry()
        self.sims = self._register_devices(demo)
        self.router = install_scan_routing(app, self.registry)
        self.voice = VoiceQueue(best_choice(), on_warning=core.bridge.warning.emit)
        # the voice is a device of the health strip: degraded on clips, missing when silent (with what to do)
        self.registry.register(self.voice)
        self.main = MainWindow(core.bridge, self.tr_title())
        self._add_calendar_status()
        self.main.add_status_widget(DeviceHealthStrip(self.registry))
        self._add_sync_status()
        self.extra: list[QWidget] = []
        if demo:
            self._build_demo_hall()
        else:
            self._build_for_role(account)
        core.runner.io(_warm_up_printing)

    def tr_title(self) -> str:
        return f"{self.hall_name} · 政务服务中心前台系统" if self.hall_name else "政务服务中心前台系统"

    def ctx(self, *, window_number: int | None, username: str, display_name: str, role: str) -> ScreenContext:
        return ScreenContext(
            runner=self.core.runner, bridge=self.core.bridge, settings=self.core.settings,
            services=screen_services(self.core, actor=username, window_number=window_number),
            devices=self.registry, scan_router=self.router, window_number=window_number,
            user=SignedInUser(username, display_name, role), hall_name=self.hall_name)

    # -- devices
    def _register_devices(self, demo: bool):
        from desk_app.devices.factory import register_real_devices
        from desk_app.devices.simulators import register_simulators
        from desk_app.devices.ticket_printer import SimulatedTicketPrinter, from_settings

        config = self.core.settings.get("devices") or {}
        window = self.core.settings.get("window.number")
        if demo:
            sims = register_simulators(self.registry, window=window, start_camera=True)
            self.registry.register(SimulatedTicketPrinter())
            return sims
        register_real_devices(self.registry, config, window=window)
        self.registry.register(from_settings(config.get("ticket_printer", {})))
        return None

    def _add_calendar_status(self) -> None:
        # every screen of this PC lives in this main window: one warning in its status bar covers them all
        from desk_app.services.calendar import hall_calendar
        from desk_app.ui.widgets.calendar_status import CalendarStatus, calendar_check
        self.calendar_status = CalendarStatus(calendar_check(self.core.store, hall_calendar(self.core.store)),
                                              self.core.runner)
        self.main.add_status_widget(self.calendar_status)

    def _add_sync_status(self) -> None:
        from desk_app.ui.widgets.sync_status import SyncStatusWidget
        agent = self.core.services.sync
        widget = SyncStatusWidget(agent.snapshot if agent else None, self.core.bridge, runner=self.core.runner,
                                  sync_now=agent.sync_now if agent else None)
        self.core.conflict_listeners.append(widget.conflict_received.emit)
        self.main.add_status_widget(widget)

    # -- screens
    def _build_demo_hall(self) -> None:
        from desk_app.ui.devices.led_simulator import LedSimulatorWidget
        from desk_app.ui.devices.settings_page import DeviceSettingsPage
        from desk_app.ui.devices.simulator_panel import SimulatorPanel
        from desk_app.ui.guide.guide_desk import GuideDesk
        from desk_app.ui.pickup.pickup_window import PickupWindow
        from desk_app.ui.printing.settings_page import PrinterSettingsPage
        from desk_app.ui.supervisor.supervisor_console import SupervisorConsole
        from desk_app.ui.window.complaint_window import ComplaintWindow
        from desk_app.ui.window.workspace import ClerkWorkspace

        m = self.main
        self.guide = GuideDesk(self.ctx(window_number=None, username="guide1", display_name="李导办", role="guide"))
        m.add_page("导办台", self.guide)
        self.window1 = ClerkWorkspace(self.ctx(window_number=1, username="clerk1", display_name="王受理",
                                               role="clerk"))
        m.add_page("1号窗口", self.window1)
        self.window2 = ClerkWorkspace(self.ctx(window_number=2, username="clerk2", display_name="张受理",
                                               role="clerk"))
        m.add_page("2号窗口", self.window2)
        self.pickup = PickupWindow(self.ctx(window_number=8, username="pickup1", display_name="赵出件",
                                            role="pickup"))
        m.add_page("8号出件窗口", self.pickup)
        self.complaint = ComplaintWindow(self.ctx(window_number=9, username="clerk1", display_name="王受理",
                                                  role="clerk"))
        m.add_page("办不成事窗口", self.complaint)
        sup_ctx = self.ctx(window_number=None, username="super1", display_name="陈值班长", role="supervisor")
        self.supervisor = SupervisorConsole(sup_ctx)
        m.add_page("值班长", self.supervisor)
        devices = QWidget()
        from PySide6.QtWidgets import QHBoxLayout
        row = QHBoxLayout(devices)
        row.addWidget(DeviceSettingsPage(self.registry, self.core.runner, self.core.settings), 3)
        row.addWidget(SimulatorPanel(self.sims), 2)
        m.add_page("外设", devices)
        m.add_page("打印设置", PrinterSettingsPage(sup_ctx))
        self._open_second_screens(self.ctx(window_number=1, username="clerk1", display_name="王受理",
                                           role="clerk"))
        led = LedSimulatorWidget(self.sims.led_display)
        led.setWindowTitle("1号窗口屏（模拟）")
        self.extra.append(led)

    def _build_for_role(self, account: Any) -> None:
        window = self.core.settings.get("window.number")
        ctx = self.ctx(window_number=window if account.role in ("clerk", "pickup") else None,
                       username=account.username, display_name=account.display_name, role=account.role)
        from desk_app.ui.devices.settings_page import DeviceSettingsPage
        if account.role == "guide":
            from desk_app.ui.guide.guide_desk import GuideDesk
            self.main.add_page("导办台", GuideDesk(ctx))
        elif account.role == "clerk":
            from desk_app.ui.window.complaint_window import ComplaintWindow
            from desk_app.ui.window.workspace import ClerkWorkspace
            self.main.add_page(f"{window}号窗口", ClerkWorkspace(ctx))
            self.main.add_page("办不成事反映", ComplaintWindow(ctx))
            self._open_second_screens(ctx)
        elif account.role == "pickup":
            from desk_app.ui.pickup.pickup_window import PickupWindow
            self.main.add_page(f"{window}号出件窗口", PickupWindow(ctx))
        else:
            from desk_app.ui.printing.settings_page import PrinterSettingsPage
            from desk_app.ui.supervisor.supervisor_console import SupervisorConsole
            self.main.add_page("值班长", SupervisorConsole(ctx))
            self.main.add_page("打印设置", PrinterSettingsPage(ctx))
        self.main.add_page("外设", DeviceSettingsPage(self.registry, self.core.runner, self.core.settings))

    def _open_second_screens(self, ctx: ScreenContext) -> None:
        """The hall display and the applicant screen, on the monitors chosen in the settings."""
        from desk_app.ui.applicant.applicant_screen import ApplicantScreen
        from desk_app.ui.devices.screens import ScreenChooser
        from desk_app.ui.display.hall_display import HallDisplay

        self.chooser = ScreenChooser({"applicant": self.core.settings.get("applicant.screen"),
                                      "display": self.core.settings.get("display.screen")})
        self.display = HallDisplay(ctx, voice=self.voice)
        self.applicant = ApplicantScreen(ctx)
        self.applicant.setWindowTitle("评价屏（申请人）")
        self.extra += [self.display, self.applicant]

    def show(self) -> None:
        self.main.resize(1366, 768)
        self.main.show()
        if self.demo:
            # On one monitor the demo's extra windows open beside the main one at a readable size.
            self.display.resize(1100, 620)
            self.applicant.resize(800, 600)
            for w in self.extra:
                w.show()
        else:
            for w, role in ((getattr(self, "display", None), "display"),
                            (getattr(self, "applicant", None), "applicant")):
                if w is not None and len(self.app.screens()) > 1:
                    self.chooser.follow(w, role)

    def windows(self) -> list[QWidget]:
        return [self.main, *self.extra]

    def close(self) -> None:
        for w in self.windows():
            w.close()
        # The wedge filters every key event of the application: it must not outlive these windows.
        self.app.removeEventFilter(self.router.wedge)
        self.router.deleteLater()
        self.voice.stop()
        self.registry.close_all()


def _warm_up_printing() -> None:
    from desk_app.printing import warm_up
    warm_up()


# ---------------------------------------------------------------------------------------------- entry points
def _application() -> QApplication:
    from desk_app.runtime.gc_timer import UiThreadGarbageCollector
    from desk_app.runtime.quit_signals import quit_on_signals
    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app)
    app._desk_gc = UiThreadGarbageCollector(app)  # kept alive with the application
    app._desk_quit = quit_on_signals(app)
    return app


def _screenshot(windows: list[QWidget], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    main = windows[0]
    stack = getattr(main, "stack", None)
    if stack is not None:
        for i in range(stack.count()):
            main.nav.setCurrentRow(i)
            QApplication.processEvents()
            main.grab().save(str(out / f"main_{i:02d}_{main.nav.item(i).text()}.png"))
    for j, w in enumerate(windows[1:]):
        w.grab().save(str(out / f"window_{j:02d}_{w.windowTitle()}.png"))


class DemoHall:
    """The whole demo on one PC: store, embedded desk-central with sync, simulated devices, every screen."""

    def __init__(self, app: QApplication, data_dir: Path):
        from desk_app.demo_central import start_demo_sync
        self.core = build_core(data_dir / "pc")
        seed_demo(self.core)
        self.central = start_demo_sync(self.core, data_dir / "central")
        attach_shared_services(self.core)
        self.windows = ProgramWindows(app, self.core, demo=True)

    def close(self) -> None:
        self.windows.close()
        self.central.stop()
        self.core.close()


def run_demo(*, fresh: bool = False, screenshot_dir: str | None = None) -> int:
    data_dir = default_data_dir() / "demo"
    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    setup_logging(data_dir)
    app = _application()
    hall = DemoHall(app, data_dir)
    hall.windows.show()
    if screenshot_dir:
        QTimer.singleShot(2500, lambda: (_screenshot(hall.windows.windows(), Path(screenshot_dir)), app.quit()))
    rc = app.exec()
    hall.close()
    return rc


class _PC:
    """A window PC's program without its windows: the core, sync with its server (if enrolled), services."""

    def __init__(self, *, server: str | None = None):
        from desk_app.demo_central import start_configured_sync
        from desk_app.services.reference import hall_info
        data_dir = default_data_dir()
        setup_logging(data_dir)
        self.app = _application()
        self.core = build_core(data_dir)
        if server:
            self.core.settings.set("sync.server_url", server)
        self.sync = start_configured_sync(self.core)
        attach_shared_services(self.core)
        hall = hall_info(self.core.store)
        self.hall_name = hall.name if hall else ""

    def close(self) -> None:
        self.sync.stop()
        self.core.close()


def run_program(*, server: str | None = None) -> int:
    from desk_app.services.accounts import AccountService
    from desk_app.ui.sign_in import SignInDialog

    pc = _PC(server=server)
    dialog = SignInDialog(AccountService(pc.core.store), pc.hall_name)
    rc = 0
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.account is not None:
        windows = ProgramWindows(pc.app, pc.core, demo=False, account=dialog.account)
        windows.show()
        rc = pc.app.exec()
        windows.close()
    pc.close()
    return rc


def run_display(*, screen: str | None = None) -> int:
    from desk_app.devices.voice import VoiceQueue
    from desk_app.devices.voice_qt import best_choice
    from desk_app.ui.devices.screens import ScreenChooser
    from desk_app.ui.display.hall_display import HallDisplay

    pc = _PC()
    core = pc.core
    ctx = ScreenContext(runner=core.runner, bridge=core.bridge, settings=core.settings,
                        services=screen_services(core, actor="display", window_number=None),
                        hall_name=pc.hall_name)
    voice = VoiceQueue(best_choice(), on_warning=core.bridge.warning.emit)
    if not voice.health.ok:  # a display PC has no status bar: say it once, in the log and the message bar
        core.bridge.warning.emit(voice.health.reason_cn)
    display = HallDisplay(ctx, voice=voice)
    chooser = ScreenChooser({"display": screen or core.settings.get("display.screen")})  # follows monitors
    chooser.follow(display, "display")
    display.show()
    rc = pc.app.exec()
    voice.stop()
    pc.close()
    return rc
