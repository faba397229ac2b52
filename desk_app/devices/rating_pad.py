"""External rating pad (评价器): the port, a serial line-protocol adapter and a simulator.

Rating is voluntary: an outcome carries a level only when the applicant pressed one. A pad that goes
silent or disappears mid-rating produces the outcome "lost" with no level, never a default rating.

Serial line protocol (our definition; UTF-8 lines ending in LF, each ``<body>*<XX>`` where XX is the
two-digit hex XOR of the body's bytes, as in NMEA):

    host -> pad   REQ,<request id>,<case number>,<window>   show the rating page
                  CANCEL,<request id>                       withdraw it (clerk cancelled)
                  PING,<n>                                  liveness probe (every ping_interval_s)
    pad -> host   HELLO,<model>,<firmware>                  after power-on
                  ACK,<request id>                          rating page is shown
                  RATE,<request id>,<level 1-5>,<codes>     codes separated by "|", may be empty
                  DECLINE,<request id>                      the applicant chose not to rate
                  PONG,<n>

Lines with a bad checksum are ignored. While a request is open the host pings every ``ping_interval_s``;
no line at all for ``lost_after_s`` means the pad is lost.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Literal, Protocol

import serial

from desk_app.devices.health import Device, HealthReporter
from desk_app.devices.serial_worker import ReaderThread, close_quietly
from desk_app.domain.errors import QT_TRANSLATE_NOOP, DeviceError
from desk_app.domain.ids import new_id

log = logging.getLogger(__name__)

Status = Literal["rated", "declined", "lost", "cancelled", "timeout"]

LEVEL_CN = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}


@dataclass(frozen=True)
class RatingOutcome:
    request_id: str
    case_number: str
    status: Status
    level: int | None = None  # only for "rated"
    reasons: tuple[str, ...] = ()
    message_cn: str = ""


OutcomeCallback = Callable[[RatingOutcome], None]


class RatingPad(Device, Protocol):
    def request_rating(self, case_number: str, window: int | str, on_outcome: OutcomeCallback) -> str: ...

    def cancel(self, request_id: str) -> None: ...

    def close(self) -> None: ...


def checksum(body: str) -> str:
    x = 0
    for b in body.encode("utf-8"):
        x ^= b
    return f"{x:02X}"


def encode_line(*fields: object) -> bytes:
    body = ",".join(str(f) for f in fields)
    return f"{body}*{checksum(body)}\n".encode("utf-8")


def decode_line(line: bytes) -> list[str] | None:
    try:
        text = line.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None
    body, sep, cs = text.rpartition("*")
    if not sep or checksum(body) != cs.upper():
        return None
    return body.split(",")


LOST_CN = "评价器在评价过程中断开，本次未评价：请检查评价器连线，需要时请申请人重新评价"


@dataclass
class _Pending:
    case_number: str
    on_outcome: OutcomeCallback
    started_at: float
    acked: bool = False


@dataclass(frozen=True)
class RatingPadConfig:
    port: str | None = None
    baudrate: int = 115200
    ping_interval_s: float = 1.0
    lost_after_s: float = 3.0
    rating_timeout_s: float = 180.0

    @classmethod
    def from_settings(cls, d: dict[str, Any]) -> "RatingPadConfig":
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


class _OutcomeMixin:
    _pending: dict[str, _Pending]

    def _finish(self, request_id: str, status: Status, level: int | None = None,
                reasons: tuple[str, ...] = (), message: str = "") -> None:
        p = self._pending.pop(request_id, None)
        if p is None:
            return  # late or unknown answer: the request was already closed
        if status != "rated":
            level, reasons = None, ()
        try:
            p.on_outcome(RatingOutcome(request_id, p.case_number, status, level, reasons, message))
        except Exception:
            log.exception("rating outcome handler failed")


class SerialRatingPad(_OutcomeMixin, HealthReporter):
    """Serial adapter with a reader thread (blocking reads, 0.25 s timeout)."""

    def __init__(self, config: RatingPadConfig, *, name: str = "评价器",
                 open_port: Callable[..., Any] = serial.serial_for_url,
                 clock: Callable[[], float] = time.monotonic):
        self._init_health("rating_pad", name)
        self.config = config
        self._open_port = open_port
        self._clock = clock
        self._port: Any = None
        self._wlock = threading.Lock()
        self._plock = threading.RLock()
        self._pending = {}
        self._reader = ReaderThread(self._run, "desk-rating-pad")
        self._stop = self._reader.stop_event
        self._last_heard = 0.0
        self._last_ping = 0.0
        self._ping_n = 0
        self.model: str | None = None

    def start(self) -> None:
        self._reader.start()

    def close(self) -> None:
        self._reader.stop()
        self._drop_port()

    def _drop_port(self) -> None:
        port, self._port = self._port, None
        close_quietly(port)

    def _write(self, *fields: object) -> None:
        port = self._port
        if port is None:
            raise serial.SerialException("not open")
        with self._wlock:
            port.write(encode_line(*fields))

    def request_rating(self, case_number: str, window: int | str, on_outcome: OutcomeCallback) -> str:
        if not self.health.ok:
            raise DeviceError(self.health.reason_cn or "评价器未连接", field="rating_pad")
        rid = new_id()
        with self._plock:
            self._pending[rid] = _Pending(case_number, on_outcome, self._clock())
        try:
            self._write("REQ", rid, case_number, window)
        except (serial.SerialException, OSError) as exc:
            with self._plock:
                self._pending.pop(rid, None)
            self._set_health("missing", LOST_CN)
            raise DeviceError(QT_TRANSLATE_NOOP("Errors", "评价器无法通信：请检查评价器连线"), field="rating_pad") from exc
        return rid

    def cancel(self, request_id: str) -> None:
        with self._plock:
            self._finish(request_id, "cancelled", message="已取消评价")
        try:
            self._write("CANCEL", request_id)
        except (serial.SerialException, OSError):
            pass

    def self_test(self) -> str:
        if not self.health.ok:
            raise DeviceError(self.health.reason_cn or "评价器未连接", field="rating_pad")
        return f"评价器已连接（{self.config.port}{'，' + self.model if self.model else ''}）"

    def _lose_all(self, state: str, reason: str) -> None:
        with self._plock:
            for rid in list(self._pending):
                self._finish(rid, "lost", message=LOST_CN)
        self._set_health(state, reason)  # type: ignore[arg-type]

    def _run(self) -> None:
        delay = 0.2
        while not self._stop.is_set():
            try:
                self._port = self._open_port(self.config.port, baudrate=self.config.baudrate, timeout=0.25)
            except (serial.SerialException, OSError, ValueError):
                self._lose_all("missing", f"未找到评价器端口 {self.config.port}：请检查连线")
            else:
                delay = 0.2
                self._last_heard = self._clock()
                self._set_health("connected")
                self._read_loop()
                self._drop_port()
                if not self._stop.is_set():
                    self._lose_all("missing", "评价器已断开，正在重新连接…")
            self._stop.wait(delay)
            delay = min(delay * 2, 5.0)

    def _read_loop(self) -> None:
        buf = b""
        port = self._port
        while not self._stop.is_set():
            now = self._clock()
            with self._plock:
                busy = bool(self._pending)
                for rid, p in list(self._pending.items()):
                    if now - p.started_at > self.config.rating_timeout_s:
                        self._finish(rid, "timeout", message="申请人未评价，已结束本次评价")
            try:
                if busy and now - self._last_ping >= self.config.ping_interval_s:
                    self._ping_n += 1
                    self._last_ping = now
                    self._write("PING", self._ping_n)
                data = port.read(port.in_waiting or 1)
            except (serial.SerialException, OSError, TypeError, AttributeError):
                return
            now = self._clock()
            if data:
                self._last_heard = now
                buf += data
                *lines, buf = buf.split(b"\n")
                for line in lines:
                    self._handle(decode_line(line))
            elif busy and now - self._last_heard > self.config.lost_after_s:
                # Silent pad mid-rating (cable pulled on an RS-232 line gives no error): it is lost.
                self._lose_all("error", "评价器无响应：请检查评价器电源与连线")
            if len(buf) > 4096:
                buf = b""

    def _handle(self, f: list[str] | None) -> None:
        if not f:
            return
        if self.health.state != "connected":
            self._set_health("connected")
        cmd = f[0]
        with self._plock:
            if cmd == "HELLO" and len(f) >= 2:
                self.model = f[1]
            elif cmd == "ACK" and len(f) >= 2 and f[1] in self._pending:
                self._pending[f[1]].acked = True
            elif cmd == "RATE" and len(f) >= 3:
                try:
                    level = int(f[2])
                except ValueError:
                    return
                if level not in LEVEL_CN:
                    return  # a malformed level is never turned into some rating
                reasons = tuple(r for r in (f[3].split("|") if len(f) > 3 else []) if r)
                self._finish(f[1], "rated", level, reasons, LEVEL_CN[level])
            elif cmd == "DECLINE" and len(f) >= 2:
                self._finish(f[1], "declined", message="申请人未评价")


class SimulatedRatingPad(_OutcomeMixin, HealthReporter):
    """Simulator: the demo's 评价 buttons or a test call ``press(level)``, ``decline()`` or ``unplug()``."""

    def __init__(self, *, name: str = "评价器（模拟）"):
        self._init_health("rating_pad", name, "connected")
        self._pending: dict[str, _Pending] = {}
        self.requests: list[tuple[str, str, Any]] = []

    def request_rating(self, case_number: str, window: int | str, on_outcome: OutcomeCallback) -> str:
        if not self.health.ok:
            raise DeviceError(self.health.reason_cn, field="rating_pad")
        rid = new_id()
        self._pending[rid] = _Pending(case_number, on_outcome, time.monotonic())
        self.requests.append((rid, case_number, window))
        return rid

    @property
    def open_request(self) -> str | None:
        return next(iter(self._pending), None)

    def press(self, level: int, reasons: tuple[str, ...] = ()) -> None:
        rid = self.open_request
        if rid is not None and level in LEVEL_CN and self.health.ok:
            self._finish(rid, "rated", level, reasons, LEVEL_CN[level])

    def decline(self) -> None:
        rid = self.open_request
        if rid is not None:
            self._finish(rid, "declined", message="申请人未评价")

    def cancel(self, request_id: str) -> None:
        self._finish(request_id, "cancelled", message="已取消评价")

    def unplug(self) -> None:
        for rid in list(self._pending):
            self._finish(rid, "lost", message=LOST_CN)
        self._set_health("missing", "评价器已断开，正在重新连接…")

    def plug(self) -> None:
        self._set_health("connected")

    def self_test(self) -> str:
        if not self.health.ok:
            raise DeviceError(self.health.reason_cn, field="rating_pad")
        return "模拟评价器正常"

    def close(self) -> None:
        pass
