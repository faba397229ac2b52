"""Scan material pages with the document scanner's feeder; after a jam, re-feed the rest and continue."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.devices.doc_scanner import ScannedPage, ScanResult, ScanSettings
from desk_app.domain.errors import KnownError
from desk_app.runtime.relay import ThreadRelay
from desk_app.ui.devices.pages_pdf import save_pages_as_pdf
from desk_app.ui.errors import error_text


class DocScanWidget(QWidget):
    """``DocScanWidget(scanner, runner, parent=None, save=None)``.

    Each 扫描 press adds the pages read to the pages kept so far (a jam or empty feeder keeps them and shows
    what happened). 完成 joins all pages into one PDF (JPEG pages embedded as they are), emits ``pdf_ready``
    and, with ``save(pdf_bytes)``, runs it on the writer thread and emits ``saved(result)``.
    """

    page_scanned = Signal(int)  # pages read so far in the running scan (relayed from the worker)
    scan_finished = Signal(object)  # ScanResult
    pdf_ready = Signal(bytes)
    saved = Signal(object)
    failed = Signal(str)

    def __init__(self, scanner: Any, runner: Any, parent: QWidget | None = None, *,
                 save: Callable[[bytes], Any] | None = None):
        super().__init__(parent)
        self.scanner, self.runner, self._save = scanner, runner, save
        self.pages: list[ScannedPage] = []
        self.source = QComboBox(self)
        self.source.addItem(self.tr("进纸器（多页）"), "feeder")
        self.source.addItem(self.tr("平板（单页）"), "flatbed")
        self.dpi = QComboBox(self)
        for d in (200, 300):
            self.dpi.addItem(f"{d} dpi", d)
        self.scan_button = QPushButton(self.tr("扫描"), self)
        self.clear_button = QPushButton(self.tr("清空"), self)
        self.finish = QPushButton(self.tr("完成并保存"), self)
        self.status = QLabel(self.tr("请放入材料后点“扫描”"), self)
        self.status.setWordWrap(True)
        self.count = QLabel(self)
        row = QHBoxLayout()
        for w in (self.source, self.dpi, self.scan_button, self.clear_button, self.finish):
            row.addWidget(w)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.count)
        lay.addWidget(self.status)
        self.scan_button.clicked.connect(self._on_scan_button_clicked)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.finish.clicked.connect(self._on_finish_clicked)
        self._update()

    def _update(self) -> None:
        self.count.setText(self.tr("已扫描 {0} 页").format(len(self.pages)))
        self.finish.setEnabled(bool(self.pages))
        self.clear_button.setEnabled(bool(self.pages))

    def _fail(self, exc: KnownError | None) -> None:
        # None: a bug, which the runner has logged and shown in the crash dialog
        text = error_text(exc) if exc is not None else self.tr("程序出错，已记录日志。请重试。")
        self.status.setText(text)
        self.scan_button.setEnabled(True)
        self._update()
        self.failed.emit(text)

    def _on_scan_button_clicked(self) -> None:
        settings = ScanSettings(source=self.source.currentData(), dpi=self.dpi.currentData())
        self.scan_button.setEnabled(False)
        self.status.setText(self.tr("正在扫描…"))
        progress = ThreadRelay(self._on_page_scanned).send  # called on the worker: queued, never a widget call
        op = self.runner.io(lambda: self.scanner.scan(settings, on_page=progress), success=self._on_scan_done,
                            failure=self._fail, parent=self)
        if op is not None:
            op.on_bug(lambda: self._fail(None))

    def _on_page_scanned(self, n: int) -> None:
        self.status.setText(self.tr("正在扫描… 第 {0} 页").format(len(self.pages) + n))
        self.page_scanned.emit(n)

    def _on_scan_done(self, result: ScanResult) -> None:
        self.pages.extend(result.pages)
        self.status.setText(result.message_cn)
        self.scan_button.setEnabled(True)
        self._update()
        self.scan_finished.emit(result)

    def _on_clear_button_clicked(self) -> None:
        self.pages.clear()
        self._update()

    def _on_finish_clicked(self) -> None:
        self.finish.setEnabled(False)
        save_pages_as_pdf(self, self.runner, [p.jpeg for p in self.pages], self._save,
                          built=self._on_pdf_built, saved=self._on_pdf_saved, failed=self._fail)

    def _on_pdf_built(self, pdf: bytes) -> None:
        self.pdf_ready.emit(pdf)
        if self._save is None:
            self._update()

    def _on_pdf_saved(self, result: Any) -> None:
        self.status.setText(self.tr("已保存 {0} 页").format(len(self.pages)))
        self.pages.clear()
        self._update()
        self.saved.emit(result)
