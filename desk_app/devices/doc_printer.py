"""A4 document printers: the one Protocol every transport implements, its job and status types, the folder printer.

A transport takes a finished PDF and hands it to something that prints: the CUPS spooler (doc_printer_cups),
the Windows spooler (doc_printer_win) or a folder (``FolderPrinter``: the demo and the tests). After a job
the print pipeline asks the transport once how the job ended; a spooler that does not answer, or a job that
has not finished yet, is ``unknown``: never reported as printed.
"""
from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

from desk_app.domain.errors import QT_TRANSLATE_NOOP, PrinterError

JobState = Literal["printed", "failed", "unknown"]


@dataclass(frozen=True)
class SentJob:
    """A job the spooler (or folder) accepted: enough to ask about it later."""

    transport: str     # "cups" | "windows" | "folder"
    printer: str       # the queue or folder it went to
    job_id: str        # the spooler's id ("desk-pdf-12"), or the file written
    pages: int = 0     # 0: not known to the transport


@dataclass(frozen=True)
class JobStatus:
    state: JobState
    message_cn: str = ""   # why it failed, or what to check when unknown


@runtime_checkable
class DocumentPrinterTransport(Protocol):
    """Where A4 documents go. Every method may block (spooler, disk): the UI calls them through ``runner.io``."""

    name: str   # "cups" | "windows" | "folder"

    def printers(self) -> list[str]: ...
    def default_printer(self) -> str: ...

    def submit(self, pdf: bytes, *, printer: str, title: str, copies: int = 1) -> SentJob:
        """Hand the PDF over; raises PrinterError (Chinese message) when it was not accepted."""
        ...

    def status(self, job: SentJob) -> JobStatus:
        """Asked once, after the job: never raises; no answer is ``unknown``."""
        ...


def safe_filename(text: str, limit: int = 60) -> str:
    """A file name part from a document title (numbers like SL受〔2026〕01-00001号 keep their characters)."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._")
    return cleaned[:limit] or "document"


class FolderPrinter:
    """Writes each job as a PDF file into ``folder/<printer>/``: the demo's printer and the tests'.

    "Printed" means the file is complete on disk (written under a temporary name, then renamed).
    """

    name = "folder"

    def __init__(self, folder: Path | str, printers: tuple[str, ...] = ("文件夹打印机",)):
        self.folder = Path(folder)
        self._printers = list(printers)

    def printers(self) -> list[str]:
        return list(self._printers)

    def default_printer(self) -> str:
        return self._printers[0]

    def _dir(self, printer: str) -> Path:
        return self.folder / safe_filename(printer or self.default_printer())

    def submit(self, pdf: bytes, *, printer: str, title: str, copies: int = 1) -> SentJob:
        target_dir = self._dir(printer)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        try:
            target_dir.mkdir(parents=True, exist_ok=True)
            n = 1
            while (path := target_dir / f"{stamp}-{safe_filename(title)}-{n}.pdf").exists():
                n += 1
            tmp = path.with_suffix(".part")
            tmp.write_bytes(pdf)
            tmp.replace(path)
        except OSError as exc:
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "无法把文书写入文件夹 {target_dir}：{strerror}。请检查磁盘空间和文件夹权限，"
                                                           "或在打印设置中换一个文件夹。"), target_dir=target_dir,
                               strerror=exc.strerror) from exc
        return SentJob("folder", printer or self.default_printer(), str(path))

    def status(self, job: SentJob) -> JobStatus:
        if Path(job.job_id).is_file():
            return JobStatus("printed")
        return JobStatus("failed", f"文件 {job.job_id} 不见了，请重打。")


def system_transport() -> DocumentPrinterTransport:
    """This PC's real spooler: CUPS on Linux and macOS, the Windows spooler on Windows."""
    if sys.platform == "win32":
        from desk_app.devices.doc_printer_win import WindowsSpoolerPrinter
        return WindowsSpoolerPrinter()
    from desk_app.devices.doc_printer_cups import CupsPrinter
    return CupsPrinter()
