"""Windows spooler transport for A4 documents (pywin32's win32print). Not tested here: there is no Windows.

The PDF is written RAW to the queue, as the CUPS transport hands it to CUPS: it needs a printer that takes
PDF directly (most networked office lasers do: "PDF direct print"). A queue whose driver only takes GDI
output cannot print it this way and reports the job as failed or never prints it; the status is then
"unknown" and the clerk checks the paper. The job is asked about once, through GetJob.
"""
from __future__ import annotations

from typing import Any

from desk_app.devices.doc_printer import JobStatus, SentJob
from desk_app.domain.errors import QT_TRANSLATE_NOOP, PrinterError

# JOB_STATUS_* flags of the Windows spooler
_ERROR = 0x2 | 0x40 | 0x400 | 0x100  # error, offline, user intervention, deleted
_PRINTED = 0x80 | 0x1000             # printed, complete


def _win32print() -> Any:
    try:
        import win32print  # type: ignore[import-not-found]  # pywin32, installed on Windows only
    except ImportError as exc:
        raise PrinterError(QT_TRANSLATE_NOOP("Errors", "本机不能使用 Windows 打印队列（缺少 pywin32 组件），请重新安装本程序。")) from exc
    return win32print


class WindowsSpoolerPrinter:
    name = "windows"

    def printers(self) -> list[str]:
        try:
            wp = _win32print()
            flags = wp.PRINTER_ENUM_LOCAL | wp.PRINTER_ENUM_CONNECTIONS
            return [p[2] for p in wp.EnumPrinters(flags)]
        except Exception:  # no spooler service, no pywin32: nothing to choose from
            return []

    def default_printer(self) -> str:
        try:
            return _win32print().GetDefaultPrinter()
        except Exception:
            return ""

    def submit(self, pdf: bytes, *, printer: str, title: str, copies: int = 1) -> SentJob:
        wp = _win32print()
        name = printer or self.default_printer()
        if not name:
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "本机没有设置默认打印机。请在打印设置中为这种文书选择打印机。"),
                               field="printing.printers")
        try:
            h = wp.OpenPrinter(name)
            try:
                job = 0
                for _ in range(max(1, copies)):  # RAW data carries no copy count the spooler would apply
                    job = wp.StartDocPrinter(h, 1, (title or "文书", None, "RAW"))
                    wp.StartPagePrinter(h)
                    wp.WritePrinter(h, pdf)
                    wp.EndPagePrinter(h)
                    wp.EndDocPrinter(h)
            finally:
                wp.ClosePrinter(h)
        except Exception as exc:  # pywintypes.error
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "Windows 打印队列拒绝了文书（{error}）。请检查打印机“{name}”后重打。"),
                               error=exc, name=name) from exc
        return SentJob("windows", name, str(job))

    def status(self, job: SentJob) -> JobStatus:
        try:
            wp = _win32print()
            h = wp.OpenPrinter(job.printer)
            try:
                info = wp.GetJob(h, int(job.job_id), 1)
            finally:
                wp.ClosePrinter(h)
        except Exception:
            # A finished job leaves the queue: gone is not proof that paper came out.
            return JobStatus("unknown", "打印队列里已没有这份文书，无法确认是否打出。请到打印机查看，未打出请重打。")
        status = int(info.get("Status", 0))
        if status & _PRINTED:
            return JobStatus("printed")
        if status & _ERROR:
            return JobStatus("failed", "打印机报告错误（脱机、缺纸或需要处理）。请检查打印机后重打。")
        return JobStatus("unknown", "文书还在打印队列中，尚未打完。请稍后到打印机查看，没有打出请重打。")
