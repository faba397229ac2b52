"""Code128 barcodes (python-barcode encodes, we draw the bars as vectors) and QR codes (qrcode) on a reportlab canvas."""
from __future__ import annotations

from functools import lru_cache

import barcode
import qrcode
from qrcode.constants import ERROR_CORRECT_M


@lru_cache(maxsize=256)
def code128_modules(value: str) -> str:
    """The module pattern ('1' bar, '0' space) of ``value`` in Code128, quiet zones excluded."""
    return barcode.get("code128", value, writer=None).build()[0]


@lru_cache(maxsize=256)
def qr_matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    qr.add_data(payload)
    qr.make(fit=True)
    return tuple(tuple(row) for row in qr.get_matrix())


def draw_code128(canvas, x: float, y: float, value: str, *, width: float, height: float) -> None:
    """Bars of ``value`` filling ``width`` (points) from (x, y) upwards; merged runs keep the PDF small."""
    modules = code128_modules(value)
    unit = width / len(modules)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    i = 0
    while i < len(modules):
        if modules[i] == "1":
            j = i
            while j < len(modules) and modules[j] == "1":
                j += 1
            path.rect(x + i * unit, y, (j - i) * unit, height)
            i = j
        else:
            i += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def draw_qr(canvas, x: float, y: float, payload: str, *, size: float) -> None:
    """A QR code of ``payload``, ``size`` points square, lower-left corner at (x, y)."""
    matrix = qr_matrix(payload)
    n = len(matrix)
    unit = size / n
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if row[c]:
                d = c
                while d < n and row[d]:
                    d += 1
                path.rect(x + c * unit, y + size - (r + 1) * unit, (d - c) * unit, unit)
                c = d
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
