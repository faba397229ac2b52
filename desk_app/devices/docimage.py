"""Document images from the camera: find the page, crop and deskew it, check archive resolution, pages to PDF.

Pure numpy/OpenCV (no Qt), so it runs on a worker thread and is tested on synthetic images.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import img2pdf
import numpy as np

from desk_app.domain.errors import DeviceError

# 200 dpi over an A4 page (210 x 297 mm): the least an archived scan may have (seed 004 archiving rules).
ARCHIVE_MIN_PX = (1654, 2339)
A4_PT = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))


def meets_archive_resolution(width: int, height: int) -> bool:
    """True when a frame of this size holds an A4 page at 200 dpi, upright or turned (cameras are landscape)."""
    short, long_ = sorted((width, height))
    return short >= ARCHIVE_MIN_PX[0] and long_ >= ARCHIVE_MIN_PX[1]


def low_resolution_message(width: int, height: int) -> str:
    return (f"高拍仪分辨率只有 {width}×{height}，达不到存档要求（A4 按 200 dpi 需要至少 "
            f"{ARCHIVE_MIN_PX[0]}×{ARCHIVE_MIN_PX[1]}）：请在外设设置中选择更高的分辨率，或更换高拍仪")


def check_archive_resolution(width: int, height: int) -> None:
    if not meets_archive_resolution(width, height):
        raise DeviceError(low_resolution_message(width, height), field="camera")


def _order(pts: np.ndarray) -> np.ndarray:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    pts = pts.reshape(4, 2).astype(np.float32)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]],
                    dtype=np.float32)


def find_page(image: np.ndarray, min_area_ratio: float = 0.15) -> np.ndarray | None:
    """The four corners of the bright page on the darker stage, or None when there is no clear page."""
    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    # Work on a small copy: page edges do not need full resolution and this keeps capture fast.
    scale = 1000.0 / max(gray.shape)
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else gray
    scale = min(scale, 1.0)
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    c = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(c)
    if area < min_area_ratio * small.shape[0] * small.shape[1] or area > 0.98 * small.shape[0] * small.shape[1]:
        return None
    approx = cv2.approxPolyDP(c, 0.02 * cv2.arcLength(c, True), True)
    quad = approx if len(approx) == 4 else cv2.boxPoints(cv2.minAreaRect(c))
    return _order(np.asarray(quad, dtype=np.float32) / scale)


def crop_deskew(image: np.ndarray) -> tuple[np.ndarray, bool]:
    """The page cut out and straightened; (image unchanged, False) when no page is found."""
    quad = find_page(image)
    if quad is None:
        return image, False
    tl, tr, br, bl = quad
    w = int(round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    h = int(round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(quad, dst)
    return cv2.warpPerspective(image, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE), True


def encode_jpeg(image: np.ndarray, quality: int = 85) -> bytes:
    ok, buf = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:  # pragma: no cover - OpenCV failure is a bug
        raise RuntimeError("JPEG encoding failed")
    return buf.tobytes()


def decode_image(data: bytes) -> np.ndarray:
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if img is None:
        raise DeviceError("图像数据无法读取：请重新拍摄", field="camera")
    return img


@dataclass(frozen=True)
class CapturedPage:
    jpeg: bytes
    width: int
    height: int
    cropped: bool
    source_width: int
    source_height: int


def process_capture(image: np.ndarray, *, require_archive: bool = True, quality: int = 85) -> CapturedPage:
    """Camera frame (BGR) -> checked, cropped, deskewed JPEG page. Raises DeviceError below archive resolution."""
    h, w = image.shape[:2]
    if require_archive:
        check_archive_resolution(w, h)
    page, cropped = crop_deskew(image)
    return CapturedPage(encode_jpeg(page, quality), page.shape[1], page.shape[0], cropped, w, h)


def pages_to_pdf(jpegs: list[bytes]) -> bytes:
    """One PDF, one A4 page per image; the JPEG data is embedded as is (no re-encoding, no quality loss)."""
    if not jpegs:
        raise DeviceError("没有可以合成的页面：请先拍摄材料", field="camera")
    layout = img2pdf.get_layout_fun(pagesize=A4_PT, fit=img2pdf.FitMode.into)
    return img2pdf.convert(list(jpegs), layout_fun=layout)
