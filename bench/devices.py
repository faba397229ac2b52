"""Device figures: scan-to-handler latency over a pty, 5 camera pages to a PDF, idle CPU with simulators.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/devices.py [--idle-seconds 10]
Goals (issue 7): scan-to-handler <= 50 ms; 5-page capture to finished PDF <= 2 s; idle CPU < 2 % of one core.
``idle_cpu_percent(seconds)`` is reusable: call it with the whole app built and its event loop not yet running.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
import tty  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402


sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def _pty() -> tuple[int, str]:
    master, slave = os.openpty()
    tty.setraw(master)
    return master, os.ttyname(slave)


def _spin_until(pred, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return True


def bench_scan_latency(n: int = 50) -> dict[str, float]:
    """Bytes written to the pty's device end -> handler called on the UI thread (through ScanRouter).

    The UI thread idles in the real event loop (app.exec), as in the program; a feeder thread writes one
    code every 30 ms.
    """
    import threading

    from desk_app.devices.scanner import ScannerConfig, SerialScanner
    from desk_app.ui.devices.scan_router import ScanRouter

    master, name = _pty()
    router = ScanRouter()
    got: dict[str, float] = {}
    sent: dict[str, float] = {}
    app = QCoreApplication.instance()

    def handler(p) -> None:
        got[p.value] = time.monotonic()
        if len(got) == n:
            app.quit()
    router.register({"appointment"}, handler)
    scanner = SerialScanner(ScannerConfig(port=name))
    router.attach_scanner(scanner)
    scanner.start()
    assert _spin_until(lambda: scanner.health.ok, 5), "scanner did not connect"

    def feed() -> None:
        for i in range(n):
            code = f"YY2026{i:04d}"
            sent[code] = time.monotonic()
            os.write(master, code.encode() + b"\r")
            time.sleep(0.03)  # pacing between scans, not a wait for a result
    QTimer.singleShot(10000, app.quit)  # safety net
    t = threading.Thread(target=feed, daemon=True)
    t.start()
    app.exec()
    t.join()
    scanner.close()
    os.close(master)
    assert len(got) == n, f"only {len(got)} of {n} scans arrived"
    lat = sorted((got[c] - sent[c]) * 1000 for c in sent)
    return {"p50_ms": statistics.median(lat), "p95_ms": lat[int(0.95 * (n - 1))], "max_ms": lat[-1]}


def bench_camera_pdf(pages: int = 5) -> dict[str, float]:
    """Five captures from the frame-input simulator, each cropped/deskewed on an I/O worker, then one PDF."""
    from desk_app.devices import docimage
    from desk_app.devices.camera_qt import SimulatedDocumentCamera

    cam = SimulatedDocumentCamera()
    cam.start()
    assert _spin_until(lambda: cam.preview_sink.videoFrame().isValid(), 5)
    pool = ThreadPoolExecutor(max_workers=4)  # as runner.io
    futures = []
    t0 = time.monotonic()
    for _ in range(pages):
        frames: list = []
        cam.capture(frames.append, lambda e: (_ for _ in ()).throw(e))
        assert _spin_until(lambda: bool(frames), 5)
        futures.append(pool.submit(docimage.process_capture, frames[0]))
    t_captured = time.monotonic()
    jpegs = [f.result().jpeg for f in futures]
    pdf = docimage.pages_to_pdf(jpegs)
    t1 = time.monotonic()
    pool.shutdown()
    cam.stop()
    return {"pages": pages, "total_s": t1 - t0, "capture_s": t_captured - t0, "pdf_bytes": len(pdf)}


def idle_cpu_percent(seconds: float = 10.0) -> float:
    """CPU used by this whole process (all threads) while the Qt event loop idles, in % of one core."""
    app = QCoreApplication.instance()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    c0, w0 = time.process_time(), time.monotonic()
    app.exec()
    return 100.0 * (time.process_time() - c0) / (time.monotonic() - w0)


def bench_idle(seconds: float) -> dict[str, float]:
    """All simulators registered (camera started, LED widget shown) plus real serial adapters idling on ptys."""
    from desk_app.devices.health import DeviceRegistry
    from desk_app.devices.rating_pad import RatingPadConfig, SerialRatingPad
    from desk_app.devices.scanner import ScannerConfig, SerialScanner
    from desk_app.devices.simulators import register_simulators
    from desk_app.ui.devices.health_strip import DeviceHealthStrip
    from desk_app.ui.devices.led_simulator import LedSimulatorWidget

    reg = DeviceRegistry()
    devs = register_simulators(reg, start_camera=True)
    strip = DeviceHealthStrip(reg)
    led = LedSimulatorWidget(devs.led_display)
    strip.show()
    led.show()
    sims_only = idle_cpu_percent(seconds)
    m1, n1 = _pty()
    m2, n2 = _pty()
    scanner = SerialScanner(ScannerConfig(port=n1))
    pad = SerialRatingPad(RatingPadConfig(port=n2))
    scanner.start()
    pad.start()
    _spin_until(lambda: scanner.health.ok and pad.health.ok, 5)
    with_serial = idle_cpu_percent(seconds)
    scanner.close()
    pad.close()
    reg.close_all()
    for fd in (m1, m2):
        os.close(fd)
    return {"simulators_pct": sims_only, "simulators_plus_serial_adapters_pct": with_serial}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--idle-seconds", type=float, default=10.0)
    args = ap.parse_args()
    QApplication.instance() or QApplication(sys.argv)
    scan = bench_scan_latency()
    print(f"scan-to-handler over a pty (50 scans): p50 {scan['p50_ms']:.2f} ms, p95 {scan['p95_ms']:.2f} ms, "
          f"max {scan['max_ms']:.2f} ms  (goal <= 50 ms)")
    cam = bench_camera_pdf()
    print(f"camera 5 pages to finished PDF: {cam['total_s']:.2f} s (captures {cam['capture_s']:.2f} s), "
          f"{cam['pdf_bytes'] / 1024:.0f} KiB  (goal <= 2 s)")
    idle = bench_idle(args.idle_seconds)
    print(f"idle CPU over {args.idle_seconds:.0f} s: simulators {idle['simulators_pct']:.2f} %, with serial scanner "
          f"and rating pad adapters on ptys {idle['simulators_plus_serial_adapters_pct']:.2f} % of one core "
          "(goal < 2 %)")


if __name__ == "__main__":
    main()
