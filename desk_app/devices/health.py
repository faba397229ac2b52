"""Device health states and the registry of devices that the UI's health strip and settings page observe."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Callable, Literal, Protocol, runtime_checkable

log = logging.getLogger(__name__)

# "degraded": working, but in a lesser way the hall should know about (e.g. voice on recorded clips).
State = Literal["connected", "degraded", "missing", "error", "unknown"]
STATES: tuple[str, ...] = ("connected", "degraded", "missing", "error", "unknown")

# Device kinds, also the keys under the "devices" setting.
KINDS: dict[str, str] = {
    "scanner": "扫码枪",
    "camera": "高拍仪",
    "doc_scanner": "扫描仪",
    "rating_pad": "评价器",
    "led_display": "窗口屏",
    "ticket_printer": "小票打印机",
    "voice": "语音播报",
}


@dataclass(frozen=True)
class DeviceHealth:
    """What the UI shows for one device: its state and, unless connected, a Chinese reason saying what to do."""

    kind: str
    name: str
    state: State = "unknown"
    reason_cn: str = ""

    @property
    def ok(self) -> bool:
        return self.state == "connected"


HealthListener = Callable[[DeviceHealth], None]


@runtime_checkable
class Device(Protocol):
    """What every device adapter and simulator offers the registry and the settings page."""

    kind: str
    name: str

    @property
    def health(self) -> DeviceHealth: ...

    def add_health_listener(self, fn: HealthListener) -> Callable[[], None]: ...

    def self_test(self) -> str:
        """A live check for the settings page's 测试 button; returns a Chinese result or raises DeviceError.

        May block on I/O: the UI runs it through ``runner.io``.
        """
        ...


class HealthReporter:
    """Mixin holding a device's current health and telling listeners about changes (from any thread)."""

    kind: str = "device"
    name: str = ""

    def _init_health(self, kind: str, name: str, state: State = "unknown", reason_cn: str = "") -> None:
        self.kind, self.name = kind, name
        self._health_lock = threading.Lock()
        self._health = DeviceHealth(kind, name, state, reason_cn)
        self._health_listeners: list[HealthListener] = []

    @property
    def health(self) -> DeviceHealth:
        return self._health

    def add_health_listener(self, fn: HealthListener) -> Callable[[], None]:
        with self._health_lock:
            self._health_listeners.append(fn)

        def remove() -> None:
            with self._health_lock:
                if fn in self._health_listeners:
                    self._health_listeners.remove(fn)
        return remove

    def _set_health(self, state: State, reason_cn: str = "") -> DeviceHealth:
        new = DeviceHealth(self.kind, self.name, state, "" if state == "connected" else reason_cn)
        with self._health_lock:
            if new == self._health:
                return new
            self._health = new
            listeners = list(self._health_listeners)
        for fn in listeners:
            try:
                fn(new)
            except Exception:  # a broken observer must not stop the device thread
                log.exception("health listener failed for %s", self.kind)
        return new


class DeviceRegistry:
    """The devices of this PC (owned by app.py): lookup by kind and a single stream of health changes.

    Qt-free. Observers are called on the thread that reported the change; the UI side re-emits them as a
    queued Qt signal.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._devices: dict[str, Any] = {}
        self._unhooks: dict[str, Callable[[], None]] = {}
        self._health: dict[str, DeviceHealth] = {}
        self._observers: list[HealthListener] = []

    def register(self, device: Any) -> Any:
        """Add (or replace) the device of ``device.kind``; returns it for chaining."""
        self.unregister(device.kind)
        with self._lock:
            self._devices[device.kind] = device
            self._health[device.kind] = device.health
        if hasattr(device, "add_health_listener"):
            self._unhooks[device.kind] = device.add_health_listener(self.report)
        self._notify(device.health)
        return device

    def unregister(self, kind: str) -> None:
        with self._lock:
            dev = self._devices.pop(kind, None)
            self._health.pop(kind, None)
            unhook = self._unhooks.pop(kind, None)
        if unhook:
            unhook()
        if dev is not None:
            self._notify(DeviceHealth(kind, getattr(dev, "name", kind), "missing", "设备已移除"))

    def report(self, health: DeviceHealth) -> None:
        """Record a health change (devices call this through their listener)."""
        with self._lock:
            if health.kind not in self._devices or self._health.get(health.kind) == health:
                return
            self._health[health.kind] = health
        self._notify(health)

    def get(self, kind: str) -> Any | None:
        with self._lock:
            return self._devices.get(kind)

    def devices(self) -> list[Any]:
        with self._lock:
            return list(self._devices.values())

    def health(self, kind: str) -> DeviceHealth | None:
        with self._lock:
            return self._health.get(kind)

    def all_health(self) -> list[DeviceHealth]:
        with self._lock:
            return list(self._health.values())

    def subscribe(self, fn: HealthListener) -> Callable[[], None]:
        with self._lock:
            self._observers.append(fn)

        def remove() -> None:
            with self._lock:
                if fn in self._observers:
                    self._observers.remove(fn)
        return remove

    def close_all(self) -> None:
        """Stop every device's threads and release ports (app shutdown)."""
        for dev in self.devices():
            close = getattr(dev, "close", None)
            if close is not None:
                try:
                    close()
                except Exception:
                    log.exception("closing %s failed", getattr(dev, "kind", dev))

    def _notify(self, health: DeviceHealth) -> None:
        with self._lock:
            observers = list(self._observers)
        for fn in observers:
            try:
                fn(health)
            except Exception:
                log.exception("health observer failed")
