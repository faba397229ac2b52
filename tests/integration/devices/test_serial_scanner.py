"""The serial scanner adapter over pseudo-terminals: scans, faults, reconnects, port renaming."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from desk_app.devices.scanner import ScannerConfig, SerialScanner, find_port

from .conftest import wait_for


@pytest.fixture
def scanner_for():
    made = []

    def make(config, **kw):
        scans = []
        sc = SerialScanner(config, scans.append, **kw)
        sc.scans = scans
        made.append(sc)
        sc.start()
        return sc
    yield make
    for sc in made:
        sc.close()


def test_scan_delivered_through_pty(make_pty, scanner_for):
    p = make_pty()
    sc = scanner_for(ScannerConfig(port=p.name))
    wait_for(lambda: sc.health.state == "connected", what="connected")
    p.write(b"YY20261123\r\n")
    p.write("张三".encode("gb18030") + b"\r")
    wait_for(lambda: len(sc.scans) == 2, what="two scans")
    assert [s.code for s in sc.scans] == ["YY20261123", "张三"]
    assert "已连接" in sc.self_test()


def test_double_scan_ignored(make_pty, scanner_for):
    p = make_pty()
    sc = scanner_for(ScannerConfig(port=p.name))
    wait_for(lambda: sc.health.ok)
    p.write(b"ABC-1\rABC-1\rXYZ\r")
    wait_for(lambda: [s.code for s in sc.scans] == ["ABC-1", "XYZ"], what="deduplicated scans")


def test_partial_frame_without_terminator_dropped(make_pty, scanner_for):
    p = make_pty()
    sc = scanner_for(ScannerConfig(port=p.name, inter_byte_timeout_s=0.1))
    wait_for(lambda: sc.health.ok)
    p.write(b"1101051949")
    wait_for(lambda: any(k == "stale" for k, _ in sc.dropped), what="stale drop")
    p.write(b"YY20261123\r")
    wait_for(lambda: [s.code for s in sc.scans] == ["YY20261123"], what="next scan intact")


def test_garbage_at_wrong_baud_rate_sets_error_then_recovers(make_pty, scanner_for):
    p = make_pty()
    sc = scanner_for(ScannerConfig(port=p.name))
    wait_for(lambda: sc.health.ok)
    p.write(b"\xf8\x80\x00\xfe\x80\xe0\x1e\xf8\x06\xfc\r")
    wait_for(lambda: sc.health.state == "error", what="error health")
    assert "波特率" in sc.health.reason_cn
    assert sc.scans == []
    p.write(b"YY20261123\r")
    wait_for(lambda: sc.health.ok and len(sc.scans) == 1, what="recovered")


def test_unplugged_mid_scan_drops_partial_and_reports_missing(make_pty, scanner_for):
    p = make_pty()
    sc = scanner_for(ScannerConfig(port=p.name, backoff_initial_s=0.05, backoff_max_s=0.1))
    wait_for(lambda: sc.health.ok)
    p.write(b"110105194912")  # half a code, then the cable is pulled
    wait_for(lambda: len(sc.framer.pending) > 0, what="partial read")
    p.unplug()
    wait_for(lambda: sc.health.state == "missing", what="missing")
    assert sc.scans == []
    assert "断开" in sc.health.reason_cn or "端口" in sc.health.reason_cn


def test_reconnect_finds_port_by_usb_ids_after_rename(make_pty, scanner_for):
    first, second = make_pty(), make_pty()
    ports = [SimpleNamespace(device=first.name, vid=0x1EAB, pid=0x0D10, serial_number="S1")]
    cfg = ScannerConfig(port="/dev/ttyACM0", vid=0x1EAB, pid=0x0D10, serial_number="S1",
                        backoff_initial_s=0.05, backoff_max_s=0.1)
    sc = scanner_for(cfg, comports=lambda: list(ports))
    wait_for(lambda: sc.health.ok)
    first.write(b"A1\r")
    wait_for(lambda: len(sc.scans) == 1)
    ports.clear()
    first.unplug()
    wait_for(lambda: sc.health.state == "missing" and "USB 1EAB:0D10" in sc.health.reason_cn, what="missing")
    # Plugged back in, the OS gives it another name.
    ports.append(SimpleNamespace(device=second.name, vid=0x1EAB, pid=0x0D10, serial_number="S1"))
    wait_for(lambda: sc.health.ok and sc.connects == 2, what="reconnected")
    second.write(b"B2\r")
    wait_for(lambda: [s.code for s in sc.scans] == ["A1", "B2"])


def test_find_port_ignores_other_serial_numbers():
    ports = [SimpleNamespace(device="/dev/x", vid=1, pid=2, serial_number="OTHER")]
    assert find_port(ScannerConfig(vid=1, pid=2, serial_number="S1"), lambda: ports) is None
    assert find_port(ScannerConfig(vid=1, pid=2), lambda: ports) == "/dev/x"


def test_loop_url_works(scanner_for):
    sc = scanner_for(ScannerConfig(port="loop://"))
    wait_for(lambda: sc.health.ok)
    sc._port.write(b"YY20261123\r")
    wait_for(lambda: len(sc.scans) == 1)
