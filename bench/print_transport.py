"""Print transport figures as JSON lines: what an acceptance notice weighs as the PDF handed to the spooler against
the page images a QPrinter/QtPdf path would send, and the time from ``lp`` to "completed" on the CUPS virtual printers.

Run: .venv/bin/python bench/print_transport.py [--jobs 5]   (the CUPS part needs tests/cups/setup_virtual_printer.sh)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def raster_figures(pdf: bytes) -> list[dict]:
    """QtPdf renders a page to an image: the pixels a QPrinter-based print would paint, per resolution."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    data = QByteArray(pdf)
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buf)
    out = []
    for dpi in (300, 600):
        pt = doc.pagePointSize(0)
        t0 = time.perf_counter()
        image = doc.render(0, QSize(round(pt.width() / 72 * dpi), round(pt.height() / 72 * dpi)))
        ms = (time.perf_counter() - t0) * 1000
        png = QByteArray()
        b = QBuffer(png)
        b.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(b, "PNG")
        out.append({"bench": "raster_page", "dpi": dpi, "pixels_m": round(image.width() * image.height() / 1e6, 1),
                    "rgba_mb": round(image.sizeInBytes() / 1e6, 1), "png_kb": round(png.size() / 1024),
                    "render_ms": round(ms)})
    doc.close()
    del app
    return out


def cups_figures(pdf: bytes, queue: str, jobs: int) -> dict:
    from desk_app.devices.doc_printer_cups import CupsPrinter
    p = CupsPrinter()
    submit, done = [], []
    states = []
    for _ in range(jobs):
        t0 = time.perf_counter()
        job = p.submit(pdf, printer=queue, title="bench 受理通知书")
        t1 = time.perf_counter()
        while True:  # the bench polls to time it; the program asks once
            st = p.status(job)
            if st.state != "unknown" or time.perf_counter() - t1 > 60:
                break
            time.sleep(0.05)
        states.append(st.state)
        submit.append((t1 - t0) * 1000)
        done.append((time.perf_counter() - t0) * 1000)
    return {"bench": "cups_job", "queue": queue, "jobs": jobs, "states": sorted(set(states)),
            "submit_ms_median": round(statistics.median(submit)),
            "to_completed_ms_median": round(statistics.median(done)), "to_completed_ms_max": round(max(done))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=5)
    args = ap.parse_args()
    from desk_app.printing import render_pdf
    from desk_app.printing.samples import sample
    pdf = render_pdf("acceptance-notice", sample("acceptance-notice"))
    print(json.dumps({"bench": "vector_pdf", "kind": "acceptance-notice", "pages": 1, "kb": round(len(pdf) / 1024)}))
    for row in raster_figures(pdf):
        print(json.dumps(row))
    import shutil
    if shutil.which("lp"):
        for queue in ("desk-test-pdfdirect", "desk-test-cupspdf"):
            try:
                print(json.dumps(cups_figures(pdf, queue, args.jobs), ensure_ascii=False))
            except Exception as exc:  # a queue missing: say so, go on
                print(json.dumps({"bench": "cups_job", "queue": queue, "error": str(exc)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
