"""Barcode/QR scanner: the port, a pyserial adapter for USB-CDC and RS-232 scanners, and a simulator.

The serial adapter reads on its own thread with blocking reads (0.2 s timeout, so an idle scanner costs
nothing), frames and decodes with ``scan_framing``, ignores double scans and reconnects with backoff,
finding a USB scanner again by VID/PID/serial number when the OS gives it a new port name.
Scans are delivered through a callback on that thread; the UI wraps it into a queued Qt signal.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any, Callable, Protocol

import serial
import serial.tools.list_ports

from desk_app.devices.health import Device, HealthReporter
from desk_app.devices.serial_worker import ReaderThread, close_quietly
from desk_app.devices.scan_framing import DuplicateFilter, Framing, ScanFramer
from desk_app.domain.errors import DeviceError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScanEvent:
    code: str
    raw: bytes
    received_at: float  # time.monotonic() when the last byte arrived
    source: str = "serial"  # serial | wedge | simulator


ScanCallback = Callable[[ScanEvent], None]


class BarcodeScanner(Device, Protocol):
    def set_on_scan(self, fn: ScanCallback | None) -> None: ...

    def start(self) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class ScannerConfig:
    """Settings of a serial scanner (under ``devices.scanner``). ``port`` may be a pyserial URL (``loop://``)."""

    port: str | None = None
    baudrate: int = 9600
    framing: Framing = "auto"
    max_length: int = 1024
    inter_byte_timeout_s: float = 0.3
    duplicate_window_s: float = 2.0
    # A USB scanner is found again by these when its port name changes (COM5 -> COM7, ttyACM0 -> ttyACM1).
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    read_timeout_s: float = 0.2
    backoff_initial_s: float = 0.2
    backoff_max_s: float = 5.0

    @classmethod
    def from_settings(cls, d: dict[str, Any]) -> "ScannerConfig":
        def num(v):
            return int(v, 16) if isinstance(v, str) else v
        keys = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        for k in ("vid", "pid"):
            if k in keys and keys[k] is not None:
                keys[k] = num(keys[k])
        return cls(**keys)


def find_port(config: ScannerConfig, comports: Callable[[], list] = serial.tools.list_ports.comports) -> str | None:
    """The port to open: the USB device matching VID/PID(/serial) wherever it is now, else the configured name."""
    if config.vid is not None and config.pid is not None:
        for p in comports():
            if p.vid == config.vid and p.pid == config.pid and (
                    config.serial_number is None or p.serial_number == config.serial_number):
                return p.device
        return None  # a USB scanner that is not plugged in: do not open some other device's old name
    return config.port


class SerialScanner(HealthReporter):
    """pyserial adapter; ``start()`` launches the reader thread, ``close()`` stops it and frees the port."""

    def __init__(self, config: ScannerConfig, on_scan: ScanCallback | None = None, *, name: str = "扫码枪",
                 clock: Callable[[], float] = time.monotonic,
                 open_port: Callable[..., Any] = serial.serial_for_url,
                 comports: Callable[[], list] = serial.tools.list_ports.comports):
        self._init_health("scanner", name)
        self.config = config
        self._on_scan = on_scan
        self._clock = clock
        self._open_port = open_port
        self._comports = comports
        self._reader = ReaderThread(self._run, "desk-scanner")
        self._stop = self._reader.stop_event
        self._port: Any = None
        self._port_name: str | None = None
        self.framer = ScanFramer(config.framing, max_length=config.max_length,
                                 inter_byte_timeout_s=config.inter_byte_timeout_s)
        self.duplicates = DuplicateFilter(config.duplicate_window_s)
        self.dropped: list[tuple[str, bytes]] = []  # recent dropped frames, for diagnostics
        self.connects = 0

    def set_on_scan(self, fn: ScanCallback | None) -> None:
        self._on_scan = fn

    def start(self) -> None:
        self._reader.start()

    def close(self) -> None:
        port = self._port
        self._reader.stop()
        close_quietly(port)

    def self_test(self) -> str:
        h = self.health
        if h.state != "connected":
            raise DeviceError(h.reason_cn or "扫码枪未连接，请检查连线与端口设置", field="scanner")
        return f"扫码枪已连接（{self._port_name}，{self.config.baudrate} 波特）。请扫一个条码试试。"

    # --- reader thread -------------------------------------------------------------------------------
    def _run(self) -> None:
        delay = self.config.backoff_initial_s
        while not self._stop.is_set():
            try:
                name = find_port(self.config, self._comports)
            except Exception:  # enumerating ports can fail while a USB hub resets: treat as not found
                log.exception("listing serial ports failed")
                name = None
            if name is None:
                self._set_health("missing", self._missing_reason())
            else:
                try:
                    self._port = self._open_port(name, baudrate=self.config.baudrate,
                                                 timeout=self.config.read_timeout_s)
                except (serial.SerialException, OSError, ValueError) as exc:
                    log.info("scanner port %s not available: %s", name, exc)
                    self._set_health("missing", f"无法打开扫码枪端口 {name}：请检查连线，或确认端口未被其他程序占用")
                else:
                    self._port_name = name
                    self.connects += 1
                    delay = self.config.backoff_initial_s
                    self._set_health("connected")
                    self._read_loop()
                    self._close_port()
                    if not self._stop.is_set():
                        self._set_health("missing", f"扫码枪已断开（{name}），正在重新连接…")
            # Event.wait: sleeps without polling and wakes at once on close().
            self._stop.wait(delay)
            delay = min(delay * 2, self.config.backoff_max_s)

    def _missing_reason(self) -> str:
        c = self.config
        if c.vid is not None:
            return f"未找到扫码枪（USB {c.vid:04X}:{c.pid:04X}）：请插好扫码枪的 USB 线"
        if not c.port:
            return "未设置扫码枪端口：请在外设设置中选择端口"
        return f"未找到扫码枪端口 {c.port}：请检查连线"

    def _close_port(self) -> None:
        port, self._port = self._port, None
        close_quietly(port)

    def _read_loop(self) -> None:
        port = self._port
        while not self._stop.is_set():
            try:
                waiting = port.in_waiting
                data = port.read(waiting or 1)
            except (serial.SerialException, OSError, TypeError, AttributeError) as exc:
                # Unplugged mid-scan: the half-read code is dropped, never delivered as a shorter code.
                log.info("scanner read failed: %s", exc)
                dropped = self.framer.reset()
                if dropped:
                    self.dropped.append(("unplugged", dropped.raw))
                return
            now = self._clock()
            if not data:
                stale = self.framer.poll(now)
                if stale:
                    self.dropped.append((stale.dropped or "stale", stale.raw))
                continue
            for frame in self.framer.feed(data, now):
                self._deliver(frame, now)

    def _deliver(self, frame, now: float) -> None:
        if frame.text is None:
            self.dropped.append((frame.dropped or "?", frame.raw))
            del self.dropped[:-20]
            if frame.dropped in ("undecodable", "too_long"):
                self._set_health("error", f"扫码枪发来无法识别的数据：请检查波特率（当前 {self.config.baudrate}）"
                                          "与扫码枪的输出编码设置")
            return
        if self.health.state != "connected":
            self._set_health("connected")
        if not self.duplicates.accept(frame.text, now):
            return
        cb = self._on_scan
        if cb is not None:
            try:
                cb(ScanEvent(frame.text, frame.raw, now, "serial"))
            except Exception:
                log.exception("scan handler failed")


class SimulatedScanner(HealthReporter):
    """Scanner for tests and the demo: ``scan(code)`` behaves like a code read by the serial adapter."""

    def __init__(self, on_scan: ScanCallback | None = None, *, name: str = "扫码枪（模拟）",
                 clock: Callable[[], float] = time.monotonic):
        self._init_health("scanner", name, "connected")
        self._on_scan = on_scan
        self._clock = clock
        self.framer = ScanFramer("auto")
        self.duplicates = DuplicateFilter(2.0)

    def set_on_scan(self, fn: ScanCallback | None) -> None:
        self._on_scan = fn

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass

    def unplug(self) -> None:
        self.framer.reset()
        self._set_health("missing", "扫码枪已断开，正在重新连接…")

    def plug(self) -> None:
        self._set_health("connected")

    def self_test(self) -> str:
        if not self.health.ok:
            raise DeviceError(self.health.reason_cn, field="scanner")
        return "模拟扫码枪正常。"

    def feed_bytes(self, data: bytes) -> None:
        if not self.health.ok:
            return
        now = self._clock()
        for frame in self.framer.feed(data, now):
            if frame.text and self.duplicates.accept(frame.text, now) and self._on_scan:
                self._on_scan(ScanEvent(frame.text, frame.raw, now, "simulator"))

    def scan(self, code: str) -> None:
        self.feed_bytes(code.encode("utf-8") + b"\r")


@dataclass(frozen=True)
class PortInfo:
    device: str
    description: str
    vid: int | None
    pid: int | None
    serial_number: str | None


def available_ports(comports: Callable[[], list] = serial.tools.list_ports.comports) -> list[PortInfo]:
    """Serial ports present now (for the settings page's port choosers)."""
    return [PortInfo(p.device, p.description or "", p.vid, p.pid, p.serial_number) for p in comports()]
