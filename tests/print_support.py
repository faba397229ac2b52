"""Helpers for the print pipeline tests: a print service over a fresh store, an issued document, fake transports."""
from __future__ import annotations

import threading

from desk_app.devices.doc_printer import JobStatus, SentJob
from desk_app.domain.errors import PrinterError
from desk_app.printing.renderer import TemplateRenderer
from desk_app.printing.samples import sample
from desk_app.services.printing import PrintService
from desk_app.store.blobs import BlobStore


def print_service(store, data_dir) -> PrintService:
    return PrintService(store, BlobStore(data_dir / "blobs"), renderer=TemplateRenderer())


def issue(service: PrintService, kind: str = "acceptance-notice", **extra):
    data = dict(sample(kind, materials=extra.pop("materials", 5)), **extra)
    data.pop("document_number", None)
    return service.issue(kind, data, actor="clerk5")


class ScriptedTransport:
    """A transport whose answers the test chooses: accepts (or refuses) jobs and answers (or not) about them."""

    name = "scripted"

    def __init__(self, *, refuse: str = "", status: JobStatus | None = None, raise_on_status: bool = False):
        self.refuse, self._status, self.raise_on_status = refuse, status, raise_on_status
        self.submitted: list[dict] = []
        self.threads: set[str] = set()
        self.asked = 0

    def printers(self) -> list[str]:
        return ["办公室激光打印机"]

    def default_printer(self) -> str:
        return "办公室激光打印机"

    def submit(self, pdf: bytes, *, printer: str, title: str, copies: int = 1) -> SentJob:
        self.threads.add(threading.current_thread().name)
        if self.refuse:
            raise PrinterError(self.refuse)
        self.submitted.append(dict(pdf=pdf, printer=printer, title=title, copies=copies))
        return SentJob("scripted", printer or "办公室激光打印机", f"job-{len(self.submitted)}")

    def status(self, job: SentJob) -> JobStatus:
        self.asked += 1
        if self.raise_on_status:
            raise OSError("no answer")
        return self._status or JobStatus("printed")
