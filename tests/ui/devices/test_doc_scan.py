"""Document scanner widget: a jam keeps the scanned pages, the rest is re-fed, all pages end in one PDF."""
from __future__ import annotations

import io

import pypdf

from desk_app.devices.doc_scanner import SimulatedDocScanner
from desk_app.ui.devices.doc_scan import DocScanWidget


def test_jam_then_continue_then_save(qtbot, runner):
    sc = SimulatedDocScanner()
    sc.feeder.pages, sc.feeder.jam_after = 5, 2
    stored = []
    w = DocScanWidget(sc, runner, save=lambda pdf: stored.append(pdf) or "sha")
    qtbot.addWidget(w)
    with qtbot.wait_signal(w.scan_finished, timeout=10000) as sig:
        w.scan_button.click()
    assert sig.args[0].problem == "jam" and len(w.pages) == 2
    assert "卡纸" in w.status.text() and "2 页" in w.status.text()
    sc.feeder.jam_after = None  # the clerk cleared the jam and re-fed the remaining 3 pages
    with qtbot.wait_signal(w.scan_finished, timeout=10000) as sig:
        w.scan_button.click()
    assert sig.args[0].complete and len(w.pages) == 5
    with qtbot.wait_signal(w.saved, timeout=10000):
        w.finish.click()
    assert len(pypdf.PdfReader(io.BytesIO(stored[0])).pages) == 5


def test_empty_feeder_message(qtbot, runner):
    sc = SimulatedDocScanner()
    sc.feeder.pages = 0
    w = DocScanWidget(sc, runner)
    qtbot.addWidget(w)
    with qtbot.wait_signal(w.scan_finished, timeout=10000):
        w.scan_button.click()
    assert "没有纸张" in w.status.text() and not w.finish.isEnabled()


def test_missing_scanner(qtbot, runner):
    sc = SimulatedDocScanner()
    sc.unplug()
    w = DocScanWidget(sc, runner)
    qtbot.addWidget(w)
    with qtbot.wait_signal(w.failed, timeout=10000) as sig:
        w.scan_button.click()
    assert "未检测到扫描仪" in sig.args[0]
