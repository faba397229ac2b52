"""Real adapters built from the devices setting report sensible health without hardware."""
from __future__ import annotations

from desk_app.devices.factory import register_real_devices
from desk_app.devices.health import DeviceRegistry

from .conftest import wait_for


def test_unconfigured_devices_say_what_to_set_up(qtbot, make_pty):
    p = make_pty()
    reg = DeviceRegistry()
    try:
        register_real_devices(reg, {"led_display": {"port": p.name, "window": 4}}, window=4)
        wait_for(lambda: reg.health("scanner").state == "missing", what="scanner missing")
        assert "未设置扫码枪端口" in reg.health("scanner").reason_cn
        assert reg.health("camera").state == "missing"
        assert reg.health("led_display").state == "connected"
        assert reg.get("rating_pad") is None
        assert reg.health("doc_scanner") is not None
    finally:
        reg.close_all()
