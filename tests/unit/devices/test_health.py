"""DeviceRegistry: registration, health changes reach observers, removal."""
from __future__ import annotations

from desk_app.devices.health import DeviceHealth, DeviceRegistry
from desk_app.devices.scanner import SimulatedScanner


def test_registry_tracks_health_changes():
    reg = DeviceRegistry()
    seen: list[DeviceHealth] = []
    reg.subscribe(seen.append)
    sc = reg.register(SimulatedScanner())
    assert reg.get("scanner") is sc and reg.health("scanner").state == "connected"
    sc.unplug()
    assert reg.health("scanner").state == "missing"
    assert seen[-1].state == "missing" and "断开" in seen[-1].reason_cn
    sc.unplug()  # no change, no duplicate notification
    assert [h.state for h in seen] == ["connected", "missing"]
    reg.unregister("scanner")
    assert reg.get("scanner") is None
    sc.plug()
    assert reg.health("scanner") is None


def test_connected_health_has_no_reason():
    sc = SimulatedScanner()
    sc._set_health("connected", "ignored")
    assert sc.health.reason_cn == ""
