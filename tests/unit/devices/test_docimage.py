"""Crop and deskew on synthetic images, the archive resolution rule, pages into one PDF without re-encoding."""
from __future__ import annotations

import io

import cv2
import numpy as np
import pypdf
import pytest

from desk_app.devices import docimage as di
from desk_app.devices.camera import CameraFormat, choose_format
from desk_app.domain.errors import DeviceError


def synthetic(angle: float, page=(1700, 2400), frame=(3400, 3000)) -> np.ndarray:
    """A white page with black bars, turned by ``angle`` degrees, on a dark desk."""
    pw, ph = page
    p = np.full((ph, pw, 3), 245, np.uint8)
    for y in range(200, ph - 200, 150):
        cv2.rectangle(p, (150, y), (pw - 150, y + 40), (0, 0, 0), -1)
    img = np.full((frame[1], frame[0], 3), 35, np.uint8)
    m = cv2.getRotationMatrix2D((pw / 2, ph / 2), angle, 1.0)
    m[0, 2] += (frame[0] - pw) / 2
    m[1, 2] += (frame[1] - ph) / 2
    mask = cv2.warpAffine(np.full((ph, pw), 255, np.uint8), m, frame)
    warped = cv2.warpAffine(p, m, frame)
    img[mask > 0] = warped[mask > 0]
    return img


@pytest.mark.parametrize("angle", [0.0, 7.0, -12.0])
def test_crop_deskew_recovers_upright_page(angle):
    out, cropped = di.crop_deskew(synthetic(angle))
    assert cropped
    h, w = out.shape[:2]
    assert abs(w - 1700) < 40 and abs(h - 2400) < 40
    # Deskewed: the first black bar is horizontal, so its rows are dark across most of the width.
    gray = cv2.cvtColor(out, cv2.COLOR_BGR2GRAY)
    dark_rows = (gray[:, 200:w - 200] < 100).mean(axis=1)
    assert dark_rows.max() > 0.95
    # No dark desk left at the corners.
    assert gray[10, 10] > 150 and gray[h - 10, w - 10] > 150


def test_no_page_leaves_image_unchanged():
    img = np.full((600, 800, 3), 40, np.uint8)
    out, cropped = di.crop_deskew(img)
    assert not cropped and out is img


def test_archive_resolution_rule():
    assert di.meets_archive_resolution(1654, 2339) and di.meets_archive_resolution(2592, 1944)
    assert not di.meets_archive_resolution(1920, 1080)
    with pytest.raises(DeviceError, match="1280×720"):
        di.process_capture(np.zeros((720, 1280, 3), np.uint8))


def test_pdf_embeds_jpeg_unchanged():
    pages = [di.process_capture(synthetic(a)).jpeg for a in (3.0, -5.0, 0.0)]
    pdf = pypdf.PdfReader(io.BytesIO(di.pages_to_pdf(pages)))
    assert len(pdf.pages) == 3
    box = pdf.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 1 and abs(float(box.height) - 841.9) < 1
    xobj = pdf.pages[1]["/Resources"]["/XObject"]
    img = next(iter(xobj.values())).get_object()
    assert img["/Filter"] == "/DCTDecode" and img.get_data() == pages[1]
    with pytest.raises(DeviceError):
        di.pages_to_pdf([])


def test_choose_largest_format():
    fs = [CameraFormat(640, 480, 30), CameraFormat(3264, 2448, 15), CameraFormat(3264, 2448, 5),
          CameraFormat(1920, 1080, 30)]
    assert choose_format(fs) == CameraFormat(3264, 2448, 15)
    assert choose_format([]) is None
