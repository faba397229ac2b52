"""One error path on the screens: bugs that the hall display, the LED update and the guide desk's printing used to
swallow reach the crash signal; a domain rule's KnownError shows in English once the English translator is in."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from desk_app.ui.display.hall_display import HallDisplay
from desk_app.ui.guide.guide_desk import GuideDesk
from desk_app.ui.window.window_panel import WindowPanel

TS = Path(__file__).resolve().parents[3] / "resources" / "translations" / "errors_en.ts"


def test_a_bug_loading_the_hall_display_reaches_the_crash_signal_and_the_board_goes_on(qtbot, make_ctx,
                                                                                         monkeypatch) -> None:
    ctx = make_ctx()
    svc = ctx.services.queue
    real = svc.recent_calls
    monkeypatch.setattr(svc, "recent_calls", lambda n: (_ for _ in ()).throw(RuntimeError("board bug")))
    display = HallDisplay(ctx)
    qtbot.addWidget(display)
    with qtbot.waitSignal(ctx.bridge.crashed, timeout=3000) as sig:
        display.show()
    assert "board bug" in sig.args[0] and "HallDisplay" in sig.args[0]
    monkeypatch.setattr(svc, "recent_calls", real)
    svc.issue("A", handed_out=True)
    t = svc.call_next(1)  # a change: the display loads again (it is not stuck "loading")
    qtbot.waitUntil(lambda: display.latest_number() == t.number, timeout=3000)


def test_a_bug_in_the_led_update_reaches_the_crash_signal(qtbot, make_ctx, monkeypatch) -> None:
    from desk_app.devices.led_display import SimulatedLedDisplay
    ctx = make_ctx(window_number=1)
    led = ctx.devices.register(SimulatedLedDisplay(1))
    monkeypatch.setattr(led, "idle", lambda: (_ for _ in ()).throw(TypeError("led bug")))
    panel = WindowPanel(ctx)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(ctx.bridge.crashed, timeout=3000) as sig:
        panel.show()
    assert "led bug" in sig.args[0]


def test_a_bug_while_printing_a_ticket_reaches_the_crash_signal_and_issues_nothing(qtbot, make_ctx,
                                                                                    monkeypatch) -> None:
    import desk_app.devices.ticket_printer as tp
    ctx = make_ctx()
    desk = GuideDesk(ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: len(desk.category_buttons()) == 4, timeout=3000)
    monkeypatch.setattr(tp, "print_ticket", lambda *a, **k: (_ for _ in ()).throw(AttributeError("driver bug")))
    crashes: list[str] = []
    ctx.bridge.crashed.connect(crashes.append)
    with qtbot.waitSignal(desk.ticket_failed, timeout=5000) as sig:
        desk.issue("A")
    assert len(crashes) == 1 and "driver bug" in crashes[0]
    assert "没有出号" in sig.args[0] and ctx.services.queue.waiting_counts() == {}  # the ticket was voided


@pytest.fixture
def english(qapp, tmp_path):
    """The English error translations, compiled as the build does, installed for one test."""
    qm = tmp_path / "errors_en.qm"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_a_domain_rule_broken_on_the_guide_desk_shows_in_english(qtbot, make_ctx, english) -> None:
    ctx = make_ctx()
    desk = GuideDesk(ctx)
    qtbot.addWidget(desk)
    desk.show()
    qtbot.waitUntil(lambda: len(desk.category_buttons()) == 4, timeout=3000)
    with qtbot.waitSignal(desk.ticket_failed, timeout=5000) as sig:
        desk.on_scan("XYZ-1")  # domain/queue_appointments: not an appointment code
    assert sig.args[0].startswith("The appointment code ") and "is not recognised" in sig.args[0]
    assert desk.status.text() == sig.args[0]
