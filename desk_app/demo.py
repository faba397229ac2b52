"""The demo hall: `desk-app demo`.

The demo runs one PC with every screen (guide desk, two clerk windows, pickup, complaint window,
supervisor, settings) in one main window, plus the hall display, the applicant screen and the
simulated devices as windows of their own, on a local SQLite store and a local desk-central.
It starts like any PC (desk_app/app.py), with the demo's data, devices, desk-central and pages.
"""
from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QHBoxLayout, QScrollArea, QWidget

from desk_app.app import Application, Core, Variant, qt_application
from desk_app.paths import default_data_dir, resources_dir
from desk_app.runtime.settings import Settings
from desk_app.ui.windows import ProgramWindows

log = logging.getLogger(__name__)
# the page and window titles of this module, for lupdate: translate("ProgramWindows", "...")
translate = QCoreApplication.translate
_application = qt_application  # the name the e2e drivers start the demo hall's QApplication by


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


# ---------------------------------------------------------------------------------------------- devices
def register_demo_devices(registry: Any, settings: Settings) -> Any:
    """Every device simulated, the camera running: the demo's devices panel drives them."""
    from desk_app.devices.simulators import register_simulators
    from desk_app.devices.ticket_printer import SimulatedTicketPrinter
    sims = register_simulators(registry, window=settings.get("window.number"), start_camera=True)
    registry.register(SimulatedTicketPrinter())
    return sims


# ---------------------------------------------------------------------------------------------- windows
# The demo's pages belong to several staff; the lock and switch-user act for the duty supervisor.
DUTY_SUPERVISOR = SimpleNamespace(username="super1", display_name="陈值班长", role="supervisor")


class DemoWindows(ProgramWindows):
    """Every screen of the hall in one main window, each as its own demo account, and the simulators."""

    def build_pages(self, _account: Any) -> None:
        self._build_demo_hall()

    def session_account(self, _account: Any) -> Any:
        return DUTY_SUPERVISOR

    def start_session(self, account: Any) -> None:
        super().start_session(account)
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
        pages = []  # (context, screen) of each staff member's page, in tab order
        for screen, title, (number, username, display_name, role) in (
                (GuideDesk, translate("ProgramWindows", "导办台"), (None, "guide1", "李导办", "guide")),
                (ClerkWorkspace, translate("ProgramWindows", "1号窗口"), (1, "clerk1", "王受理", "clerk")),
                (ClerkWorkspace, translate("ProgramWindows", "2号窗口"), (2, "clerk2", "张受理", "clerk")),
                (PickupWindow, translate("ProgramWindows", "8号出件窗口"), (8, "pickup1", "赵出件", "pickup")),
                (ComplaintWindow, translate("ProgramWindows", "办不成事窗口"), (9, "clerk1", "王受理", "clerk")),
                (SupervisorConsole, translate("ProgramWindows", "值班长"), (None, "super1", "陈值班长", "supervisor"))):
            ctx = self.ctx(window_number=number, username=username, display_name=display_name, role=role)
            pages.append((ctx, screen(ctx)))
            m.add_page(title, pages[-1][1])
        self.guide, self.window1, self.window2, self.pickup, self.complaint, self.supervisor = (p for _, p in pages)
        sup_ctx = pages[-1][0]
        devices = QWidget()
        row = QHBoxLayout(devices)
        row.addWidget(DeviceSettingsPage(self.registry, self.core.runner, self.core.settings,
                                         print_pipeline=self.pipeline), 3)
        row.addWidget(SimulatorPanel(self.sims), 2)
        scroll = QScrollArea()  # the device list, settings and test page outgrow 768 px: scroll, never clip
        scroll.setWidgetResizable(True)
        scroll.setWidget(devices)
        m.add_page(translate("ProgramWindows", "外设"), scroll)
        m.add_page(translate("ProgramWindows", "打印设置"), PrinterSettingsPage(sup_ctx))
        from desk_app.ui.admin.security_page import SecuritySettingsPage
        m.add_page(translate("ProgramWindows", "账号与安全"),
                   SecuritySettingsPage(self.ctx(window_number=None, username="admin1", display_name="孙管理员",
                                                 role="admin")))
        self.open_second_screens(self.ctx(window_number=1, username="clerk1", display_name="王受理",
                                           role="clerk"))
        led = LedSimulatorWidget(self.sims.led_display)
        led.setWindowTitle(translate("ProgramWindows", "1号窗口屏（模拟）"))
        self.extra.append(led)

    def show(self) -> None:
        self.main.resize(1366, 768)
        self.main.show()
        # On one monitor the demo's extra windows open beside the main one at a readable size.
        self.display.resize(1100, 620)
        self.applicant.resize(800, 600)
        for w in self.extra:
            w.show()


# ---------------------------------------------------------------------------------------------- entry points
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
        variant = Variant(seed=seed_demo, start_sync=lambda core: start_demo_sync(core, data_dir / "central"),
                          register_devices=register_demo_devices, windows=DemoWindows, demo=True)
        self.application = Application(app, data_dir / "pc", language=language, variant=variant).start()
        self.core = self.application.core
        self.central = self.application.sync
        self.windows = self.application.windows

    def close(self) -> None:
        self.application.stop()


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
    app = qt_application()
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
