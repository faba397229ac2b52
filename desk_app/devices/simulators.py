"""The simulated devices of `desk-app demo` and of UI tests, registered in one call."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desk_app.devices.doc_scanner import SimulatedDocScanner
from desk_app.devices.health import DeviceRegistry
from desk_app.devices.led_display import SimulatedLedDisplay
from desk_app.devices.rating_pad import SimulatedRatingPad
from desk_app.devices.scanner import SimulatedScanner


@dataclass
class SimulatedDevices:
    scanner: SimulatedScanner
    doc_scanner: SimulatedDocScanner
    rating_pad: SimulatedRatingPad
    led_display: SimulatedLedDisplay
    camera: Any | None  # camera_qt.SimulatedDocumentCamera (needs a Qt application)


def register_simulators(registry: DeviceRegistry, *, window: int | str = 1, with_camera: bool = True,
                        start_camera: bool = False) -> SimulatedDevices:
    """Register every simulator (ticket printer and voice are registered by their own modules)."""
    camera = None
    if with_camera:
        from desk_app.devices.camera_qt import SimulatedDocumentCamera
        camera = SimulatedDocumentCamera()
        if start_camera:
            camera.start()
    devs = SimulatedDevices(SimulatedScanner(), SimulatedDocScanner(), SimulatedRatingPad(),
                            SimulatedLedDisplay(window), camera)
    for d in (devs.scanner, devs.camera, devs.doc_scanner, devs.rating_pad, devs.led_display):
        if d is not None:
            registry.register(d)
    return devs
