"""Document images from the camera: find the page, crop and deskew it, check archive resolution, pages to PDF.

numpy and Pillow only (no Qt, no OpenCV: it was 150 MB of the bundle for these few steps), so it runs on a
worker thread and is tested on synthetic images. Images are numpy arrays in BGR order, as cameras deliver them.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import img2pdf
import numpy as np
from PIL import Image, ImageFilter, UnidentifiedImageError

from desk_app.domain.errors import QT_TRANSLATE_NOOP, DeviceError, fill_template

# 200 dpi over an A4 page (210 x 297 mm): the least an archived scan may have (seed 004 archiving rules).
ARCHIVE_MIN_PX = (1654, 2339)
A4_PT = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))
WORK_PX = 1000  # page edges are found on a copy this size: they do not need full resolution


def meets_archive_resolution(width: int, height: int) -> bool:
    """True when a frame of this size holds an A4 page at 200 dpi, upright or turned (cameras are landscape)."""
    short, long_ = sorted((width, height))
    return short >= ARCHIVE_MIN_PX[0] and long_ >= ARCHIVE_MIN_PX[1]


LOW_RESOLUTION = QT_TRANSLATE_NOOP("Errors", "高拍仪分辨率只有 {width}×{height}，达不到存档要求（A4 按 200 dpi 需要至少 "
                                            "{min_width}×{min_height}）：请在外设设置中选择更高的分辨率，或更换高拍仪")


def _low_resolution_params(width: int, height: int) -> dict[str, int]:
    return {"width": width, "height": height, "min_width": ARCHIVE_MIN_PX[0], "min_height": ARCHIVE_MIN_PX[1]}


def low_resolution_message(width: int, height: int) -> str:
    return fill_template(LOW_RESOLUTION, _low_resolution_params(width, height))


def check_archive_resolution(width: int, height: int) -> None:
    if not meets_archive_resolution(width, height):
        raise DeviceError(LOW_RESOLUTION, field="camera", **_low_resolution_params(width, height))


def _to_pil(image: np.ndarray) -> Image.Image:
    """The array as a Pillow image, channels left in BGR order (geometry does not care; _rgb swaps for JPEG)."""
    return Image.fromarray(image)


def _rgb(img: Image.Image) -> Image.Image:
    if img.mode != "RGB":
        return img
    b, g, r = img.split()  # in C: far cheaper than reindexing a 30 MB array in numpy
    return Image.merge("RGB", (r, g, b))


def _gray(img: Image.Image) -> Image.Image:
    if img.mode == "L":
        return img
    return img.convert("L", matrix=(0.114, 0.587, 0.299, 0.0))  # ITU-R 601 weights, for B, G, R


def _close(mask: np.ndarray, size: int) -> np.ndarray:
    """Morphological closing with a size x size square: dilate, then erode, each as two 1-D window counts."""
    r = size // 2
    out = mask.astype(np.int32)
    for fill, full in ((0, False), (1, True)):  # the border neither grows the page nor eats it
        for axis in (0, 1):
            pad = [(0, 0), (0, 0)]
            pad[axis] = (r + 1, r)
            c = np.moveaxis(np.cumsum(np.pad(out, pad, constant_values=fill), axis=axis, dtype=np.int32), axis, 0)
            count = np.moveaxis(c[size:] - c[:-size], 0, axis)  # how many set pixels in each window
            out = (count == size if full else count > 0).astype(np.int32)
    return out.astype(bool)


def _otsu(gray: np.ndarray) -> int:
    """The threshold that best splits the histogram in two (Otsu's method)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    weight = np.cumsum(hist)
    total = weight[-1]
    mean = np.cumsum(hist * np.arange(256))
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight - mean * total) ** 2 / (weight * (total - weight))
    return int(np.nanargmax(between))


def _largest_component(mask: np.ndarray) -> tuple[int, np.ndarray] | None:
    """The largest 8-connected bright region, by labelling runs row by row: its area in pixels and the
    (row, col) of its runs' end pixels (the corners of a region lie on those ends).

    A page on the stage gives a few runs a row, so this stays fast in Python (~10 ms on the 1000 px copy)."""
    parent: list[int] = []

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    runs: list[tuple[int, int, int]] = []  # (row, start, end exclusive)
    previous: list[tuple[int, int, int]] = []  # (start, end, run index) on the row above
    for r in range(mask.shape[0]):
        row = mask[r]
        edges = np.flatnonzero(np.diff(np.concatenate(([0], row.view(np.int8), [0]))))
        current = []
        j = 0
        for start, end in zip(edges[0::2].tolist(), edges[1::2].tolist()):
            idx = len(runs)
            runs.append((r, start, end))
            parent.append(idx)
            # 8-connected: a run touches one above that overlaps [start - 1, end + 1).
            while j < len(previous) and previous[j][1] < start:
                j += 1
            k = j
            while k < len(previous) and previous[k][0] <= end:
                a, b = find(previous[k][2]), find(idx)
                if a != b:
                    parent[b] = a
                k += 1
            current.append((start, end, idx))
        previous = current
    if not runs:
        return None
    sizes: dict[int, int] = {}
    roots = [find(i) for i in range(len(runs))]
    for root, (_, start, end) in zip(roots, runs):
        sizes[root] = sizes.get(root, 0) + end - start
    best = max(sizes, key=sizes.__getitem__)
    ends = [(r, c) for root, (r, start, end) in zip(roots, runs) if root == best for c in (start, end - 1)]
    return sizes[best], np.array(ends)


def _corners(points: np.ndarray) -> np.ndarray:
    """A turned rectangle's corners as top-left, top-right, bottom-right, bottom-left (x, y)."""
    xy = points[:, ::-1].astype(np.float32)
    s = xy.sum(axis=1)
    d = xy[:, 0] - xy[:, 1]
    return np.array([xy[np.argmin(s)], xy[np.argmax(d)], xy[np.argmax(s)], xy[np.argmin(d)]], dtype=np.float32)


def find_page(image: np.ndarray, min_area_ratio: float = 0.15) -> np.ndarray | None:
    """The four corners of the bright page on the darker stage, or None when there is no clear page."""
    small = _to_pil(image)
    scale = min(WORK_PX / max(small.size), 1.0)
    if scale < 1:
        small = small.resize((max(1, round(small.width * scale)), max(1, round(small.height * scale))), Image.BOX)
    blur = np.asarray(_gray(small).filter(ImageFilter.GaussianBlur(1.1)))
    if blur.max() - blur.min() < 20:  # one flat colour: nothing to find
        return None
    # Closing fills the page's dark print so the page is one region.
    closed = _close(blur > _otsu(blur), 9)
    found = _largest_component(closed)
    if found is None:
        return None
    area, points = found
    frame = closed.shape[0] * closed.shape[1]
    if area < min_area_ratio * frame or area > 0.98 * frame:
        return None
    return _corners(points) / scale


def _perspective_coefficients(src: np.ndarray, dst: np.ndarray) -> list[float]:
    """Pillow's PERSPECTIVE coefficients: for each output pixel, where to read in the input."""
    rows = []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    return np.linalg.solve(np.array(rows, dtype=np.float64), src.reshape(8).astype(np.float64)).tolist()


def crop_deskew(image: np.ndarray) -> tuple[np.ndarray, bool]:
    """The page cut out and straightened; (image unchanged, False) when no page is found."""
    quad = find_page(image)
    if quad is None:
        return image, False
    tl, tr, br, bl = quad
    w = int(round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))))
    h = int(round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))))
    dst = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    page = _to_pil(image).transform((w, h), Image.Transform.PERSPECTIVE, _perspective_coefficients(quad, dst),
                                    resample=Image.Resampling.BILINEAR)
    return np.asarray(page), True


def encode_jpeg(image: np.ndarray, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    _rgb(_to_pil(image)).save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def decode_image(data: bytes) -> np.ndarray:
    try:
        with Image.open(io.BytesIO(data)) as img:
            return np.asarray(_rgb(img.convert("RGB")))  # RGB -> BGR is the same swap
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise DeviceError(QT_TRANSLATE_NOOP("Errors", "图像数据无法读取：请重新拍摄"), field="camera") from exc


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
        raise DeviceError(QT_TRANSLATE_NOOP("Errors", "没有可以合成的页面：请先拍摄材料"), field="camera")
    layout = img2pdf.get_layout_fun(pagesize=A4_PT, fit=img2pdf.FitMode.into)
    return img2pdf.convert(list(jpegs), layout_fun=layout)
