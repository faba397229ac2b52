"""Document scanner: one interface, SANE (python-sane) on Linux, TWAIN on Windows, and a simulator.

A feeder scan returns every page read before a problem: a jam or an empty feeder keeps the pages already
scanned and says what happened, so the clerk only re-feeds the rest. ``scan`` blocks: run it via runner.io.
"""
from __future__ import annotations

import io
import logging
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Literal, Protocol

from desk_app.devices.health import Device, HealthReporter
from desk_app.devices.sigpipe import keep_sigpipe_ignored
from desk_app.domain.errors import DeviceError

log = logging.getLogger(__name__)

Problem = Literal["jam", "empty", "cover_open", "lost", "busy", "error"]

PROBLEM_CN: dict[str, str] = {
    "jam": "扫描仪卡纸：请打开盖板取出卡住的纸张，然后只放入未扫描的页继续扫描",
    "empty": "进纸器中没有纸张：请放入材料后继续扫描",
    "cover_open": "扫描仪盖板未关好：请合上盖板后继续扫描",
    "lost": "扫描仪在扫描中断开：请检查 USB 线后继续扫描",
    "busy": "扫描仪正被其他程序使用：请关闭其他扫描软件后重试",
    "error": "扫描仪出错：请重启扫描仪后重试",
}


@dataclass(frozen=True)
class ScanSettings:
    source: Literal["feeder", "flatbed"] = "feeder"
    dpi: int = 200
    color: bool = True
    max_pages: int = 100


@dataclass(frozen=True)
class ScannedPage:
    jpeg: bytes
    width: int
    height: int
    dpi: int


@dataclass(frozen=True)
class ScanResult:
    pages: tuple[ScannedPage, ...] = ()
    problem: Problem | None = None
    message_cn: str = ""

    @property
    def complete(self) -> bool:
        return self.problem is None


class DocumentScanner(Device, Protocol):
    def scan(self, settings: ScanSettings = ScanSettings(),
             on_page: Callable[[int], None] | None = None) -> ScanResult: ...

    def close(self) -> None: ...


def _finish(pages: list[ScannedPage], problem: Problem | None) -> ScanResult:
    if problem is None:
        return ScanResult(tuple(pages), None, f"扫描完成，共 {len(pages)} 页")
    kept = f"已保留扫描好的 {len(pages)} 页。" if pages else ""
    return ScanResult(tuple(pages), problem, kept + PROBLEM_CN[problem])


def pil_to_page(img: Any, dpi: int, quality: int = 85) -> ScannedPage:
    buf = io.BytesIO()
    img.convert("RGB" if img.mode not in ("L", "RGB") else img.mode).save(buf, "JPEG", quality=quality,
                                                                          dpi=(dpi, dpi))
    return ScannedPage(buf.getvalue(), img.width, img.height, dpi)


def sane_problem(message: str) -> Problem:
    """Map SANE's status text (sane_strstatus) to our problems."""
    m = message.lower()
    if "jam" in m:
        return "jam"
    if "out of documents" in m or "no docs" in m:
        return "empty"
    if "cover" in m:
        return "cover_open"
    if "busy" in m:
        return "busy"
    if "i/o" in m or "invalid argument" in m or "access" in m:
        return "lost"
    return "error"


class SaneScanner(HealthReporter):
    """SANE adapter (Linux). ``device`` is a SANE device name, e.g. ``fujitsu:fi-7160:123`` or ``test``."""

    def __init__(self, device: str | None = None, *, name: str = "扫描仪"):
        self._init_health("doc_scanner", name)
        self.device_name = device
        self._lock = threading.Lock()  # SANE handles are not shared between concurrent scans
        try:
            import sane  # type: ignore[import-not-found]
        except ImportError:
            self._sane = None
            self._set_health("error", "未安装 SANE 扫描支持（python-sane）：请联系运维安装")
        else:
            self._sane = sane
            sane.init()

    def _open(self):
        if self._sane is None:
            raise DeviceError(self.health.reason_cn, field="doc_scanner")
        name = self.device_name
        if not name:
            devs = self._sane.get_devices()
            if not devs:
                self._set_health("missing", "未检测到扫描仪：请检查电源与 USB 线")
                raise DeviceError(self.health.reason_cn, field="doc_scanner")
            name = devs[0][0]
        try:
            dev = self._sane.open(name)
        except Exception as exc:  # _sane.error
            problem = sane_problem(str(exc))
            reason = PROBLEM_CN["busy"] if problem == "busy" else f"无法打开扫描仪 {name}：请检查电源与 USB 线"
            self._set_health("missing" if problem != "busy" else "error", reason)
            raise DeviceError(reason, field="doc_scanner") from exc
        self._set_health("connected")
        return dev

    @staticmethod
    def _set_option(dev, key: str, value) -> None:
        try:
            setattr(dev, key, value)
        except Exception as exc:  # an option the backend lacks: keep its default
            log.info("SANE option %s=%r not set: %s", key, value, exc)

    def scan(self, settings: ScanSettings = ScanSettings(),
             on_page: Callable[[int], None] | None = None) -> ScanResult:
        with self._lock:
            dev = self._open()
            try:
                feeder = settings.source == "feeder"
                if feeder:
                    sources = getattr(dev.opt.get("source"), "constraint", None) or []
                    adf = next((s for s in sources if "feeder" in s.lower() or "adf" in s.lower()), None)
                    if adf:
                        self._set_option(dev, "source", adf)
                self._set_option(dev, "resolution", settings.dpi)
                self._set_option(dev, "mode", "Color" if settings.color else "Gray")
                pages: list[ScannedPage] = []
                while len(pages) < (settings.max_pages if feeder else 1):
                    try:
                        dev.start()
                        img = dev.snap()
                    except Exception as exc:  # _sane.error carries the SANE status text
                        problem = sane_problem(str(exc))
                        if problem == "empty" and pages:
                            return _finish(pages, None)  # the feeder ran out after the last page: done
                        if problem == "lost":
                            self._set_health("missing", PROBLEM_CN["lost"])
                        return _finish(pages, problem)
                    keep_sigpipe_ignored()  # the page's reader thread left it at the default
                    pages.append(pil_to_page(img, settings.dpi))
                    if on_page:
                        on_page(len(pages))
                return _finish(pages, None)
            finally:
                try:
                    dev.close()
                except Exception:
                    pass
                keep_sigpipe_ignored()

    def raw_device(self):
        """Open the SANE device (tests set backend options on it); the caller closes it."""
        return self._open()

    def self_test(self) -> str:
        dev = self._open()
        try:
            return f"扫描仪正常：{getattr(dev, 'dev_name', self.device_name) or self.device_name}"
        finally:
            dev.close()

    def close(self) -> None:
        pass


class TwainScanner(HealthReporter):
    """TWAIN adapter (Windows, pytwain). UNTESTED in this environment: there is no TWAIN source on Linux CI.

    It follows pytwain's documented flow (SourceManager -> open_source -> acquire with a feeder loop); treat it
    as a starting point to verify on a real window PC before relying on it.
    """

    def __init__(self, source_name: str | None = None, *, name: str = "扫描仪（TWAIN）",
                 parent_window: int | None = None):
        self._init_health("doc_scanner", name)
        self.source_name = source_name
        # TWAIN wants a parent window handle (the main window's int(winId())); app.py sets it once shown.
        self.parent_window = parent_window
        try:
            import twain  # type: ignore[import-not-found]
        except ImportError:
            self._twain = None
            reason = ("本机不是 Windows，不能使用 TWAIN 扫描仪" if sys.platform != "win32"
                      else "未安装 TWAIN 支持（pytwain）：请联系运维安装")
            self._set_health("error", reason)
        else:
            self._twain = twain

    def scan(self, settings: ScanSettings = ScanSettings(),
             on_page: Callable[[int], None] | None = None) -> ScanResult:
        if self._twain is None:
            raise DeviceError(self.health.reason_cn, field="doc_scanner")
        from PIL import Image
        pages: list[ScannedPage] = []
        twain = self._twain
        try:
            with twain.SourceManager(self.parent_window) as sm:
                src = sm.open_source(self.source_name) if self.source_name else sm.open_source()
                if src is None:
                    self._set_health("missing", "未选择扫描仪")
                    raise DeviceError(self.health.reason_cn, field="doc_scanner")
                self._set_health("connected")
                try:
                    src.request_acquire(show_ui=False, modal_ui=False)
                    more = 1
                    while more and len(pages) < settings.max_pages:
                        handle, more = src.xfer_image_natively()
                        with tempfile.TemporaryDirectory() as tmp:
                            bmp = Path(tmp) / "page.bmp"
                            twain.dib_to_bm_file(handle, str(bmp))
                            free = getattr(twain, "global_handle_free", None)
                            if free is not None:
                                free(handle)
                            with Image.open(bmp) as img:
                                pages.append(pil_to_page(img, settings.dpi))
                        if on_page:
                            on_page(len(pages))
                finally:
                    src.close()
        except DeviceError:
            raise
        except Exception as exc:
            text = str(exc).lower()
            problem: Problem = "jam" if "jam" in text else "empty" if ("paper" in text or "feeder" in text) else "error"
            return _finish(pages, problem)
        return _finish(pages, None)

    def self_test(self) -> str:
        if self._twain is None:
            raise DeviceError(self.health.reason_cn, field="doc_scanner")
        return "TWAIN 扫描仪驱动已加载（未在本环境测试）"

    def close(self) -> None:
        pass


@dataclass
class SimulatedFeeder:
    """What lies in the simulated feeder and what goes wrong: ``jam_after`` pages, then a jam."""

    pages: int = 3
    jam_after: int | None = None
    cover_open: bool = False


class SimulatedDocScanner(HealthReporter):
    """Simulator for tests and the demo: pages are the sample document images, rendered at the asked dpi."""

    def __init__(self, *, name: str = "扫描仪（模拟）", images: list[bytes] | None = None):
        self._init_health("doc_scanner", name, "connected")
        self.feeder = SimulatedFeeder()
        self._images = images

    def _image(self, i: int, dpi: int):
        from PIL import Image, ImageDraw
        if self._images:
            return Image.open(io.BytesIO(self._images[i % len(self._images)]))
        # A plain A4 page with its number, at the asked resolution.
        w, h = int(8.27 * dpi), int(11.69 * dpi)
        img = Image.new("L", (w, h), 255)
        ImageDraw.Draw(img).text((w // 10, h // 10), f"page {i + 1}", fill=0)
        return img

    def unplug(self) -> None:
        self._set_health("missing", "未检测到扫描仪：请检查电源与 USB 线")

    def plug(self) -> None:
        self._set_health("connected")

    def scan(self, settings: ScanSettings = ScanSettings(),
             on_page: Callable[[int], None] | None = None) -> ScanResult:
        if not self.health.ok:
            raise DeviceError(self.health.reason_cn, field="doc_scanner")
        if self.feeder.cover_open:
            return _finish([], "cover_open")
        wanted = self.feeder.pages if settings.source == "feeder" else 1
        if settings.source == "feeder" and wanted == 0:
            return _finish([], "empty")
        pages: list[ScannedPage] = []
        for i in range(min(wanted, settings.max_pages)):
            if self.feeder.jam_after is not None and i >= self.feeder.jam_after:
                self.feeder.pages -= len(pages)
                return _finish(pages, "jam")
            pages.append(pil_to_page(self._image(i, settings.dpi), settings.dpi))
            if on_page:
                on_page(len(pages))
        if settings.source == "feeder":
            self.feeder.pages = 0
        return _finish(pages, None)

    def self_test(self) -> str:
        if not self.health.ok:
            raise DeviceError(self.health.reason_cn, field="doc_scanner")
        return f"模拟扫描仪正常，进纸器中有 {self.feeder.pages} 页"

    def close(self) -> None:
        pass


def make_doc_scanner(config: dict[str, Any]) -> DocumentScanner:
    """The platform's adapter from the ``devices.doc_scanner`` settings."""
    if sys.platform == "win32":
        return TwainScanner(config.get("source"))
    return SaneScanner(config.get("device"))
