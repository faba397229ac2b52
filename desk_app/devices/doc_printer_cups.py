"""CUPS transport for A4 documents: the PDF goes to the spooler with ``lp``; the job's end is asked once over IPP.

Why the spooler and not QPrinter: QtPdf can only rasterise a PDF, so printing through QPrinter sends each
A4 page as an image (bench/print_transport.py: at 600 dpi 35 million pixels, 139 MB of RGBA and ~0.8 s to
render per page; at 300 dpi small print and seals lose their edges). CUPS takes the PDF itself (76 KB for an
acceptance notice): its filters (pdftopdf, then the printer's driver or the printer's own PDF/PostScript
interpreter) render the vector text at the printer's full resolution and apply copies and paper size.
``lp`` is the client every CUPS install has; it finds the server, the default queue and the user's lpoptions
the way any other program does.
The job's state is asked over IPP (Get-Job-Attributes, desk_app.devices.ipp) because ``lpstat`` cannot tell
a completed job from an aborted one.
"""
from __future__ import annotations

import getpass
import os
import re
import shutil
import subprocess

from desk_app.devices.doc_printer import JobStatus, SentJob
from desk_app.devices.ipp import job_attributes
from desk_app.domain.errors import QT_TRANSLATE_NOOP, PrinterError

_REQUEST_ID = re.compile(r"request id is (\S+)-(\d+)")


class CupsPrinter:
    name = "cups"

    def __init__(self, *, lp: str = "lp", lpstat: str = "lpstat", timeout: float = 30.0):
        self.lp, self.lpstat, self.timeout = lp, lpstat, timeout

    def _run(self, args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess:
        if shutil.which(args[0]) is None:
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "本机没有安装 CUPS 打印系统（找不到 lp 命令），无法打印文书。请安装 cups 和打印机驱动后重试。"))
        env = dict(os.environ, LC_ALL="C", LANG="C")  # the output is parsed: English, whatever the desktop
        try:
            return subprocess.run(args, input=data, capture_output=True, timeout=self.timeout, env=env)
        except subprocess.TimeoutExpired as exc:
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "打印系统（CUPS）没有响应，文书未能送出。请检查 CUPS 服务是否运行后重打。")) from exc

    def printers(self) -> list[str]:
        try:
            out = self._run([self.lpstat, "-e"])
        except PrinterError:
            return []
        return [line.strip() for line in out.stdout.decode("utf-8", "replace").splitlines() if line.strip()]

    def default_printer(self) -> str:
        try:
            out = self._run([self.lpstat, "-d"]).stdout.decode("utf-8", "replace")
        except PrinterError:
            return ""
        m = re.search(r"system default destination:\s*(\S+)", out)
        return m.group(1) if m else ""

    def submit(self, pdf: bytes, *, printer: str, title: str, copies: int = 1) -> SentJob:
        args = [self.lp, "-t", title or "文书", "-n", str(max(1, copies)), "-o", "media=A4"]
        if printer:
            args[1:1] = ["-d", printer]
        res = self._run(args + ["-"], pdf)
        text = (res.stdout + res.stderr).decode("utf-8", "replace").strip()
        m = _REQUEST_ID.search(text)
        if res.returncode != 0 or m is None:
            where = f"“{printer}”" if printer else "系统默认打印机"
            if "does not exist" in text or "Unknown destination" in text:
                raise PrinterError(QT_TRANSLATE_NOOP("Errors", "找不到打印机{where}。请在打印设置中重新选择打印机。"),
                                   where=where, field="printing.printers")
            if "No default destination" in text:
                raise PrinterError(QT_TRANSLATE_NOOP("Errors", "本机没有设置默认打印机。请在打印设置中为这种文书选择打印机。"),
                                   field="printing.printers")
            if "not accepting" in text:
                raise PrinterError(QT_TRANSLATE_NOOP("Errors", "打印机{where}暂停接收任务。请在系统打印设置中启用它后重打。"),
                                   where=where)
            raise PrinterError(QT_TRANSLATE_NOOP("Errors", "打印机{where}没有接收文书（{value}）。请检查打印机后重打。"),
                               where=where, value=text or res.returncode)
        return SentJob("cups", m.group(1), f"{m.group(1)}-{m.group(2)}")

    def status(self, job: SentJob) -> JobStatus:
        queue, _, number = job.job_id.rpartition("-")
        try:
            attrs = job_attributes(queue, int(number), user=getpass.getuser())
        except (OSError, ValueError):
            return JobStatus("unknown", "打印系统没有回答这份文书的打印结果。请到打印机查看是否已打出，未打出请重打。")
        state = (attrs.get("job-state") or [0])[0]
        message = " ".join(str(v) for v in attrs.get("job-state-message", []) if v)
        if state == 9:
            return JobStatus("printed")
        if state in (7, 8):
            return JobStatus("failed", f"打印任务被取消或中止（{message or '原因不明'}）。请检查打印机后重打。")
        if state == 6:
            return JobStatus("unknown", f"打印机已暂停（{message or '可能缺纸、卡纸或脱机'}）。"
                                        "处理好打印机后会继续打印；没有打出请重打。")
        return JobStatus("unknown", "文书还在打印队列中，尚未打完。请稍后到打印机查看，没有打出请重打。")
