"""Composition root: one PC's program, started by ``Application.start()`` in this order.

1. Data directory and logging (``DESK_APP_DATA`` or the per-user data directory).
2. Store (migrations applied, the hall's data key unlocked), blob store, settings, message bridge and runner.
3. Translations in the settings' language (the QApplication itself, with the bundled CJK font and the style
   sheet, is ``qt_application()``'s) and the crash reporter.
4. The demo only: its hall's reference data and appointments.
5. Sync agent, when this PC is enrolled with a server (the demo runs its own desk-central).
6. Services every screen shares (catalog, live overview, reports, printing); each screen's own are built with it.
7. Devices: real adapters from the settings, or the demo's simulators; scan routing and the voice.
8. Windows: the signed-in role's screens with the hall display and the applicant screen, the demo's whole hall,
   or a display PC's hall display.
``stop()`` undoes them the other way round.
"""
from __future__ import annotations

import logging
import logging.handlers
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desk_app.app_services import Core, build_core, build_shared_services, screen_services
from desk_app.app_sync import SyncHandle, start_configured_sync
from desk_app.paths import default_data_dir
from desk_app.runtime.settings import Settings
from desk_app.ui.context import ScreenContext, ScreenServices, SignedInUser
from desk_app.ui.windows import PcDevices, ProgramWindows, display_window, open_devices, register_hall_devices

log = logging.getLogger("desk_app")

__all__ = ["Application", "Core", "Variant", "build_core", "qt_application", "run_display", "run_program",
           "setup_logging"]


def setup_logging(data_dir: Path) -> logging.Handler:
    """Log to ``data_dir/desk_app.log`` (rotated); returns the handler, for ``logging.getLogger().removeHandler``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(data_dir / "desk_app.log", maxBytes=5_000_000,
                                                   backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(threadName)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


def qt_application() -> QApplication:
    """The process's QApplication with its font, translations, style sheet, UI-thread collector and signals."""
    from desk_app.runtime.gc_timer import UiThreadGarbageCollector
    from desk_app.runtime.quit_signals import quit_on_signals
    from desk_app.ui.qt_setup import setup_application
    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app)
    app._desk_gc = UiThreadGarbageCollector(app)  # kept alive with the application
    app._desk_quit = quit_on_signals(app)
    return app


def _no_devices(_registry: Any, _settings: Settings) -> None:
    """A display PC: only the voice (open_devices registers it)."""


@dataclass(frozen=True)
class Variant:
    """What `desk-app demo` changes in the start-up (desk_app/demo.py makes one); the defaults are a hall PC's."""

    seed: Callable[[Core], None] | None = None  # step 4
    start_sync: Callable[[Core], SyncHandle] = start_configured_sync  # step 5
    register_devices: Callable[[Any, Settings], Any] = register_hall_devices  # step 7: returns the simulators
    windows: type[ProgramWindows] = ProgramWindows  # step 8
    demo: bool = False  # password-less demo accounts may sign in; documents print into a folder


class Application:
    """One PC's program. ``start()`` runs the steps of this module's docstring; ``stop()`` undoes them.

    ``language``: the UI language to install, "" for the ``ui.language`` setting, None to leave the
    application's translations as they are (the tests). ``server``: the sync server to keep in the settings.
    ``display``: a display PC (`desk-app display`): its window is the hall display on monitor ``screen``."""

    def __init__(self, qt_app: QApplication, data_dir: Path | None = None, *, language: str | None = "",
                 server: str | None = None, variant: Variant = Variant(), display: bool = False,
                 screen: str | None = None):
        self.qt_app, self.data_dir, self.language, self.server = qt_app, data_dir, language, server
        self.variant, self.is_display, self.screen = variant, display, screen
        self.core: Core | None = None
        self.sync: SyncHandle | None = None
        self.devices: PcDevices | None = None
        self.windows: ProgramWindows | None = None
        self.display: QWidget | None = None
        self._started = ExitStack()

    # ------------------------------------------------------------------ start and stop
    def start(self, account: Any = None) -> Application:
        """Steps 1 to 7, then the windows: the demo's hall, a display PC's display, or ``account``'s screens
        (None: none yet, the caller signs someone in first and calls ``open_windows``)."""
        try:
            self._start(account)
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, account: Any) -> None:
        on_stop = self._started.callback
        data_dir = self.data_dir = self.data_dir or default_data_dir()
        handler = setup_logging(data_dir)
        on_stop(self._stop_logging, handler, logging.getLogger().level)
        core = self.core = build_core(data_dir)
        on_stop(self._guarded, core.close)
        if self.language is not None:
            from desk_app.ui.qt_setup import install_translations
            install_translations(self.qt_app, self.language or core.settings.get("ui.language"))
        from desk_app.runtime.crash import CrashReporter
        crash = CrashReporter(data_dir / "crash", core.bridge).install()
        core.runner.crash_reporter = crash
        on_stop(self._guarded, crash.uninstall)
        if self.server:
            core.settings.set("sync.server_url", self.server)
        if self.variant.seed is not None:
            self.variant.seed(core)
        self.sync = self.variant.start_sync(core)
        on_stop(self._guarded, self.sync.stop)
        core.services = build_shared_services(core, self.sync.agent)
        register = _no_devices if self.is_display else self.variant.register_devices
        self.devices = open_devices(self.qt_app, core.settings, core.bridge, register)
        on_stop(self._guarded, self.devices.close)
        on_stop(self.close_windows)
        if self.is_display:
            self.display = self._display_window()
        elif self.variant.demo or account is not None:
            self.open_windows(account)

    def stop(self) -> None:
        """Close the windows, then undo every step that ran, the last first; safe to call twice."""
        self._started.close()
        self._started = ExitStack()

    @staticmethod
    def _guarded(fn: Callable[[], Any]) -> None:
        try:
            fn()
        except Exception:  # stopping: log and go on stopping the rest
            log.exception("error while stopping")

    @staticmethod
    def _stop_logging(handler: logging.Handler, level: int) -> None:
        root = logging.getLogger()
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()

    # ------------------------------------------------------------------ windows
    def services_for(self, user: SignedInUser, window_number: int | None) -> ScreenServices:
        """The services of ``user`` at ``window_number`` (what ProgramWindows builds each screen with)."""
        assert self.core is not None
        return screen_services(self.core, actor=user.username, window_number=window_number,
                               demo=self.variant.demo, role=user.role)

    def open_windows(self, account: Any) -> ProgramWindows:
        """Step 8 for ``account`` (None in the demo: its hall's every screen); closes the windows before."""
        assert self.core is not None and self.core.services is not None and self.devices is not None
        self.close_windows()
        self.windows = self.variant.windows(
            self.qt_app, self.core, self.devices, self.services_for, printing=self.core.services.printing,
            sync=self.core.services.sync, account=account, demo=self.variant.demo)
        return self.windows

    def _display_window(self) -> QWidget:
        from desk_app.services.reference import hall_info
        core = self.core
        assert core is not None and self.devices is not None
        hall = hall_info(core.store)
        ctx = ScreenContext(runner=core.runner, bridge=core.bridge, settings=core.settings,
                            services=screen_services(core, actor="display", window_number=None),
                            hall_name=hall.name if hall else "")
        return display_window(ctx, self.devices, self.screen)

    def close_windows(self) -> None:
        if self.windows is not None:
            self.windows.close()
            self.windows = None
        if self.display is not None:
            self.display.close()
            self.display = None


# ---------------------------------------------------------------------------------------------- entry points
def run_program(*, server: str | None = None) -> int:
    """`desk-app run`: sign-in, the role's screens, and again the sign-in after "切换用户", until nobody signs
    in or the user signs out ("退出登录") or closes the window."""
    from desk_app.services.reference import hall_info
    from desk_app.services.security_settings import account_service
    from desk_app.ui.sign_in import SignInDialog

    qt = qt_application()
    app = Application(qt, server=server).start()
    core = app.core
    assert core is not None
    hall = hall_info(core.store)
    rc, title = 0, ""
    try:
        while True:
            dialog = SignInDialog(account_service(core.store, core.settings.get), hall.name if hall else "",
                                  core.runner, title=title)
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.account is None:
                break
            windows = app.open_windows(dialog.account)
            outcome: list[str] = []
            windows.session.ended.connect(lambda how: (outcome.append(how), qt.exit(0)))
            windows.show()
            rc = qt.exec()
            app.close_windows()
            if outcome != ["switch"]:
                break
            title = "切换用户"
    finally:
        app.stop()
    return rc


def run_display(*, screen: str | None = None) -> int:
    """`desk-app display`: the hall display on its own PC."""
    qt = qt_application()
    app = Application(qt, display=True, screen=screen).start()
    try:
        assert app.display is not None
        app.display.show()
        return qt.exec()
    finally:
        app.stop()
