"""Framing, decoding, stale partials and double scans of barcode scanner bytes."""
from __future__ import annotations

import pytest

from desk_app.devices.scan_framing import DuplicateFilter, ScanFramer, decode_code


def texts(frames):
    return [f.text for f in frames if f.text]


@pytest.mark.parametrize("framing,data", [
    ("cr", b"ABC123\rXYZ\r"), ("lf", b"ABC123\nXYZ\n"), ("crlf", b"ABC123\r\nXYZ\r\n"),
    ("stx_etx", b"\x02ABC123\x03\x02XYZ\x03"), ("auto", b"ABC123\r\nXYZ\n"), ("auto", b"\x02ABC123\x03XYZ\r"),
])
def test_terminators(framing, data):
    f = ScanFramer(framing)
    assert texts(f.feed(data, 0.0)) == ["ABC123", "XYZ"]


def test_frame_split_across_reads():
    f = ScanFramer("auto")
    assert f.feed(b"YY2026", 0.0) == []
    assert texts(f.feed(b"1123\r", 0.01)) == ["YY20261123"]


def test_partial_frame_without_terminator_is_dropped_as_stale():
    f = ScanFramer("auto", inter_byte_timeout_s=0.3)
    assert f.feed(b"110105194912", 0.0) == []
    dropped = f.poll(0.5)
    assert dropped is not None and dropped.dropped == "stale"
    # The next code is not glued onto the stale half.
    assert texts(f.feed(b"YY20261123\r", 0.6)) == ["YY20261123"]


def test_stale_partial_dropped_when_next_bytes_come_late():
    f = ScanFramer("auto", inter_byte_timeout_s=0.3)
    f.feed(b"ABC", 0.0)
    out = f.feed(b"XYZ\r", 1.0)
    assert [x.dropped for x in out if x.dropped] == ["stale"]
    assert texts(out) == ["XYZ"]


def test_max_length_drops_whole_frame():
    f = ScanFramer("auto", max_length=8)
    out = f.feed(b"0123456789ABCDEF\rOK\r", 0.0)
    assert [x.dropped for x in out if x.dropped] == ["too_long"]
    assert texts(out) == ["OK"]


def test_stx_etx_ignores_noise_between_frames():
    f = ScanFramer("stx_etx")
    assert texts(f.feed(b"junk\x02A1\x03more", 0.0)) == ["A1"]


def test_decoding_utf8_then_gb18030():
    assert decode_code("张三".encode("utf-8")) == "张三"
    assert decode_code("张三".encode("gb18030")) == "张三"


def test_garbage_from_wrong_baud_rate_is_undecodable():
    f = ScanFramer("auto")
    out = f.feed(b"\xf8\x80\x00\xfe\x80\xe0\x1e\xf8\x06\xfc\r", 0.0)
    assert texts(out) == []
    assert [x.dropped for x in out] == ["undecodable"]


def test_double_scan_within_two_seconds_ignored():
    d = DuplicateFilter(2.0)
    assert d.accept("A", 0.0)
    assert not d.accept("A", 1.5)
    assert d.accept("B", 1.6)
    assert not d.accept("A", 3.0)  # held trigger keeps suppressing
    assert d.accept("A", 5.1)
