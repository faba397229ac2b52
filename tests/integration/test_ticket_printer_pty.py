"""The ESC/POS adapter over a real serial port: a pty whose other end plays the printer answering DLE EOT."""
from __future__ import annotations

import os
import select
import sys
import threading

import pytest

from desk_app.devices.ticket_printer import EscPosTicketPrinter, SerialTransport, print_ticket
from desk_app.printing.samples import sample
from desk_app.printing.ticket import render_ticket_escpos

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pty needs POSIX")

READY = 0x12
ANSWERS = {  # state -> answers to DLE EOT 1, 2, 4
    "ok": {1: READY, 2: READY, 4: READY},
    "paper_out": {1: READY | 0x08, 2: READY | 0x20, 4: READY | 0x60},
    "cover_open": {1: READY | 0x08, 2: READY | 0x04, 4: READY},
}


class PtyPrinter:
    """The printer end of a pty: answers status requests for its ``state`` and keeps everything else it receives."""

    def __init__(self):
        self.master, self.slave = os.openpty()
        self.port = os.ttyname(self.slave)
        self.state = "ok"
        self.silent = False
        self.received = bytearray()
        self.paper_out_after = None  # run out of paper once this many job bytes arrived
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        pending = bytearray()
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                pending += os.read(self.master, 4096)
            except OSError:
                return
            while pending:
                if pending[:2] == b"\x10\x04":
                    if len(pending) < 3:
                        break
                    n = pending[2]
                    del pending[:3]
                    if not self.silent:
                        os.write(self.master, bytes([ANSWERS[self.state][n]]))
                else:
                    nxt = pending.find(b"\x10\x04")
                    take = len(pending) if nxt < 0 else nxt
                    self.received += pending[:take]
                    del pending[:take]
                    if self.paper_out_after is not None and len(self.received) >= self.paper_out_after:
                        self.state = "paper_out"

    def close(self):
        self._stop.set()
        self._thread.join(timeout=5)
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def pty_printer():
    p = PtyPrinter()
    yield p
    p.close()


def _printer(port: str) -> EscPosTicketPrinter:
    return EscPosTicketPrinter(SerialTransport(port, 9600), answer_timeout=1.0)


def test_ticket_prints_when_ready(pty_printer):
    data = render_ticket_escpos(sample("ticket"))
    out = print_ticket(_printer(pty_printer.port), data)
    assert out.ok and out.status == "ok", out.message_cn
    assert bytes(pty_printer.received) == data


def test_paper_out_before_printing_sends_no_ticket(pty_printer):
    pty_printer.state = "paper_out"
    printer = _printer(pty_printer.port)
    out = print_ticket(printer, render_ticket_escpos(sample("ticket")))
    assert not out.ok and out.status == "paper_out" and not out.sent
    assert "缺纸" in out.message_cn
    assert pty_printer.received == b""
    assert printer.health.state == "error"


def test_paper_out_during_the_ticket_is_not_counted(pty_printer):
    data = render_ticket_escpos(sample("ticket"))
    pty_printer.paper_out_after = len(data)
    out = print_ticket(_printer(pty_printer.port), data)
    assert not out.ok and out.sent and out.status == "paper_out"


def test_cover_open(pty_printer):
    pty_printer.state = "cover_open"
    out = print_ticket(_printer(pty_printer.port), b"\x1b@x\n")
    assert not out.ok and out.status == "cover_open" and "盖板" in out.message_cn


def test_no_answer_is_unknown(pty_printer):
    pty_printer.silent = True
    printer = EscPosTicketPrinter(SerialTransport(pty_printer.port), answer_timeout=0.2)
    out = print_ticket(printer, b"\x1b@x\n")
    assert not out.ok and out.status == "unknown"
    assert printer.health.state == "unknown"


def test_missing_port_is_a_clear_message(tmp_path):
    out = print_ticket(_printer(str(tmp_path / "no-such-tty")), b"x")
    assert not out.ok and "串口" in out.message_cn


class TcpPrinter:
    """A network printer on 127.0.0.1 (raw port, as 9100): answers DLE EOT, keeps the job bytes."""

    def __init__(self, state: str = "ok"):
        import socket
        self.state = state
        self.received = bytearray()
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        import socket
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except (socket.timeout, OSError):
                continue
            conn.settimeout(0.1)
            pending = bytearray()
            with conn:
                while not self._stop.is_set():
                    try:
                        chunk = conn.recv(4096)
                    except socket.timeout:
                        continue
                    if not chunk:
                        break
                    pending += chunk
                    while pending:
                        if pending[:2] == b"\x10\x04":
                            if len(pending) < 3:
                                break
                            conn.sendall(bytes([ANSWERS[self.state][pending[2]]]))
                            del pending[:3]
                        else:
                            nxt = pending.find(b"\x10\x04")
                            take = len(pending) if nxt < 0 else nxt
                            self.received += pending[:take]
                            del pending[:take]

    def close(self):
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.close()


@pytest.mark.parametrize("state", ["ok", "paper_out"])
def test_network_printer_on_raw_port(state):
    from desk_app.devices.ticket_printer import NetworkTransport
    printer_end = TcpPrinter(state)
    try:
        data = render_ticket_escpos(sample("ticket"))
        out = print_ticket(EscPosTicketPrinter(NetworkTransport("127.0.0.1", printer_end.port), answer_timeout=2.0),
                           data)
        if state == "ok":
            assert out.ok, out.message_cn
            assert bytes(printer_end.received) == data
        else:
            assert not out.ok and out.status == "paper_out" and printer_end.received == b""
    finally:
        printer_end.close()
