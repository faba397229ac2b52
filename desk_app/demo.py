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

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desk_app.app import Core, build_core, setup_logging
from desk_app.runtime.crash import CrashReporter
from desk_app.paths import default_data_dir, resources_dir
from desk_app.ui.context import ScreenContext, SignedInUser
from desk_app.ui.qt_setup import install_translations, setup_application

log = logging.getLogger(__name__)
# the page and window titles of this module, for lupdate: translate("ProgramWindows", "...")
translate = QCoreApplication.translate


# ---------------------------------------------------------------------------------------------- services
def screen_services(core: Core, *, actor: str, window_number: int | None, demo: bool = False,
                    role: str = "") -> SimpleNamespace:
    """The services one screen uses, bound to its user and window (the store and printing are shared).

    ``role``: the signed-in user's; the use cases run on a store that refuses what the role (or the window)
    does not allow (services/authorization.py). "" only for screens that change nothing (the hall display).
    ``demo``: password-less demo accounts may sign in (only `desk-app demo` passes True)."""
    from desk_app.services.audit import AuditService
    from desk_app.services.authorization import Actor, AuthorizedStore
    from desk_app.services.security_settings import account_service
    from desk_app.services.complaints import ComplaintService
    from desk_app.services.intake import IntakeService
    from desk_app.services.pickup import PickupService
    from desk_app.services.queue import QueueService
    from desk_app.services.rating import RatingService
    from desk_app.services.supervision import SupervisionService

    from desk_app.services.calendar import hall_calendar
    from desk_app.domain.appointment_booking import SlotRules
    from desk_app.services.queue.appointments import AppointmentService

    calendar = hall_calendar(core.store)
    store = AuthorizedStore(core.store, Actor(actor, role, window_number)) if role else _ReadOnlyStore(core.store)
    return SimpleNamespace(
        queue=QueueService(store, core.queue_config, actor=actor),
        appointments=AppointmentService(store, lambda: SlotRules.from_settings(core.settings.get),
                                        calendar=lambda: hall_calendar(store), actor=actor),
        intake=IntakeService(store, calendar=calendar, actor=actor, window_number=window_number),
        rating=RatingService(store, calendar=calendar, actor=actor, window_number=window_number),
        pickup=PickupService(store, actor=actor, window_number=window_number),
        complaints=ComplaintService(store, calendar=calendar, actor=actor),
        supervision=SupervisionService(store, calendar=calendar),
        overview=getattr(core.services, "overview", None),
        reports=getattr(core.services, "reports", None),
        catalog=core.services.catalog,
        printing=core.services.printing,
        accounts=account_service(core.store, core.settings.get, demo=demo),
        audit=AuditService(store, actor=actor),
        sync=core.services.sync,
    )


class _ReadOnlyStore:
    """The store for a screen nobody signed in to (the hall display): it reads, and refuses every write."""

    def __init__(self, store: Any):
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def write(self, *_a: Any, **_kw: Any) -> Any:
        from desk_app.domain.errors import PermissionDenied
        raise PermissionDenied("此屏幕只用于显示，不能办理业务。请在窗口电脑上登录后操作。")


def attach_shared_services(core: Core) -> None:
    """Services every screen shares: catalog search cache, printing, queue configuration, sync status."""
    from desk_app.domain.queue import QueueConfig
    from desk_app.printing.renderer import TemplateRenderer
    from desk_app.services.catalog import CatalogService
    from desk_app.services.overview import OverviewService
    from desk_app.services.printing import PrintService
    from desk_app.services.reference import hall_info
    from desk_app.services.reports import ReportService

    hall = hall_info(core.store)
    core.services.catalog = CatalogService(core.store)
    core.services.overview = OverviewService(core.store)  # one per PC: its memory is the hall's live state
    core.services.reports = ReportService(core.store)
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
    seed_demo_appointments(core)


# category, minutes from now, name, mobile, item: the first can be checked in at once (the simulated
# scanner's sample code), the second soon, the third is too early yet (the guide desk says when to come back)
DEMO_APPOINTMENTS = (
    ("B", 0, "刘建国", "13800138001", "不动产登记资料查询"),
    ("A", 20, "陈美玲", "13800138002", "个体工商户设立登记"),
    ("C", 90, "周晓东", "13800138003", ""),
    ("A", 10, "吴芳", "13800138004", ""),
)


def seed_demo_appointments(core: Core) -> list[str]:
    """Today's demo appointments (codes ``demo_code(today, n)``), booked once a day; returns their codes."""
    from desk_app.domain.appointment_booking import demo_code
    from desk_app.domain.errors import KnownError
    from datetime import datetime, time, timedelta

    from desk_app.domain.timeutil import hall_date, ms_of
    from desk_app.services.queue.appointments import book_appointment, list_appointments

    now = core.store.now_ms()
    today = hall_date(now)
    with core.store.read() as s:
        have = {a.code for a in list_appointments(s, core.store.hall_id, today.isoformat())}
    start = now - now % 300_000  # on a 5-minute mark: the first slot has just begun
    # Late in the evening a slot "90 minutes from now" would fall on tomorrow: every slot starts today.
    last_start = max(start, ms_of(datetime.combine(today + timedelta(days=1), time())) - 30 * 60_000)
    codes = []
    for n, (category, minutes, name, phone, item) in enumerate(DEMO_APPOINTMENTS, start=1):
        code = demo_code(today, n)
        codes.append(code)
        if code in have:
            continue
        slot = min(start + minutes * 60_000, last_start)
        try:
            with core.store.write("guide1") as uow:
                # as imported from the booking system: the demo's slots follow the clock, not the hall's hours
                book_appointment(uow, code, category, slot, slot + 30 * 60_000, name=name, phone=phone,
                                 item_name=item, source="demo")
        except KnownError:
            log.warning("demo appointment %s not seeded", code, exc_info=True)
    return codes


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
        from desk_app.ui.widgets.delayed_progress import ProgressIndicator

        self.app, self.core, self.demo = app, core, demo
        hall = hall_info(core.store)
        self.hall_name = hall.name if hall else ""
        self.registry = DeviceRegistry()
        self.sims = self._register_devices(demo)
        self.router = install_scan_routing(app, self.registry, bridge=core.bridge)
        self.voice = VoiceQueue(best_choice(), on_warning=core.bridge.warning.emit)
        # the voice is a device of the health strip: degraded on clips, missing when silent (with what to do)
        self.registry.register(self.voice)
        self.pipeline = self._print_pipeline(demo)
        self.main = MainWindow(core.bridge, self.tr_title())
        self.progress = ProgressIndicator(core.runner, self.main)
        self._add_calendar_status()
        self.main.add_status_widget(DeviceHealthStrip(self.registry))
        self._add_sync_status()
        self.extra: list[QWidget] = []
        self.session = None
        if demo:
            self._build_demo_hall()
            # The demo's pages belong to several staff; the lock and switch-user act for the duty supervisor.
            account = SimpleNamespace(username="super1", display_name="陈值班长", role="supervisor")
        else:
            self._build_for_role(account)
        self.start_session(account)
        core.runner.io(_warm_up_printing)

    def start_session(self, account: Any) -> None:
        """Idle lock, lock, switch user and sign-out for ``account`` (see ui/session.py)."""
        from desk_app.services.security_settings import account_service, idle_lock_ms
        from desk_app.ui.session import SessionController

        if self.session is not None:
            self.session.close()
            self.session.bar.deleteLater()
        self.session = SessionController(
            self.main, account_service(self.core.store, self.core.settings.get, demo=self.demo), self.core.runner,
            username=account.username, display_name=account.display_name, role=account.role,
            idle_ms=idle_lock_ms(self.core.settings.get), app=self.app)
        self.core.settings.subscribe("security.idle_lock_minutes", self._on_idle_setting_changed)
        self.main.add_status_widget(self.session.bar)
        if not getattr(self, "_audits_settings", False):
            self._audits_settings = True
            self.core.settings.changed.connect(self._on_settings_changed)
        if self.demo:
            self.session.ended.connect(self._on_demo_session_ended)

    def _on_demo_session_ended(self, how: str) -> None:
        """The demo keeps its pages: "切换用户" signs in another demo account as the session's user."""
        from desk_app.services.security_settings import account_service
        from desk_app.ui.sign_in import SignInDialog
        if how != "switch":
            self.app.quit()
            return
        dialog = SignInDialog(account_service(self.core.store, self.core.settings.get, demo=True),
                              self.hall_name, self.core.runner, self.main, title="切换用户")
        self.switch_dialog = dialog  # tests drive it
        dialog.accepted.connect(lambda: self.start_session(dialog.account))
        dialog.rejected.connect(lambda: self.start_session(SimpleNamespace(
            username=self.session.username, display_name=self.session.display_name, role=self.session.role)))
        dialog.open()

    def _on_settings_changed(self, key: str, value: Any) -> None:
        """Every settings change of this PC is an audit event, by whoever is signed in."""
        from desk_app.services.audit import AuditService
        from desk_app.services.authorization import Actor, AuthorizedStore
        s = self.session
        if s is None:
            return
        audit = AuditService(AuthorizedStore(self.core.store, Actor(s.username, s.role)), actor=s.username)
        self.core.runner.write(lambda: audit.settings_changed({key: value}), parent=self.main)

    def _on_idle_setting_changed(self, _value: Any) -> None:
        from desk_app.services.security_settings import idle_lock_ms
        if self.session is not None:
            self.session.idle.set_limit(idle_lock_ms(self.core.settings.get))

    def tr_title(self) -> str:
        title = translate("Application", "政务服务中心前台系统")
        return f"{self.hall_name} · {title}" if self.hall_name else title

    def ctx(self, *, window_number: int | None, username: str, display_name: str, role: str) -> ScreenContext:
        return ScreenContext(
            runner=self.core.runner, bridge=self.core.bridge, settings=self.core.settings,
            services=screen_services(self.core, actor=username, window_number=window_number, demo=self.demo,
                                     role=role),
            devices=self.registry, scan_router=self.router, print_pipeline=self.pipeline,
            window_number=window_number,
            user=SignedInUser(username, display_name, role), hall_name=self.hall_name)

    def _print_pipeline(self, demo: bool):
        """One print pipeline for every screen; the demo prints into a folder unless told otherwise."""
        from desk_app.ui.printing.pipeline import PrintPipeline, folder_of
        settings = self.core.settings
        if demo and settings.get("printing.transport") == "system":
            settings.set("printing.transport", "folder")
        pipeline = PrintPipeline(self.core.runner, settings, self.core.services.printing, self.core.bridge,
                                 data_dir=self.core.data_dir, hall_name=self.hall_name)
        if settings.get("printing.transport") == "folder":
            self.print_folder = folder_of(settings, self.core.data_dir)
            log.info("documents are printed as PDF files into %s", self.print_folder)
        return pipeline

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
        m.add_page(translate("ProgramWindows", "导办台"), self.guide)
        self.window1 = ClerkWorkspace(self.ctx(window_number=1, username="clerk1", display_name="王受理",
                                               role="clerk"))
        m.add_page(translate("ProgramWindows", "1号窗口"), self.window1)
        self.window2 = ClerkWorkspace(self.ctx(window_number=2, username="clerk2", display_name="张受理",
                                               role="clerk"))
        m.add_page(translate("ProgramWindows", "2号窗口"), self.window2)
        self.pickup = PickupWindow(self.ctx(window_number=8, username="pickup1", display_name="赵出件",
                                            role="pickup"))
        m.add_page(translate("ProgramWindows", "8号出件窗口"), self.pickup)
        self.complaint = ComplaintWindow(self.ctx(window_number=9, username="clerk1", display_name="王受理",
                                                  role="clerk"))
        m.add_page(translate("ProgramWindows", "办不成事窗口"), self.complaint)
        sup_ctx = self.ctx(window_number=None, username="super1", display_name="陈值班长", role="supervisor")
        self.supervisor = SupervisorConsole(sup_ctx)
        m.add_page(translate("ProgramWindows", "值班长"), self.supervisor)
        devices = QWidget()
        from PySide6.QtWidgets import QHBoxLayout
        row = QHBoxLayout(devices)
        row.addWidget(DeviceSettingsPage(self.registry, self.core.runner, self.core.settings,
                                         print_pipeline=self.pipeline), 3)
        row.addWidget(SimulatorPanel(self.sims), 2)
        from PySide6.QtWidgets import QScrollArea
        scroll = QScrollArea()  # the device list, settings and test page outgrow 768 px: scroll, never clip
        scroll.setWidgetResizable(True)
        scroll.setWidget(devices)
        m.add_page(translate("ProgramWindows", "外设"), scroll)
        m.add_page(translate("ProgramWindows", "打印设置"), PrinterSettingsPage(sup_ctx))
        from desk_app.ui.admin.security_page import SecuritySettingsPage
        m.add_page(translate("ProgramWindows", "账号与安全"),
                   SecuritySettingsPage(self.ctx(window_number=None, username="admin1", display_name="孙管理员",
                                                 role="admin")))
        self._open_second_screens(self.ctx(window_number=1, username="clerk1", display_name="王受理",
                                           role="clerk"))
        led = LedSimulatorWidget(self.sims.led_display)
        led.setWindowTitle(translate("ProgramWindows", "1号窗口屏（模拟）"))
        self.extra.append(led)

    def _build_for_role(self, account: Any) -> None:
        window = self.core.settings.get("window.number")
        ctx = self.ctx(window_number=window if account.role in ("clerk", "pickup") else None,
                       username=account.username, display_name=account.display_name, role=account.role)
        from desk_app.ui.devices.settings_page import DeviceSettingsPage
        if account.role == "guide":
            from desk_app.ui.guide.guide_desk import GuideDesk
            self.main.add_page(translate("ProgramWindows", "导办台"), GuideDesk(ctx))
        elif account.role == "clerk":
            from desk_app.ui.window.complaint_window import ComplaintWindow
            from desk_app.ui.window.workspace import ClerkWorkspace
            self.main.add_page(translate("ProgramWindows", "%1号窗口").replace("%1", str(window)), ClerkWorkspace(ctx))
            self.main.add_page(translate("ProgramWindows", "办不成事反映"), ComplaintWindow(ctx))
            self._open_second_screens(ctx)
        elif account.role == "pickup":
            from desk_app.ui.pickup.pickup_window import PickupWindow
            self.main.add_page(translate("ProgramWindows", "%1号出件窗口").replace("%1", str(window)), PickupWindow(ctx))
        elif account.role == "supervisor":
            from desk_app.ui.printing.settings_page import PrinterSettingsPage
            from desk_app.ui.supervisor.supervisor_console import SupervisorConsole
            self.main.add_page(translate("ProgramWindows", "值班长"), SupervisorConsole(ctx))
            self.main.add_page(translate("ProgramWindows", "打印设置"), PrinterSettingsPage(ctx))
        elif account.role == "admin":
            from desk_app.ui.admin.security_page import SecuritySettingsPage
            from desk_app.ui.printing.settings_page import PrinterSettingsPage
            self.main.add_page(translate("ProgramWindows", "账号与安全"), SecuritySettingsPage(ctx))
            self.main.add_page(translate("ProgramWindows", "打印设置"), PrinterSettingsPage(ctx))
        else:
            # Publishing refuses unknown roles; a role that still got here opens nothing (never a default).
            from desk_app.domain.roles import validate_role
            validate_role(account.role, username=account.username)
        self.main.add_page(translate("ProgramWindows", "外设"),
                           DeviceSettingsPage(self.registry, self.core.runner, self.core.settings,
                                              print_pipeline=self.pipeline))

    def _open_second_screens(self, ctx: ScreenContext) -> None:
        """The hall display and the applicant screen, on the monitors chosen in the settings."""
        from desk_app.ui.applicant.applicant_screen import ApplicantScreen
        from desk_app.ui.devices.screens import ScreenChooser
        from desk_app.ui.display.hall_display import HallDisplay

        self.chooser = ScreenChooser({"applicant": self.core.settings.get("applicant.screen"),
                                      "display": self.core.settings.get("display.screen")})
        self.display = HallDisplay(ctx, voice=self.voice)
        self.applicant = ApplicantScreen(ctx)
        self.applicant.setWindowTitle(translate("ProgramWindows", "评价屏（申请人）"))
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
        if getattr(self, "_audits_settings", False):
            self.core.settings.changed.disconnect(self._on_settings_changed)
            self._audits_settings = False
        if self.session is not None:
            self.session.close()
            self.session = None  # the settings subscription outlives these windows: it must find none
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

    def __init__(self, app: QApplication, data_dir: Path, *, language: str | None = None):
        """``language``: the UI language to install before the windows are built, "" for the ui.language
        setting; None (the tests) leaves the application's translations as they are."""
        from desk_app.demo_central import start_demo_sync
        self.core = build_core(data_dir / "pc")
        if language is not None:
            install_translations(app, language or self.core.settings.get("ui.language"))
        self.crash = CrashReporter(data_dir / "pc" / "crash", self.core.bridge).install()
        self.core.runner.crash_reporter = self.crash
        seed_demo(self.core)
        self.central = start_demo_sync(self.core, data_dir / "central")
        attach_shared_services(self.core)
        self.windows = ProgramWindows(app, self.core, demo=True)

    def close(self) -> None:
        self.windows.close()
        self.central.stop()
        self.core.close()
        self.crash.uninstall()


def fill_demo_history(core: Core, *, days: int = 30, on_done=None) -> Any:
    """`desk-app demo --history`: a seeded past month written in the background, one day a writer job, so the
    demo opens at once and the user's own clicks go in between the days."""
    from desk_app.services.demo_history import HistoryFiller
    filler = HistoryFiller(core.store, days=days)

    def step(i: int) -> None:
        if i >= len(filler.days):
            if filler.days:
                s = filler.summary()
                core.bridge.info.emit(f"已生成演示历史：{s.days} 个工作日，{s.tickets} 个号，{s.cases} 件办件，"
                                      f"{s.ratings} 条评价。")
            if on_done:
                on_done(filler.summary())
            return
        core.runner.write(lambda: filler.fill_day(i), success=lambda _r: step(i + 1))
    step(0)
    return filler


def run_demo(*, fresh: bool = False, screenshot_dir: str | None = None, history: bool = False,
             language: str = "") -> int:
    data_dir = default_data_dir() / "demo"
    if fresh and data_dir.exists():
        shutil.rmtree(data_dir)
    setup_logging(data_dir)
    app = _application()
    hall = DemoHall(app, data_dir, language=language)
    hall.windows.show()
    if history:
        fill_demo_history(hall.core)
    folder = getattr(hall.windows, "print_folder", None)
    if folder is not None:
        # The clerk sees it in the message bar; whoever started the demo sees it here.
        print(f"演示大厅的文书打印为 PDF 文件，保存在：{folder}", flush=True)
        QTimer.singleShot(0, lambda: hall.core.bridge.info.emit(translate(
            "ProgramWindows", "演示：文书不送打印机，打印为 PDF 文件，保存在 %1（可在“打印设置”中改为本机打印机）")
            .replace("%1", str(folder))))
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
        install_translations(self.app, self.core.settings.get("ui.language"))  # before the sign-in dialog
        self.crash = CrashReporter(data_dir / "crash", self.core.bridge).install()
        self.core.runner.crash_reporter = self.crash
        if server:
            self.core.settings.set("sync.server_url", server)
        self.sync = start_configured_sync(self.core)
        attach_shared_services(self.core)
        hall = hall_info(self.core.store)
        self.hall_name = hall.name if hall else ""

    def close(self) -> None:
        self.sync.stop()
        self.core.close()
        self.crash.uninstall()


def run_program(*, server: str | None = None) -> int:
    """Sign-in, the role's screens, and again the sign-in after "切换用户", until nobody signs in or the
    user signs out ("退出登录") or closes the window."""
    from desk_app.services.security_settings import account_service
    from desk_app.ui.sign_in import SignInDialog

    pc = _PC(server=server)
    rc = 0
    title = ""
    while True:
        dialog = SignInDialog(account_service(pc.core.store, pc.core.settings.get), pc.hall_name, pc.core.runner,
                              title=title)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.account is None:
            break
        windows = ProgramWindows(pc.app, pc.core, demo=False, account=dialog.account)
        outcome: list[str] = []
        windows.session.ended.connect(lambda how: (outcome.append(how), pc.app.exit(0)))
        windows.show()
        rc = pc.app.exec()
        windows.close()
        if outcome != ["switch"]:
            break
        title = "切换用户"
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
