"""Window LED display (窗口屏): the port, an RS-485 adapter speaking a vendor-style frame protocol, a simulator.

Frame format (what typical hall LED controllers speak; our definition, documented for vendors):

    offset  size  field
    0       2     header 0xAA 0x55
    2       1     bus address of the display (1..254; 0xFF = every display on the bus)
    3       1     command: 0x01 show call, 0x02 idle, 0x03 paused, 0x04 brightness (data = 1 byte, 1..16)
    4       1     N = data length, 0..200
    5       N     data: the text, GBK-encoded (what these controllers' fonts are indexed by)
    5+N     1     checksum: (address + command + N + sum(data)) & 0xFF
    6+N     1     tail 0x0D

The line is half-duplex and the displays do not answer, so the host keeps a pause (default 50 ms) between
frames: controllers drop a frame that arrives while they are still drawing the previous one. A display that
is unplugged or whose port is gone sets health "error" and the call goes on: a window never stops calling
because its LED is dark.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Protocol

import serial

from desk_app.devices.health import Device, HealthReporter
from desk_app.devices.serial_worker import close_quietly
from desk_app.domain.errors import QT_TRANSLATE_NOOP, DeviceError

log = logging.getLogger(__name__)

HEADER = b"\xAA\x55"
TAIL = 0x0D
CMD_SHOW_CALL, CMD_IDLE, CMD_PAUSED, CMD_BRIGHTNESS = 0x01, 0x02, 0x03, 0x04
MAX_DATA = 200


@dataclass(frozen=True)
class LedFrame:
    address: int
    command: int
    data: bytes

    @property
    def text(self) -> str:
        return self.data.decode("gbk", errors="replace")


def gbk_text(text: str, limit: int = MAX_DATA) -> bytes:
    """GBK bytes, cut at ``limit`` without splitting a double-byte character; unknown characters become '?'."""
    out = bytearray()
    for ch in text:
        b = ch.encode("gbk", errors="replace")
        if len(out) + len(b) > limit:
            break
        out += b
    return bytes(out)


def encode_frame(address: int, command: int, data: bytes) -> bytes:
    if not 0 <= address <= 0xFF or len(data) > MAX_DATA:
        raise ValueError("bad LED frame")
    body = bytes([address, command, len(data)]) + data
    return HEADER + body + bytes([sum(body) & 0xFF, TAIL])


def decode_frames(buf: bytes) -> tuple[list[LedFrame], bytes]:
    """Parse complete frames from ``buf``; returns them and the unparsed rest. Bad checksums are skipped."""
    frames: list[LedFrame] = []
    i = 0
    while True:
        j = buf.find(HEADER, i)
        if j < 0:
            return frames, buf[-1:] if buf.endswith(HEADER[:1]) else b""
        if len(buf) < j + 5:
            return frames, buf[j:]
        n = buf[j + 4]
        end = j + 5 + n + 2
        if len(buf) < end:
            return frames, buf[j:]
        body = buf[j + 2:j + 5 + n]
        if buf[end - 2] == (sum(body) & 0xFF) and buf[end - 1] == TAIL:
            frames.append(LedFrame(body[0], body[1], bytes(body[3:])))
            i = end
        else:
            i = j + 1


def call_text(number: str, window: int | str) -> str:
    return f"请{number}号到{window}号窗口"


def idle_text(window: int | str) -> str:
    return f"{window}号窗口 欢迎光临"


def paused_text(window: int | str) -> str:
    return f"{window}号窗口 暂停服务"


class WindowLedDisplay(Device, Protocol):
    def show_call(self, number: str, window: int | str) -> bool: ...

    def idle(self) -> bool: ...

    def paused(self) -> bool: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class LedConfig:
    port: str | None = None
    baudrate: int = 9600
    address: int = 1
    window: int | str = 1
    inter_frame_gap_s: float = 0.05
    write_timeout_s: float = 1.0
    # Plain USB-RS485 converters switch direction themselves; a bare UART (industrial PCs) needs RTS toggling.
    rs485_rts: bool = False

    @classmethod
    def from_settings(cls, d: dict[str, Any]) -> "LedConfig":
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


class SerialLedDisplay(HealthReporter):
    """RS-485 adapter. Methods block for the write and the frame gap: call them through runner.io."""

    def __init__(self, config: LedConfig, *, name: str = "窗口屏",
                 open_port: Callable[..., Any] = serial.serial_for_url):
        self._init_health("led_display", name)
        self.config = config
        self._open_port = open_port
        self._port: Any = None
        self._lock = threading.Lock()
        self._last_frame_at = 0.0
        self.frames_sent = 0

    def _ensure_port(self):
        if self._port is None:
            if not self.config.port:
                raise DeviceError(QT_TRANSLATE_NOOP("Errors", "未设置窗口屏端口：请在外设设置中选择 RS-485 端口"), field="led_display")
            self._port = self._open_port(self.config.port, baudrate=self.config.baudrate, timeout=0.2,
                                         write_timeout=self.config.write_timeout_s)
            if self.config.rs485_rts:
                import serial.rs485
                self._port.rs485_mode = serial.rs485.RS485Settings()
        return self._port

    def send(self, command: int, data: bytes) -> None:
        """Send one frame, keeping the pause after the previous one; raises DeviceError when the line is gone."""
        frame = encode_frame(self.config.address, command, data)
        with self._lock:
            try:
                port = self._ensure_port()
                wait = self._last_frame_at + self.config.inter_frame_gap_s - time.monotonic()
                if wait > 0:
                    time.sleep(wait)  # protocol pause on the I/O thread, not a test wait
                port.write(frame)
                port.flush()
                self._last_frame_at = time.monotonic()
                self.frames_sent += 1
            except (serial.SerialException, OSError, DeviceError) as exc:
                self._drop_port()
                reason = exc.message if isinstance(exc, DeviceError) else (
                    f"窗口屏无法通信（{self.config.port}）：请检查 RS-485 线与窗口屏电源")
                self._set_health("error", reason)
                raise DeviceError(reason, field="led_display") from exc
        self._set_health("connected")

    def _drop_port(self) -> None:
        port, self._port = self._port, None
        close_quietly(port)

    def _try(self, command: int, text: str) -> bool:
        try:
            self.send(command, gbk_text(text))
            return True
        except DeviceError:
            log.info("LED display: %s", self.health.reason_cn)
            return False

    def show_call(self, number: str, window: int | str | None = None) -> bool:
        return self._try(CMD_SHOW_CALL, call_text(number, window if window is not None else self.config.window))

    def idle(self) -> bool:
        return self._try(CMD_IDLE, idle_text(self.config.window))

    def paused(self) -> bool:
        return self._try(CMD_PAUSED, paused_text(self.config.window))

    def self_test(self) -> str:
        self.send(CMD_SHOW_CALL, gbk_text(f"{self.config.window}号窗口 屏幕测试"))
        return "已向窗口屏发送“屏幕测试”，请看窗口屏是否显示"

    def close(self) -> None:
        with self._lock:
            self._drop_port()


@dataclass(frozen=True)
class LedState:
    mode: str  # call | idle | paused
    text: str


class SimulatedLedDisplay(HealthReporter):
    """Simulator: keeps what a real display would show; the on-screen widget listens to it."""

    def __init__(self, window: int | str = 1, *, name: str = "窗口屏（模拟）"):
        self._init_health("led_display", name, "connected")
        self.window = window
        self.state = LedState("idle", idle_text(window))
        self._listeners: list[Callable[[LedState], None]] = []

    def add_listener(self, fn: Callable[[LedState], None]) -> Callable[[], None]:
        self._listeners.append(fn)
        return lambda: self._listeners.remove(fn) if fn in self._listeners else None

    def _show(self, mode: str, text: str) -> bool:
        if not self.health.ok:
            return False
        self.state = LedState(mode, text)
        for fn in list(self._listeners):
            fn(self.state)
        return True

    def show_call(self, number: str, window: int | str | None = None) -> bool:
        return self._show("call", call_text(number, window if window is not None else self.window))

    def idle(self) -> bool:
        return self._show("idle", idle_text(self.window))

    def paused(self) -> bool:
        return self._show("paused", paused_text(self.window))

    def unplug(self) -> None:
        self._set_health("error", "窗口屏无法通信：请检查 RS-485 线与窗口屏电源")

    def plug(self) -> None:
        self._set_health("connected")

    def self_test(self) -> str:
        if not self._show("call", f"{self.window}号窗口 屏幕测试"):
            raise DeviceError(self.health.reason_cn, field="led_display")
        return "模拟窗口屏正常"

    def close(self) -> None:
        pass
