"""The ticket printer device: DLE EOT status decoding, the simulator, and the outcome the queue acts on."""
from __future__ import annotations

import pytest

from desk_app.devices.ticket_printer import (
    EscPosTicketPrinter, SimulatedTicketPrinter, parse_status, print_ticket,
)
from desk_app.printing.samples import sample
from desk_app.printing.ticket import render_ticket_escpos

READY = 0x12


@pytest.mark.parametrize("answers,code", [
    ((READY, READY, READY), "ok"),
    ((READY | 0x08, READY, READY), "offline"),
    ((READY | 0x08, READY | 0x04, READY), "cover_open"),
    ((READY | 0x08, READY | 0x20, READY | 0x60), "paper_out"),
    ((READY, READY, READY | 0x60), "paper_out"),
    ((READY | 0x08, READY | 0x40, READY), "error"),
    ((None, READY, READY), "unknown"),
    ((READY, None, READY), "unknown"),
    ((0xFF, READY, READY), "unknown"),  # garbage is not an answer
])
def test_parse_status(answers, code):
    st = parse_status(*answers)
    assert st.code == code
    assert st.ok is (code == "ok")
    assert st.message_cn


def test_near_end_is_still_ok_but_warned():
    st = parse_status(READY, READY, READY | 0x0C)
    assert st.ok and st.paper_near_end and "将尽" in st.message_cn


def test_simulator_paper_out_before_print_sends_nothing():
    p = SimulatedTicketPrinter(state="paper_out")
    out = print_ticket(p, render_ticket_escpos(sample("ticket")))
    assert not out.ok and out.status == "paper_out" and "缺纸" in out.message_cn
    assert p.jobs == [] and not out.sent
    assert p.health.state == "error"


def test_simulator_paper_runs_out_during_the_ticket():
    p = SimulatedTicketPrinter(fail_after_print="paper_out")
    out = print_ticket(p, b"\x1b@hello\n")
    assert not out.ok and out.sent and out.status == "paper_out"
    assert "可能没有完整打出" in out.message_cn


def test_simulator_no_answer_is_unknown_not_ok():
    p = SimulatedTicketPrinter(state="no_answer")
    out = print_ticket(p, b"x")
    assert not out.ok and out.status == "unknown"
    assert p.health.state == "unknown"


def test_simulator_ok_records_the_job():
    p = SimulatedTicketPrinter()
    data = render_ticket_escpos(sample("ticket"))
    out = print_ticket(p, data)
    assert out.ok and p.jobs == [data] and p.health.ok


class _FakeTransport:
    """A transport whose printer never answers (unplugged data line)."""

    def __init__(self):
        self.written = bytearray()

    def open(self):
        pass

    def write(self, data):
        self.written += data

    def read_byte(self, timeout):
        return None

    def discard_input(self):
        pass

    def close(self):
        pass


def test_adapter_without_answers_does_not_print():
    t = _FakeTransport()
    out = EscPosTicketPrinter(t, answer_timeout=0).print_bytes(b"TICKET")
    assert not out.ok and out.status == "unknown"
    assert b"TICKET" not in t.written and t.written.startswith(b"\x10\x04\x01")
