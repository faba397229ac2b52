"""The SANE adapter against SANE's own `test` backend (libsane + python-sane; skipped where SANE is absent)."""
from __future__ import annotations

import pytest

sane = pytest.importorskip("sane")

from desk_app.devices.doc_scanner import SaneScanner, ScanSettings  # noqa: E402
from desk_app.devices.sigpipe import keep_sigpipe_ignored  # noqa: E402

LOW = ScanSettings(dpi=50)


class Probe(SaneScanner):
    """Keeps the open SANE handle so a test can switch the backend's simulated faults mid-scan."""

    def _open(self):
        self.dev = super()._open()
        return self.dev


def _scanner() -> Probe:
    s = Probe("test")
    try:
        s.raw_device().close()
    except Exception as exc:  # pragma: no cover - depends on the machine
        pytest.skip(f"SANE test backend not available: {exc}")
    return s


def test_feeder_reads_until_out_of_documents():
    s = _scanner()
    r = s.scan(LOW)
    # The test backend's feeder holds 10 pages; running out after them is a normal end.
    assert r.complete and len(r.pages) == 10
    assert s.health.state == "connected"
    # SANE's reader threads leave SIGPIPE at its default: a write to a reset connection would then end the
    # program without a trace (this test's worker died so, later, in a partition test).
    assert keep_sigpipe_ignored(), "the scan left SIGPIPE at its default"


def test_jam_after_two_pages_keeps_them():
    s = _scanner()

    def jam_after_two(n: int) -> None:
        if n == 2:
            s.dev.read_return_value = "SANE_STATUS_JAMMED"
    r = s.scan(LOW, on_page=jam_after_two)
    assert r.problem == "jam" and len(r.pages) == 2 and "卡纸" in r.message_cn


def test_empty_feeder():
    s = _scanner()

    class Empty(Probe):
        def _open(self):
            dev = super()._open()
            dev.read_return_value = "SANE_STATUS_NO_DOCS"
            return dev
    e = Empty("test")
    r = e.scan(LOW)
    assert r.problem == "empty" and r.pages == () and "没有纸张" in r.message_cn
    del s


def test_missing_device_is_device_error():
    from desk_app.domain.errors import DeviceError
    s = SaneScanner("nosuchbackend:device")
    with pytest.raises(DeviceError):
        s.scan(LOW)
    assert s.health.state == "missing"
