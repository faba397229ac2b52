"""Real device adapters built from the ``devices`` setting and registered (the program; the demo uses simulators).

Setting shape (every key optional)::

    {"scanner": {"port": "COM5", "baudrate": 9600, "framing": "auto", "vid": "1EAB", "pid": "0D10",
                 "serial_number": "..."},
     "camera": {"device": "<description or id>"},
     "doc_scanner": {"device": "fujitsu:fi-7160:1234"} or on Windows {"source": "<TWAIN source name>"},
     "rating_pad": {"port": "COM6", "baudrate": 115200},
     "led_display": {"port": "COM3", "baudrate": 9600, "address": 1, "window": 3}}
"""
from __future__ import annotations

from typing import Any

from desk_app.devices.doc_scanner import make_doc_scanner
from desk_app.devices.health import DeviceRegistry
from desk_app.devices.led_display import LedConfig, SerialLedDisplay
from desk_app.devices.rating_pad import RatingPadConfig, SerialRatingPad
from desk_app.devices.scanner import ScannerConfig, SerialScanner


def register_real_devices(registry: DeviceRegistry, config: dict[str, Any], *, window: int | str = 1,
                          with_camera: bool = True) -> None:
    """Create, register and start the adapters. A device without settings is still registered (its health
    then says what to set up), except the rating pad, which is optional (the applicant screen rates)."""
    sc = dict(config.get("scanner") or {})
    scanner = SerialScanner(ScannerConfig.from_settings(sc))
    registry.register(scanner)
    scanner.start()
    if with_camera:
        from desk_app.devices.camera_qt import QtDocumentCamera
        registry.register(QtDocumentCamera((config.get("camera") or {}).get("device")))
    registry.register(make_doc_scanner(dict(config.get("doc_scanner") or {})))
    led_cfg = dict(config.get("led_display") or {})
    led_cfg.setdefault("window", window)
    led = SerialLedDisplay(LedConfig.from_settings(led_cfg))
    registry.register(led)
    if led_cfg.get("port"):
        led.idle()  # first contact: sets health and clears whatever the panel showed before
    else:
        led._set_health("missing", "未设置窗口屏端口：请在外设设置中选择 RS-485 端口")
    pad_cfg = dict(config.get("rating_pad") or {})
    if pad_cfg.get("port"):
        pad = SerialRatingPad(RatingPadConfig.from_settings(pad_cfg))
        registry.register(pad)
        pad.start()
