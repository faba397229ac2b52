"""The top-level windows of one PC: the signed-in role's screens, the second screens, and this PC's devices."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings
from desk_app.ui.context import ScreenContext, ScreenServices, SignedInUser, SyncLink

log = logging.getLogger(__name__)
# the page and window titles of this module, for lupdate: translate("ProgramWindows", "...")
translate = QCoreApplication.translate


class PcCore(Protocol):
    """What the windows take from the composition root's core (app_services.Core)."""

    data_dir: Path
    store: Any  # passed on to services only: ui does not touch the database
    settings: Settings
    bridge: MessageBridge
    runner: Runner
    conflict_listeners: list[Callable[[Any], None]]


# Builds the services of one user at one window: app_services.screen_services, bound to this PC's core.
ServicesFor = Callable[[SignedInUser, "int | None"], ScreenServices]


# ---------------------------------------------------------------------------------------------- devices
@dataclass
class PcDevices:
    """This PC's devices, open for the program's whole life: registry, scan routing and the voice."""

    app: QApplication
    registry: Any  # desk_app.devices.health.DeviceRegistry
    router: Any  # desk_app.ui.devices.scan_router.ScanRouter
    voice: Any  # desk_app.devices.voice.VoiceQueue
    sims: Any = None  # desk_app.devices.simulators.SimulatedDevices in the demo

    def close(self) -> None:
        # The wedge filters every key event of the application: it must not outlive the program.
        self.app.removeEventFilter(self.router.wedge)
        self.router.deleteLater()
        self.voice.stop()
        self.registry.close_all()


def register_hall_devices(registry: Any, settings: Settings) -> None:
    """The real adapters the settings name (a window PC of a hall)."""
    from desk_app.devices.factory import register_real_devices
    from desk_app.devices.ticket_printer import from_settings

    config = settings.get("devices") or {}
    register_real_devices(registry, config, window=settings.get("window.number"))
    registry.register(from_settings(config.get("ticket_printer", {})))


def open_devices(app: QApplication, settings: Settings, bridge: MessageBridge,
                 register: Callable[[Any, Settings], Any] = register_hall_devices) -> PcDevices:
    """Register this PC's devices (``register`` returns the simulators, if any), route scans, start the voice."""
    from desk_app.devices.health import DeviceRegistry
    from desk_app.devices.voice import VoiceQueue
    from desk_app.devices.voice_qt import best_choice
    from desk_app.ui.devices.scan_router import install_scan_routing

    registry = DeviceRegistry()
    sims = register(registry, settings)
    router = install_scan_routing(app, registry, bridge=bridge)
    voice = VoiceQueue(best_choice(), on_warning=bridge.warning.emit)
    # the voice is a device of the health strip: degraded on clips, missing when silent (with what to do)
    registry.register(voice)
    return PcDevices(app, registry, router, voice, sims)


# ---------------------------------------------------------------------------------------------- roles
def _guide_pages(w: ProgramWindows, ctx: ScreenContext) -> None:
    from desk_app.ui.guide.guide_desk import GuideDesk
    w.main.add_page(translate("ProgramWindows", "导办台"), GuideDesk(ctx))


def _clerk_pages(w: ProgramWindows, ctx: ScreenContext) -> None:
    from desk_app.ui.window.complaint_window import ComplaintWindow
    from desk_app.ui.window.workspace import ClerkWorkspace
    w.main.add_page(translate("ProgramWindows", "%1号窗口").replace("%1", str(ctx.window_number)),
                    ClerkWorkspace(ctx))
    w.main.add_page(translate("ProgramWindows", "办不成事反映"), ComplaintWindow(ctx))
    w.open_second_screens(ctx)


def _pickup_pages(w: ProgramWindows, ctx: ScreenContext) -> None:
    from desk_app.ui.pickup.pickup_window import PickupWindow
    w.main.add_page(translate("ProgramWindows", "%1号出件窗口").replace("%1", str(ctx.window_number)),
                    PickupWindow(ctx))


def _supervisor_pages(w: ProgramWindows, ctx: ScreenContext) -> None:
    from desk_app.ui.printing.settings_page import PrinterSettingsPage
    from desk_app.ui.supervisor.supervisor_console import SupervisorConsole
    w.main.add_page(translate("ProgramWindows", "值班长"), SupervisorConsole(ctx))
    w.main.add_page(translate("ProgramWindows", "打印设置"), PrinterSettingsPage(ctx))


def _admin_pages(w: ProgramWindows, ctx: ScreenContext) -> None:
    from desk_app.ui.admin.security_page import SecuritySettingsPage
    from desk_app.ui.printing.settings_page import PrinterSettingsPage
    w.main.add_page(translate("ProgramWindows", "账号与安全"), SecuritySettingsPage(ctx))
    w.main.add_page(translate("ProgramWindows", "打印设置"), PrinterSettingsPage(ctx))


# The screens each role opens: what a role never sees, it has no screen for (its services stay unused).
ROLE_SCREENS: dict[str, Callable[[ProgramWindows, ScreenContext], None]] = {
    "guide": _guide_pages, "clerk": _clerk_pages, "pickup": _pickup_pages,
    "supervisor": _supervisor_pages, "admin": _admin_pages,
}
WINDOW_ROLES = ("clerk", "pickup")  # the roles that work at a numbered window


# ---------------------------------------------------------------------------------------------- windows
class ProgramWindows:
    """The top-level windows of one PC for one signed-in account; ``close()`` releases their workers.

    ``services_for`` builds each screen's services; ``demo``: password-less demo accounts may sign in and
    documents print into a folder (the demo's subclass, desk_app/demo.py, builds the whole hall instead)."""

    def __init__(self, app: QApplication, core: PcCore, devices: PcDevices, services_for: ServicesFor, *,
                 printing: Any, sync: SyncLink | None, account: Any, demo: bool = False):
        from desk_app.services.reference import hall_info
        from desk_app.ui.devices.health_strip import DeviceHealthStrip
        from desk_app.ui.shell import MainWindow
        from desk_app.ui.widgets.delayed_progress import ProgressIndicator

        self.app, self.core, self.devices, self.demo = app, core, devices, demo
        self.services_for, self.printing, self.sync = services_for, printing, sync
        hall = hall_info(core.store)
        self.hall_name = hall.name if hall else ""
        self.registry, self.router, self.voice, self.sims = devices.registry, devices.router, devices.voice, \
            devices.sims
        self.pipeline = self._print_pipeline()
        self.main = MainWindow(core.bridge, self.tr_title())
        self.progress = ProgressIndicator(core.runner, self.main)
        self._add_calendar_status()
        self.main.add_status_widget(DeviceHealthStrip(self.registry))
        self._add_sync_status()
        self.extra: list[QWidget] = []
        self.display: QWidget | None = None  # the second screens, if the role opens them (open_second_screens)
        self.applicant: QWidget | None = None
        self.session = None
        self._audits_settings = False
        self.build_pages(account)
        self.start_session(self.session_account(account))
        core.runner.io(_warm_up_printing)

    # -- pages
    def build_pages(self, account: Any) -> None:
        """The signed-in role's screens (ROLE_SCREENS), then the device page every PC has."""
        from desk_app.domain.roles import validate_role
        from desk_app.ui.devices.settings_page import DeviceSettingsPage

        pages = ROLE_SCREENS.get(account.role)
        if pages is None:
            # Publishing refuses unknown roles; a role that still got here opens nothing (never a default).
            validate_role(account.role, username=account.username)
        else:
            window = self.core.settings.get("window.number") if account.role in WINDOW_ROLES else None
            pages(self, self.ctx(window_number=window, username=account.username,
                                 display_name=account.display_name, role=account.role))
        self.main.add_page(translate("ProgramWindows", "外设"),
                           DeviceSettingsPage(self.registry, self.core.runner, self.core.settings,
                                              print_pipeline=self.pipeline))

    def session_account(self, account: Any) -> Any:
        """Who the session (lock, switch user, sign-out) acts for: the signed-in account."""
        return account

    def ctx(self, *, window_number: int | None, username: str, display_name: str, role: str) -> ScreenContext:
        user = SignedInUser(username, display_name, role)
        return ScreenContext(
            runner=self.core.runner, bridge=self.core.bridge, settings=self.core.settings,
            services=self.services_for(user, window_number),
            devices=self.registry, scan_router=self.router, print_pipeline=self.pipeline,
            window_number=window_number, user=user, hall_name=self.hall_name)

    def open_second_screens(self, ctx: ScreenContext) -> None:
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

    # -- session
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
        self.main.add_status_widget(self.session.bar)
        if not self._audits_settings:
            self._audits_settings = True
            self.core.settings.changed.connect(self._on_settings_changed)

    def _on_settings_changed(self, key: str, value: Any) -> None:
        """Every settings change of this PC is an audit event, by whoever is signed in; a new idle-lock time
        applies to the session at once. Connected while these windows are open (close() disconnects it)."""
        from desk_app.services.audit import AuditService
        from desk_app.services.authorization import Actor, AuthorizedStore
        from desk_app.services.security_settings import idle_lock_ms
        s = self.session
        if s is None:
            return
        if key == "security.idle_lock_minutes":
            s.idle.set_limit(idle_lock_ms(self.core.settings.get))
        audit = AuditService(AuthorizedStore(self.core.store, Actor(s.username, s.role)), actor=s.username)
        self.core.runner.write(lambda: audit.settings_changed({key: value}), parent=self.main)

    def tr_title(self) -> str:
        title = translate("Application", "政务服务中心前台系统")
        return f"{self.hall_name} · {title}" if self.hall_name else title

    # -- status bar
    def _print_pipeline(self):
        """One print pipeline for every screen; the demo prints into a folder unless told otherwise."""
        from desk_app.ui.printing.pipeline import PrintPipeline, folder_of
        settings = self.core.settings
        if self.demo and settings.get("printing.transport") == "system":
            settings.set("printing.transport", "folder")
        pipeline = PrintPipeline(self.core.runner, settings, self.printing, self.core.bridge,
                                 data_dir=self.core.data_dir, hall_name=self.hall_name)
        if settings.get("printing.transport") == "folder":
            self.print_folder = folder_of(settings, self.core.data_dir)
            log.info("documents are printed as PDF files into %s", self.print_folder)
        return pipeline

    def _add_calendar_status(self) -> None:
        # every screen of this PC lives in this main window: one warning in its status bar covers them all
        from desk_app.ui.widgets.calendar_status import CalendarStatus, calendar_check
        self.calendar_status = CalendarStatus(calendar_check(self.core.store), self.core.runner)
        self.main.add_status_widget(self.calendar_status)

    def _add_sync_status(self) -> None:
        from desk_app.ui.widgets.sync_status import SyncStatusWidget
        agent = self.sync
        widget = SyncStatusWidget(agent.snapshot if agent else None, self.core.bridge, runner=self.core.runner,
                                  sync_now=agent.sync_now if agent else None)
        self.core.conflict_listeners.append(widget.conflict_received.emit)
        self._conflict_listener = widget.conflict_received.emit
        self.main.add_status_widget(widget)

    # -- showing and closing
    def show(self) -> None:
        self.main.resize(1366, 768)
        self.main.show()
        for w, role in ((self.display, "display"), (self.applicant, "applicant")):
            if w is not None and len(self.app.screens()) > 1:
                self.chooser.follow(w, role)

    def windows(self) -> list[QWidget]:
        return [self.main, *self.extra]

    def close(self) -> None:
        if self._audits_settings:
            self.core.settings.changed.disconnect(self._on_settings_changed)
            self._audits_settings = False
        if self._conflict_listener in self.core.conflict_listeners:
            self.core.conflict_listeners.remove(self._conflict_listener)  # the agent outlives these windows
        if self.session is not None:
            self.session.close()
            self.session = None
        for w in self.windows():
            # The dialogs they opened (previews, 补打文书) are windows of their own: hiding w leaves them up.
            for dialog in w.findChildren(QDialog):
                dialog.close()
            w.close()


def _warm_up_printing() -> None:
    from desk_app.printing import warm_up
    warm_up()


def display_window(ctx: ScreenContext, devices: PcDevices, screen: str | None) -> QWidget:
    """A display PC's one window: the hall display, on the monitor in the settings (it follows monitors)."""
    from desk_app.ui.devices.screens import ScreenChooser
    from desk_app.ui.display.hall_display import HallDisplay

    if not devices.voice.health.ok:  # a display PC has no status bar: say it once, in the log and the message bar
        ctx.bridge.warning.emit(devices.voice.health.reason_cn)
    display = HallDisplay(ctx, voice=devices.voice)
    chooser = ScreenChooser({"display": screen or ctx.settings.get("display.screen")})
    chooser.follow(display, "display")
    display.chooser = chooser  # kept with the window it moves
    return display
