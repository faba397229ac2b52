"""The thermal ticket printer: a Protocol, an ESC/POS adapter over serial, network (9100) or the Windows spooler,
a simulator, and the status check (DLE EOT) around every ticket.

A ticket counts as issued only when ``print_ticket`` returns ``ok=True``: the printer answered "ready" before
and after the job. "No answer" is ``unknown``, never OK: the guide is asked to check the ticket came out.
"""
from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Literal, Protocol, runtime_checkable

from desk_app.devices.health import HealthReporter
from desk_app.domain.errors import QT_TRANSLATE_NOOP, PrinterError

StatusCode = Literal["ok", "paper_out", "cover_open", "offline", "error", "unknown"]

DLE_EOT = b"\x10\x04"

MESSAGES: dict[str, str] = {
    "ok": "小票打印机就绪",
    "paper_out": "小票打印机缺纸，请更换热敏纸卷后重新打印。",
    "cover_open": "小票打印机盖板未关好，请合上盖板后重新打印。",
    "offline": "小票打印机处于离线状态，请检查电源和连接线后重新打印。",
    "error": "小票打印机故障（切刀或机芯错误），请关机重启打印机后重新打印。",
    "unknown": "小票打印机没有应答，无法确认小票是否打出。请检查打印机，确认已打出再交给群众，否则重新打印。",
}


@dataclass(frozen=True)
class PrinterStatus:
    code: StatusCode
    paper_near_end: bool = False
    raw: bytes = b""

    @property
    def ok(self) -> bool:
        return self.code == "ok"

    @property
    def message_cn(self) -> str:
        msg = MESSAGES[self.code]
        if self.ok and self.paper_near_end:
            return "小票打印机纸卷将尽，请准备更换。"
        return msg


@dataclass(frozen=True)
class PrintOutcome:
    """What the queue needs: ``ok`` → count the ticket as issued; otherwise tell the guide ``message_cn``."""

    ok: bool
    status: StatusCode
    message_cn: str
    before: PrinterStatus | None = None
    after: PrinterStatus | None = None
    sent: bool = False  # bytes reached the printer (the ticket may or may not have come out)


def _valid(b: int) -> bool:
    # Real-time status bytes have bits 1 and 4 set, bits 0 and 7 clear (ESC/POS spec for DLE EOT).
    return (b & 0x93) == 0x12


def parse_status(printer: int | None, offline_cause: int | None, paper: int | None) -> PrinterStatus:
    """Decode the answers to DLE EOT 1, 2 and 4; a missing or malformed answer means unknown."""
    answers = (printer, offline_cause, paper)
    raw = bytes(a for a in answers if a is not None)
    if any(a is None or not _valid(a) for a in answers):
        return PrinterStatus("unknown", raw=raw)
    assert printer is not None and offline_cause is not None and paper is not None
    near_end = bool(paper & 0x0C)
    if paper & 0x60 or offline_cause & 0x20:
        return PrinterStatus("paper_out", near_end, raw)
    if offline_cause & 0x04:
        return PrinterStatus("cover_open", near_end, raw)
    if offline_cause & 0x40:
        return PrinterStatus("error", near_end, raw)
    if printer & 0x08:
        return PrinterStatus("offline", near_end, raw)
    return PrinterStatus("ok", near_end, raw)


# ----------------------------------------------------------------------------- transports


class Transport(Protocol):
    def open(self) -> None: ...
    def write(self, data: bytes) -> None: ...
    def read_byte(self, timeout: float) -> int | None: ...
    def discard_input(self) -> None: ...
    def close(self) -> None: ...


class SerialTransport:
    """RS-232/USB-serial printers (pyserial)."""

    def __init__(self, port: str, baudrate: int = 9600, *, write_timeout: float = 5.0):
        self.port, self.baudrate, self.write_timeout = port, baudrate, write_timeout
        self._ser = None

    def open(self) -> None:
        import serial
        try:
            self._ser = serial.Serial(self.port, self.baudrate, timeout=0.5, write_timeout=self.write_timeout)
        except (serial.SerialException, OSError) as exc:
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "打不开小票打印机串口 {port}：{error}。请检查连接线和设置中的串口号。"),
                               port=self.port, error=exc,
                               field="devices.ticket_printer.port") from exc

    def write(self, data: bytes) -> None:
        import serial
        try:
            self._ser.write(data)
            self._ser.flush()
        except (serial.SerialException, OSError) as exc:
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "向小票打印机发送数据失败：{error}。请检查连接线后重新打印。"),
                               error=exc) from exc

    def read_byte(self, timeout: float) -> int | None:
        self._ser.timeout = timeout
        b = self._ser.read(1)
        return b[0] if b else None

    def discard_input(self) -> None:
        self._ser.reset_input_buffer()

    def close(self) -> None:
        if self._ser is not None:
            self._ser.close()
            self._ser = None


class NetworkTransport:
    """Ethernet printers on raw TCP port 9100 (one connection per job)."""

    def __init__(self, host: str, port: int = 9100, *, timeout: float = 3.0):
        self.host, self.port, self.timeout = host, port, timeout
        self._sock: socket.socket | None = None

    def open(self) -> None:
        try:
            self._sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
        except OSError as exc:
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "连接不上网络小票打印机 {host}:{port}（{error}）。请检查打印机电源和网线。"),
                               host=self.host, port=self.port, error=exc,
                               field="devices.ticket_printer.host") from exc

    def write(self, data: bytes) -> None:
        try:
            self._sock.sendall(data)
        except OSError as exc:
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "向网络小票打印机发送数据失败（{error}），请检查网络后重新打印。"),
                               error=exc) from exc

    def read_byte(self, timeout: float) -> int | None:
        self._sock.settimeout(timeout)
        try:
            b = self._sock.recv(1)
        except (socket.timeout, OSError):
            return None
        return b[0] if b else None

    def discard_input(self) -> None:
        self._sock.setblocking(False)
        try:
            while self._sock.recv(256):
                pass
        except (BlockingIOError, OSError):
            pass
        finally:
            self._sock.setblocking(True)

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


class WindowsSpoolerTransport:
    """A printer installed in Windows, fed RAW through the spooler (pywin32). Untested here: no Windows.

    The spooler cannot pass DLE EOT answers back, so ``read_byte`` returns None and the status stays
    unknown: the guide confirms the ticket came out.
    """

    def __init__(self, printer_name: str):
        self.printer_name = printer_name
        self._win32print = None

    def open(self) -> None:
        try:
            import win32print  # type: ignore[import-not-found]
        except ImportError as exc:
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "本机不能通过系统打印队列打印小票（缺少 pywin32），请改用串口或网络连接。")) from exc
        self._win32print = win32print

    def write(self, data: bytes) -> None:
        wp = self._win32print
        try:
            h = wp.OpenPrinter(self.printer_name)
            try:
                wp.StartDocPrinter(h, 1, ("排队小票", None, "RAW"))
                wp.StartPagePrinter(h)
                wp.WritePrinter(h, data)
                wp.EndPagePrinter(h)
                wp.EndDocPrinter(h)
            finally:
                wp.ClosePrinter(h)
        except Exception as exc:  # pywin32 raises pywintypes.error
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "系统打印队列拒绝了小票（{error}），请检查打印机“{printer_name}”。"),
                               error=exc, printer_name=self.printer_name) from exc

    def read_byte(self, timeout: float) -> int | None:
        return None

    def discard_input(self) -> None:
        pass

    def close(self) -> None:
        pass


# ----------------------------------------------------------------------------- the device


@runtime_checkable
class TicketPrinter(Protocol):
    kind: str
    name: str

    def query_status(self) -> PrinterStatus: ...
    def print_bytes(self, data: bytes) -> PrintOutcome: ...
    def self_test(self) -> str: ...
    def close(self) -> None: ...


class _StatusSelfTest:
    """``self_test`` for a printer whose ``query_status`` says all: ready, or the reason it is not."""

    def query_status(self) -> PrinterStatus:
        raise NotImplementedError

    def self_test(self) -> str:
        st = self.query_status()
        if not st.ok:
            raise PrinterError(st.message_cn)
        return st.message_cn


class EscPosTicketPrinter(_StatusSelfTest, HealthReporter):
    """The real adapter: status, job, status, over one transport; one job at a time."""

    def __init__(self, transport: Transport, name: str = "小票打印机", *, answer_timeout: float = 0.5):
        self._init_health("ticket_printer", name)
        self.transport = transport
        self.answer_timeout = answer_timeout
        self._lock = threading.Lock()

    def _status(self) -> PrinterStatus:
        self.transport.discard_input()
        answers: list[int | None] = []
        for n in (1, 2, 4):
            self.transport.write(DLE_EOT + bytes([n]))
            answers.append(self.transport.read_byte(self.answer_timeout))
        return parse_status(*answers)

    def query_status(self) -> PrinterStatus:
        with self._lock:
            try:
                self.transport.open()
            except PrinterError as exc:
                self._set_health("missing", exc.message)
                return PrinterStatus("unknown")
            try:
                st = self._status()
            except PrinterError:
                st = PrinterStatus("unknown")
            finally:
                self.transport.close()
        self._report(st)
        return st

    def print_bytes(self, data: bytes) -> PrintOutcome:
        with self._lock:
            try:
                self.transport.open()
            except PrinterError as exc:
                self._set_health("missing", exc.message)
                return PrintOutcome(False, "offline", exc.message)
            try:
                outcome = _job(self._status, self.transport.write, data)
            finally:
                self.transport.close()
        self._report(outcome.after or outcome.before)
        return outcome

    def _report(self, st: PrinterStatus | None) -> None:
        if st is None:
            return
        if st.ok:
            self._set_health("connected")
        else:
            self._set_health("unknown" if st.code == "unknown" else "error", st.message_cn)

    def close(self) -> None:
        self.transport.close()


def _job(status: Callable[[], PrinterStatus], write: Callable[[bytes], None], data: bytes) -> PrintOutcome:
    before = status()
    if not before.ok:
        return PrintOutcome(False, before.code, before.message_cn, before=before)
    try:
        write(data)
    except PrinterError as exc:
        return PrintOutcome(False, "error", exc.message, before=before)
    after = status()
    if not after.ok:
        # The job went out but the printer is not ready now (ran out of paper mid-ticket, cover opened,
        # or no answer): the ticket may be incomplete, so it is not counted as issued.
        msg = after.message_cn if after.code == "unknown" else "小票可能没有完整打出：" + after.message_cn
        return PrintOutcome(False, after.code, msg, before=before, after=after, sent=True)
    return PrintOutcome(True, "ok", "小票已打印", before=before, after=after, sent=True)


def print_ticket(printer: TicketPrinter, data: bytes) -> PrintOutcome:
    """Print one ticket's ESC/POS bytes (from desk_app.printing.ticket.render_ticket_escpos).

    Blocking (serial/network I/O): call it through ``runner.io``. Never raises for printer trouble; the
    outcome says whether to count the ticket as issued and what to tell the guide.
    """
    try:
        return printer.print_bytes(data)
    except PrinterError as exc:
        return PrintOutcome(False, "error", exc.message)


@dataclass
class SimulatedTicketPrinter(_StatusSelfTest, HealthReporter):
    """A printer in memory for tests and `desk-app demo`: records every job; its state can be set.

    ``state``: ok, paper_out, cover_open, offline, error, or "no_answer" (status unknown).
    ``fail_after_print``: the state it switches to during the next job (e.g. paper runs out mid-ticket).
    """

    name: str = "模拟小票打印机"
    state: str = "ok"
    fail_after_print: str | None = None
    delay_s: float = 0.0
    jobs: list[bytes] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._init_health("ticket_printer", self.name, "connected")

    def query_status(self) -> PrinterStatus:
        if self.state == "no_answer":
            st = PrinterStatus("unknown")
        else:
            st = PrinterStatus(self.state)  # type: ignore[arg-type]
        if st.ok:
            self._set_health("connected")
        else:
            self._set_health("unknown" if st.code == "unknown" else "error", st.message_cn)
        return st

    def print_bytes(self, data: bytes) -> PrintOutcome:
        def write(b: bytes) -> None:
            if self.delay_s:
                time.sleep(self.delay_s)  # simulated print time, so the UI's busy state can be seen
            self.jobs.append(b)
            if self.fail_after_print:
                self.state, self.fail_after_print = self.fail_after_print, None
        return _job(self.query_status, write, data)

    def close(self) -> None:
        pass


def from_settings(cfg: dict) -> TicketPrinter:
    """Build the printer from the "devices" setting's ``ticket_printer`` entry.

    ``{"transport": "serial", "port": "COM3", "baudrate": 9600}``, ``{"transport": "network", "host": "…",
    "port": 9100}``, ``{"transport": "spooler", "printer": "XP-80C"}`` or ``{"transport": "simulator"}``.
    """
    kind = cfg.get("transport", "simulator")
    if kind == "serial":
        return EscPosTicketPrinter(SerialTransport(cfg["port"], int(cfg.get("baudrate", 9600))))
    if kind == "network":
        return EscPosTicketPrinter(NetworkTransport(cfg["host"], int(cfg.get("port", 9100))))
    if kind == "spooler":
        return EscPosTicketPrinter(WindowsSpoolerTransport(cfg["printer"]), answer_timeout=0)
    return SimulatedTicketPrinter()
