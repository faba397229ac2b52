"""Printing a PDF to a system printer off the UI thread: QtPdf renders each page at the printer's resolution."""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP, QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QRect, QSize, Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desk_app.domain.errors import KnownError, PrinterError

log = logging.getLogger(__name__)

# Rendering above this only makes the page image bigger (a 600 dpi A4 page is ~140 MB of pixels already).
MAX_RENDER_DPI = 600

# Marked for lupdate here, translated when shown (kind_name).
_CTX = "PrintKinds"
KIND_NAMES = {
    "ticket": QT_TRANSLATE_NOOP("PrintKinds", "排队小票"),
    "one-time-notice": QT_TRANSLATE_NOOP("PrintKinds", "一次性告知通知书"),
    "materials-receipt": QT_TRANSLATE_NOOP("PrintKinds", "收件凭证"),
    "acceptance-notice": QT_TRANSLATE_NOOP("PrintKinds", "受理通知书"),
    "supplement-notice": QT_TRANSLATE_NOOP("PrintKinds", "补齐补正通知书"),
    "rejection-decision": QT_TRANSLATE_NOOP("PrintKinds", "不予受理决定书"),
    "refusal-notice": QT_TRANSLATE_NOOP("PrintKinds", "不予受理告知书"),
    "pickup-receipt": QT_TRANSLATE_NOOP("PrintKinds", "领取回执"),
    "daily-report-cover": QT_TRANSLATE_NOOP("PrintKinds", "日报封面"),
}


def kind_name(kind: str) -> str:
    return QCoreApplication.translate(_CTX, KIND_NAMES[kind]) if kind in KIND_NAMES else kind


def print_pdf(pdf: bytes, *, printer_name: str = "", copies: int = 1, title: str = "",
              output_file: str | None = None, dpi: int | None = None) -> int:
    """Print ``pdf`` on ``printer_name`` (empty: the system default); returns the number of pages sent.

    Runs on a worker thread (Qt allows QPainter on a QPrinter outside the GUI thread). ``output_file``
    prints to a PDF file instead (tests, "save as PDF"). Raises PrinterError with a Chinese message.
    """
    if output_file:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(output_file)
        printer.setResolution(dpi or 150)
        label = output_file
    else:
        info = QPrinterInfo.printerInfo(printer_name) if printer_name else QPrinterInfo.defaultPrinter()
        if info.isNull():
            raise PrinterError(f"找不到打印机“{printer_name or '系统默认打印机'}”。请在设置 → 打印机中重新选择，"
                               "或检查打印机是否已安装。", field="printing.printers")
        printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        label = info.printerName()
        if dpi:
            printer.setResolution(dpi)
    printer.setDocName(title or "文书")
    printer.setCopyCount(max(1, copies))
    printer.setFullPage(True)

    data = QByteArray(pdf)
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buf)
    if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
        raise PrinterError("文书文件无法打开，未能打印。请重新生成文书后再打印。")
    pages = doc.pageCount()
    render_dpi = min(printer.resolution(), MAX_RENDER_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterError(f"打印机“{label}”无法开始打印。请检查打印机是否开机、联机、有纸，然后重试。")
    try:
        for i in range(pages):
            if i and not printer.newPage():
                raise PrinterError(f"打印机“{label}”在第 {i + 1} 页中断。请检查打印机后重新打印。")
            pt = doc.pagePointSize(i)
            size = QSize(round(pt.width() / 72 * render_dpi), round(pt.height() / 72 * render_dpi))
            image = doc.render(i, size)
            if image.isNull():
                raise PrinterError(f"第 {i + 1} 页渲染失败，内存可能不足。请关闭其他程序后重试。")
            target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            painter.drawImage(QRect(0, 0, target.width(), target.height()), image)
    finally:
        painter.end()
        doc.close()
        buf.close()
    return pages


class DocumentPrinter(QObject):
    """Sends documents to the printer chosen for their kind (setting ``printing.printers``) through ``runner.io``."""

    printed = Signal(str, int)   # kind, pages
    failed = Signal(str)         # Chinese message

    def __init__(self, runner, settings, bridge=None, parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.settings, self.bridge = runner, settings, bridge

    def printer_for(self, kind: str) -> str:
        try:
            return (self.settings.get("printing.printers") or {}).get(kind, "")
        except KeyError:
            return ""

    def print_document(self, kind: str, pdf: bytes, *, copies: int = 1, title: str = "",
                       output_file: str | None = None) -> None:
        name = self.printer_for(kind)
        title = title or kind_name(kind)
        self.runner.io(lambda: print_pdf(pdf, printer_name=name, copies=copies, title=title,
                                         output_file=output_file),
                       success=lambda pages: self.printed.emit(kind, pages),
                       failure=self._on_failure, parent=self)

    def _on_failure(self, exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            msg = exc.message
        else:
            log.error("printing failed", exc_info=exc)
            msg = f"打印失败：{exc}。请检查打印机后重试。"
        self.failed.emit(msg)
        if self.bridge is not None:
            self.bridge.error.emit(msg)


def available_printers() -> list[str]:
    return list(QPrinterInfo.availablePrinterNames())


def default_printer() -> str:
    info = QPrinterInfo.defaultPrinter()
    return "" if info.isNull() else info.printerName()


__all__: list[Any] = ["DocumentPrinter", "print_pdf", "available_printers", "default_printer", "kind_name"]
