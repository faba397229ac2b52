"""The simulated document scanner: feeder pages, jam and empty feeder keep scanned pages and explain."""
from __future__ import annotations

import pytest

from desk_app.devices.doc_scanner import ScanSettings, SimulatedDocScanner, sane_problem
from desk_app.domain.errors import DeviceError

LOW = ScanSettings(dpi=30)


def test_feeder_scans_all_pages():
    s = SimulatedDocScanner()
    s.feeder.pages = 4
    seen = []
    r = s.scan(LOW, on_page=seen.append)
    assert r.complete and len(r.pages) == 4 and seen == [1, 2, 3, 4]
    assert r.pages[0].jpeg[:2] == b"\xff\xd8" and r.pages[0].dpi == 30


def test_jam_keeps_pages_already_scanned():
    s = SimulatedDocScanner()
    s.feeder.pages, s.feeder.jam_after = 5, 2
    r = s.scan(LOW)
    assert r.problem == "jam" and len(r.pages) == 2
    assert "卡纸" in r.message_cn and "2 页" in r.message_cn


def test_empty_feeder_says_so():
    s = SimulatedDocScanner()
    s.feeder.pages = 0
    r = s.scan(LOW)
    assert r.problem == "empty" and r.pages == () and "没有纸张" in r.message_cn


def test_missing_scanner_raises_device_error():
    s = SimulatedDocScanner()
    s.unplug()
    with pytest.raises(DeviceError, match="未检测到扫描仪"):
        s.scan(LOW)
    assert s.health.state == "missing"


@pytest.mark.parametrize("text,problem", [
    ("Document feeder jammed", "jam"), ("Document feeder out of documents", "empty"),
    ("Scanner cover is open", "cover_open"), ("Device busy", "busy"), ("Error during device I/O", "lost"),
])
def test_sane_status_mapping(text, problem):
    assert sane_problem(text) == problem
