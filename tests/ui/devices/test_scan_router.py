"""Scans from the serial scanner's thread reach the UI-thread handler registered for their kind."""
from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from desk_app.devices.scanner import SimulatedScanner
from desk_app.ui.devices.scan_router import ScanRouter


def test_routes_by_kind_to_newest_visible_owner(qtbot):
    router = ScanRouter()
    scanner = SimulatedScanner()
    router.attach_scanner(scanner)
    older, newer = QWidget(), QWidget()
    qtbot.addWidget(older)
    qtbot.addWidget(newer)
    older.show()
    got_old, got_new, unhandled = [], [], []
    router.register({"resident_id", "case"}, got_old.append, older)
    router.register({"resident_id"}, got_new.append, newer)  # hidden: not used
    router.unhandled.connect(unhandled.append)
    main = threading.get_ident()
    seen_thread = []
    router.scanned.connect(lambda p: seen_thread.append(threading.get_ident()))
    t = threading.Thread(target=scanner.scan, args=("11010519491231002X",))
    t.start()
    t.join()
    qtbot.waitUntil(lambda: len(got_old) == 1)
    assert got_old[0].kind == "resident_id" and seen_thread == [main]
    newer.show()
    scanner.scan("ZWFW01-20261123-2-0042")
    scanner.scan("11010519491231002X")  # within 2 s of the same code: ignored as a double scan
    scanner.scan("YY20261123")
    qtbot.waitUntil(lambda: len(unhandled) == 1)
    assert [p.kind for p in got_old] == ["resident_id", "case"] and got_new == []
    assert router.latencies_s and max(router.latencies_s) < 1.0


def test_install_scan_routing_wires_serial_and_wedge(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit

    from desk_app.devices.health import DeviceRegistry
    from desk_app.ui.devices.scan_router import install_scan_routing

    app = QApplication.instance()
    reg = DeviceRegistry()
    scanner = reg.register(SimulatedScanner())
    router = install_scan_routing(app, reg)
    try:
        t = [0.0]
        router.wedge._clock = lambda: t[0]
        got = []
        router.register({"appointment", "resident_id"}, got.append)
        scanner.scan("YY20261123")
        qtbot.waitUntil(lambda: len(got) == 1)
        edit = QLineEdit()
        qtbot.addWidget(edit)
        edit.show()
        for ch in "11010519491231002X":
            t[0] += 0.003
            qtbot.keyClick(edit, ch)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert [p.kind for p in got] == ["appointment", "resident_id"] and edit.text() == ""
    finally:
        app.removeEventFilter(router.wedge)
