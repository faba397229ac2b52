"""Health strip, device settings page (live 测试 through the runner) and the LED simulator widget."""
from __future__ import annotations

import threading

import pytest

from desk_app.devices.health import DeviceRegistry
from desk_app.devices.simulators import register_simulators
from desk_app.runtime.settings import Settings
from desk_app.ui.devices.health_strip import DeviceHealthStrip
from desk_app.ui.devices.led_simulator import LedSimulatorWidget
from desk_app.ui.devices.settings_page import DeviceSettingsPage


@pytest.fixture
def sims(qtbot):
    reg = DeviceRegistry()
    devs = register_simulators(reg, window=3, start_camera=True)
    yield reg, devs
    reg.close_all()


def test_health_strip_follows_changes_from_any_thread(qtbot, sims):
    reg, devs = sims
    strip = DeviceHealthStrip(reg)
    qtbot.addWidget(strip)
    assert set(strip._items) == {"scanner", "camera", "doc_scanner", "rating_pad", "led_display"}
    assert strip.item("scanner").text.text() == "扫码枪"  # healthy: just the device, its state in the tooltip
    assert "正常" in strip.item("scanner").toolTip()
    t = threading.Thread(target=devs.led_display.unplug)  # as a worker would report it
    t.start()
    t.join()
    qtbot.waitUntil(lambda: "故障" in strip.item("led_display").text.text())
    assert "RS-485" in strip.item("led_display").toolTip()


def test_settings_page_test_buttons(qtbot, sims, runner, tmp_path):
    reg, devs = sims
    settings = Settings(tmp_path / "settings.json")
    page = DeviceSettingsPage(reg, runner, settings)
    qtbot.addWidget(page)
    with qtbot.wait_signal(page.test_finished, timeout=5000) as sig:
        page.row("scanner")["button"].click()
    assert sig.args[:2] == ["scanner", True]
    devs.doc_scanner.unplug()
    qtbot.waitUntil(lambda: page.row("doc_scanner")["state"].text() == "未连接")
    with qtbot.wait_signal(page.test_finished, timeout=5000) as sig:
        page.row("doc_scanner")["button"].click()
    assert sig.args[:2] == ["doc_scanner", False] and "扫描仪" in sig.args[2]
    assert page.row("doc_scanner")["result"].text() == sig.args[2]
    with qtbot.wait_signal(page.test_finished, timeout=5000) as sig:
        page.row("camera")["button"].click()
    assert sig.args[1] is True and "3264" in sig.args[2]


def test_settings_page_saves_serial_port(qtbot, sims, runner, tmp_path):
    reg, _ = sims
    settings = Settings(tmp_path / "settings.json")
    settings.set("devices", {"scanner": {"port": "/dev/ttyACM7", "baudrate": 9600}})
    page = DeviceSettingsPage(reg, runner, settings)
    qtbot.addWidget(page)
    combo = page.port_boxes["scanner"]
    assert combo.currentData() == "/dev/ttyACM7"
    combo.setCurrentIndex(0)
    assert settings.get("devices")["scanner"] == {"port": None, "baudrate": 9600}


def test_led_simulator_widget(qtbot):
    from desk_app.devices.led_display import SimulatedLedDisplay
    led = SimulatedLedDisplay(window=5)
    w = LedSimulatorWidget(led)
    qtbot.addWidget(w)
    assert w.label.text() == "5号窗口 欢迎光临"
    t = threading.Thread(target=led.show_call, args=("A012",))
    t.start()
    t.join()
    qtbot.waitUntil(lambda: w.label.text() == "请A012号到5号窗口")
    led.unplug()
    qtbot.waitUntil(lambda: "无信号" in w.label.text())
    assert led.show_call("A013") is False


def test_simulator_panel_drives_the_simulators(qtbot, sims):
    from PySide6.QtWidgets import QCheckBox, QPushButton

    from desk_app.devices.doc_scanner import ScanSettings
    from desk_app.ui.devices.simulator_panel import SimulatorPanel
    reg, devs = sims
    panel = SimulatorPanel(devs)
    qtbot.addWidget(panel)
    scans = []
    devs.scanner.set_on_scan(scans.append)
    panel.code.setCurrentText("YY20261123")
    next(b for b in panel.findChildren(QPushButton) if b.text() == "扫码").click()
    assert [s.code for s in scans] == ["YY20261123"]
    panel.findChild(QCheckBox, "unplug_camera").setChecked(True)
    assert reg.health("camera").state == "missing"
    panel.findChild(QCheckBox, "unplug_camera").setChecked(False)
    assert reg.health("camera").state == "connected"
    panel.jam.setChecked(True)
    panel.feeder_pages.setValue(4)
    r = devs.doc_scanner.scan(ScanSettings(dpi=20))
    assert r.problem == "jam" and len(r.pages) == 1


def test_health_strip_shows_voice_unavailable_without_a_speech_engine(qtbot):
    """Offscreen has no speech engine (and no Chinese voice): the strip must say so, with what to do."""
    from desk_app.devices.voice import VoiceQueue
    from desk_app.devices.voice_qt import best_choice
    reg = DeviceRegistry()
    voice = VoiceQueue(best_choice())
    reg.register(voice)
    try:
        strip = DeviceHealthStrip(reg)
        qtbot.addWidget(strip)
        item = strip.item("voice")
        assert voice.health.state in ("degraded", "missing")  # clips if this PC can play them, else silent
        assert item.text.text() in ("语音播报降级", "语音播报不可用")
        assert "没有中文语音合成引擎" in item.toolTip() and "中文语音包" in item.toolTip()
    finally:
        reg.close_all()
    assert not voice._thread.is_alive()  # closing the devices stops the voice worker
