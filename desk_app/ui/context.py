"""What every screen is given: the runner, the message bridge, settings, the services and the devices."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings


@dataclass(frozen=True)
class SignedInUser:
    username: str
    display_name: str
    role: str  # guide | clerk | pickup | supervisor


@dataclass
class ScreenContext:
    runner: Runner
    bridge: MessageBridge
    settings: Settings
    # queue, intake, catalog, printing, pickup, rating, complaints, supervision, sync ...: set by app.py
    services: SimpleNamespace = field(default_factory=SimpleNamespace)
    devices: Any = None  # desk_app.devices.health.DeviceRegistry
    scan_router: Any = None  # desk_app.ui.devices.scan_router.ScanRouter: register(kinds, handler, owner=self)
    window_number: int | None = None
    user: SignedInUser = SignedInUser("demo", "演示用户", "clerk")
    hall_name: str = ""
    print_pipeline: Any = None  # desk_app.ui.printing.pipeline.PrintPipeline: every document goes through it
