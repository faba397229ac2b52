"""The one print pipeline every screen uses: preview, print and 补打 off the UI thread, then ask once how it ended.

A document reaches paper like this: the screen has a PrintedDocument (numbered and archived by the print
service) → ``preview()`` or ``print_document()`` → the transport takes the PDF on an I/O worker → the print
log records "sent" → after ``printing.status_delay_s`` the transport is asked once → the log records
printed / failed / unknown and the clerk is told. 重打 renders the document again marked 补打 (counted by
the print service) and sends that.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal

from desk_app.devices.doc_printer import DocumentPrinterTransport, FolderPrinter, JobStatus, SentJob, system_transport
from desk_app.domain.errors import KnownError
from desk_app.ui.errors import error_text
from desk_app.ui.printing.jobs import kind_name


# Marked for lupdate here, translated when shown (state_text).
STATE_TEXT = {"": QT_TRANSLATE_NOOP("PrintStates", "未打印"), "sent": QT_TRANSLATE_NOOP("PrintStates", "已送打印机"),
              "printed": QT_TRANSLATE_NOOP("PrintStates", "已打印"), "failed": QT_TRANSLATE_NOOP("PrintStates", "打印失败"),
              "unknown": QT_TRANSLATE_NOOP("PrintStates", "状态未知")}


def state_text(state: str) -> str:
    """What the clerk reads for a print's state (the print log's job_state)."""
    return QCoreApplication.translate("PrintStates", STATE_TEXT.get(state, state))


def make_transport(settings: Any, data_dir: Path | None) -> DocumentPrinterTransport:
    """The transport the settings choose: ``printing.transport`` system (CUPS / Windows) or folder."""
    if settings.get("printing.transport") == "folder":
        return FolderPrinter(folder_of(settings, data_dir))
    return system_transport()


def folder_of(settings: Any, data_dir: Path | None) -> Path:
    chosen = settings.get("printing.folder")
    return Path(chosen) if chosen else Path(data_dir or ".") / "printed"


# Stored in the print log in Chinese (it replicates to desk-central and the supervisor reads it there).
_STATUS_UNKNOWN = QT_TRANSLATE_NOOP("PrintPipeline", "无法询问打印结果（{why}）。请到打印机查看，未打出请重打。")
_PRINT_BUG = QT_TRANSLATE_NOOP("PrintPipeline", "打印时程序出错，已记录日志。请检查打印机后重打。")

class PrintPipeline(QObject):
    """``PrintPipeline(runner, settings, printing, bridge, data_dir=...)``; ``printing`` is the PrintService.

    ``transport`` follows the settings unless one is given (tests). Signals carry the PrintedDocument.
    """

    job_sent = Signal(object, object)           # PrintedDocument, SentJob
    job_finished = Signal(object, str, str)     # PrintedDocument, state (printed|failed|unknown), Chinese message
    reprinted = Signal(object, object)          # old PrintedDocument, new one (marked 补打)
    reprint_failed = Signal(object, str)        # old PrintedDocument, Chinese message
    test_page_finished = Signal(str, str, str)  # kind, state, Chinese message

    def __init__(self, runner: Any, settings: Any, printing: Any, bridge: Any, *, actor: str = "",
                 data_dir: Path | None = None, transport: DocumentPrinterTransport | None = None,
                 hall_name: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.runner, self.settings, self.printing, self.bridge = runner, settings, printing, bridge
        self.actor, self.data_dir, self.hall_name = actor, data_dir, hall_name
        self._fixed = transport
        self._transport = transport or make_transport(settings, data_dir)
        self.jobs: dict[str, str] = {}  # print id -> latest state, for the screens' labels
        settings.changed.connect(self._on_settings_changed)

    @property
    def transport(self) -> DocumentPrinterTransport:
        return self._transport

    def _on_settings_changed(self, key: str, _value: Any) -> None:
        if self._fixed is None and key in ("printing.transport", "printing.folder"):
            self._transport = make_transport(self.settings, self.data_dir)

    def printer_for(self, kind: str) -> str:
        """The printer chosen for ``kind`` ("" = the transport's default)."""
        return (self.settings.get("printing.printers") or {}).get(kind, "")

    def printer_label(self, kind: str) -> str:
        name = self.printer_for(kind)
        if self.transport.name == "folder":
            return self.tr("%1（%2）").replace("%1", name or self.transport.default_printer()).replace(
                "%2", str(folder_of(self.settings, self.data_dir)))
        return name or self.tr("系统默认打印机")

    def state_of(self, doc: Any) -> str:
        return self.jobs.get(doc.print_id, "")

    # ------------------------------------------------------------------ printing
    def print_document(self, doc: Any, *, copies: int = 1, actor: str | None = None) -> None:
        """Send ``doc`` (its PDF as it is: the original or a 补打) to its kind's printer, off the UI thread."""
        transport, printer = self.transport, self.printer_for(doc.kind)
        title = f"{kind_name(doc.kind)} {doc.number}" + (self.tr(" 补打%1").replace("%1", str(doc.reprint))
                                                           if doc.reprint else "")
        who = actor or self.actor
        self.jobs[doc.print_id] = "sent"
        op = self.runner.io(lambda: transport.submit(doc.pdf, printer=printer, title=title, copies=copies),
                            success=lambda job: self._on_sent(doc, job, transport, who),
                            failure=lambda exc: self._on_submit_failed(doc, exc, transport, printer, who),
                            parent=self)
        if op is not None:  # a bug (the runner reports it): the job is recorded as failed, not left "sent"
            op.on_bug(lambda: self._on_submit_failed(doc, None, transport, printer, who))

    def _on_sent(self, doc: Any, job: SentJob, transport: DocumentPrinterTransport, who: str) -> None:
        self._report(doc, who, "sent", job.printer, transport.name, job.job_id, "")
        self.job_sent.emit(doc, job)
        QTimer.singleShot(self._status_delay_ms(transport), self, lambda: self._ask(doc, job, transport, who))

    def _status_delay_ms(self, transport: DocumentPrinterTransport) -> int:
        if transport.name == "folder":
            return 0  # the file is complete once submit returned: nothing to wait for
        try:
            return max(0, int(float(self.settings.get("printing.status_delay_s")) * 1000))
        except (TypeError, ValueError):  # a hand-edited settings file: the schema's default
            return 5000

    def _ask(self, doc: Any, job: SentJob, transport: DocumentPrinterTransport, who: str) -> None:
        def unknown(why: str) -> None:
            self._on_status(doc, job, transport, who, JobStatus(
                "unknown", _STATUS_UNKNOWN.format(why=why)))
        op = self.runner.io(lambda: transport.status(job),
                            success=lambda st: self._on_status(doc, job, transport, who, st),
                            failure=lambda exc: unknown(exc.message), parent=self)
        if op is not None:
            op.on_bug(lambda: unknown(QT_TRANSLATE_NOOP("PrintPipeline", "程序出错，已记录日志")))

    def _on_status(self, doc: Any, job: SentJob, transport: DocumentPrinterTransport, who: str,
                   st: JobStatus) -> None:
        self._report(doc, who, st.state, job.printer, transport.name, job.job_id, st.message_cn)
        label = f"{kind_name(doc.kind)} {doc.number}"
        if st.state == "printed":
            where = (self.tr("：%1") if transport.name == "folder" else self.tr("（%1）")).replace(
                "%1", job.job_id if transport.name == "folder" else job.printer)
            self.bridge.info.emit(self.tr("%1 已打印%2").replace("%1", label).replace("%2", where))
        elif st.state == "failed":
            self.bridge.error.emit(self._about(label, st.message_cn))
        else:
            self.bridge.warning.emit(self._about(label, st.message_cn))
        self.job_finished.emit(doc, st.state, st.message_cn)

    def _on_submit_failed(self, doc: Any, exc: KnownError | None, transport: DocumentPrinterTransport,
                          printer: str, who: str) -> None:
        """``exc`` None: a bug, which the runner has logged and shown."""
        # The print log keeps the Chinese text (it replicates to desk-central); the screen shows its translation.
        stored = exc.message if exc is not None else _PRINT_BUG
        shown = error_text(exc) if exc is not None else self.tr("打印时程序出错，已记录日志。请检查打印机后重打。")
        self._report(doc, who, "failed", printer, transport.name, "", stored)
        self.bridge.error.emit(self._about(f"{kind_name(doc.kind)} {doc.number}", shown))
        self.job_finished.emit(doc, "failed", shown)

    def _about(self, what: str, message: str) -> str:
        return self.tr("%1：%2").replace("%1", what).replace("%2", message)

    def _report(self, doc: Any, who: str, state: str, printer: str, transport: str, job: str, msg: str) -> None:
        self.jobs[doc.print_id] = state
        if not doc.print_id:
            return  # a document the print service never logged (not expected): nothing to attach the state to
        printing = self.printing
        self.runner.write(lambda: printing.report_job(doc.printout_id, doc.print_id, actor=who, state=state,
                                                      printer=printer, transport=transport, job=job, message=msg),
                          parent=self)  # a known error goes to the message bar, a bug to the crash dialog

    def reprint(self, doc: Any, *, copies: int = 1, actor: str | None = None,
                done: Callable[[Any], None] | None = None) -> None:
        """补打: the print service renders ``doc`` again marked and counts it; the new PDF is then printed."""
        printing, who, printer = self.printing, actor or self.actor, self.printer_for(doc.kind)

        def reprinted(new: Any) -> None:
            self.reprinted.emit(doc, new)
            if done is not None:
                done(new)
            self.print_document(new, copies=copies, actor=who)
        op = self.runner.write(lambda: printing.reprint(doc.printout_id, actor=who, copies=copies, printer=printer),
                               success=reprinted, failure=lambda exc: self._on_reprint_failed(doc, exc), parent=self)
        if op is not None:  # the runner showed the bug
            op.on_bug(lambda: self.reprint_failed.emit(doc, self.tr("补打失败，已记录日志。请重试。")))

    def _on_reprint_failed(self, doc: Any, exc: KnownError) -> None:
        self.bridge.known_error.emit(exc)
        self.reprint_failed.emit(doc, error_text(exc))

    # ------------------------------------------------------------------ previews and the test page
    def preview(self, docs: list[Any], parent: Any = None, *, actor: str | None = None) -> Any:
        """A non-modal preview of ``docs`` (closing it deletes it); returns the dialog."""
        from PySide6.QtCore import Qt
        from desk_app.ui.printing.preview import PrintPreviewDialog
        dlg = PrintPreviewDialog(self, list(docs), actor=actor, parent=parent)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        dlg.raise_()
        dlg.activateWindow()
        return dlg

    def print_test_page(self, kind: str) -> None:
        """One test page on ``kind``'s printer; not a document, so not in the print log."""
        from desk_app.printing.test_page import render_test_page
        transport, printer = self.transport, self.printer_for(kind)
        label, hall = kind_name(kind), self.hall_name
        when = time.strftime("%Y-%m-%d %H:%M:%S")

        def run() -> tuple[SentJob, JobStatus]:
            pdf = render_test_page(printer=printer or transport.default_printer(), kind_label=label,
                                   hall_name=hall, when=when)
            return transport.submit(pdf, printer=printer, title=self.tr("打印测试页")), None

        def sent(result: tuple[SentJob, Any]) -> None:
            job = result[0]
            QTimer.singleShot(self._status_delay_ms(transport), self, lambda: self.runner.io(
                lambda: transport.status(job), success=lambda st: self._test_done(kind, job, st), parent=self))

        def failed(exc: KnownError) -> None:
            self.test_page_finished.emit(kind, "failed", error_text(exc))
        op = self.runner.io(run, success=sent, failure=failed, parent=self)
        if op is not None:  # the runner showed the bug
            op.on_bug(lambda: self.test_page_finished.emit(kind, "failed",
                                                           self.tr("打印测试页时程序出错，已记录日志。")))

    def _test_done(self, kind: str, job: SentJob, st: JobStatus) -> None:
        text = (self.tr("测试页已打印（%1）").replace("%1", job.job_id if job.transport == "folder" else job.printer)
                if st.state == "printed" else st.message_cn)
        self.test_page_finished.emit(kind, st.state, text)
