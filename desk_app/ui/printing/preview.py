"""Print preview: the documents of one step (e.g. acceptance notice and materials receipt), zoom, pages, 打印 / 重打.

The dialog never grows past the screen's available area (1366×768 included): the page view scrolls.
打印 sends a document that has not reached a printer yet (or whose print failed); once the printer took it,
only 重打 is offered, which prints a copy marked 补打 and counted. Each row shows what the printer answered.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QVBoxLayout, QWidget,
)

from desk_app.ui.printing.jobs import kind_name
from desk_app.ui.printing.pipeline import state_text

ZOOM_STEPS = (0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)
# A print whose fate is known or pending: pressing 打印 again would be a second original, so it is 重打.
_SENT = ("sent", "printed", "unknown")


class PrintPreviewDialog(QDialog):
    """``PrintPreviewDialog(pipeline, docs)``; ``docs`` are PrintedDocuments. Non-modal: the clerk keeps working."""

    def __init__(self, pipeline: Any, docs: list[Any], *, actor: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.pipeline, self.docs, self.actor = pipeline, list(docs), actor
        self.setWindowTitle(self.tr("打印预览"))
        self._data = QByteArray()
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.doc_list = QListWidget(self)
        self.doc_list.setMaximumWidth(280)
        self.doc_list.setSpacing(4)
        self.doc_list.setVisible(len(self.docs) > 1)
        self.zoom_out = QPushButton(self.tr("缩小"), self)
        self.zoom_in = QPushButton(self.tr("放大"), self)
        self.fit_width = QPushButton(self.tr("适合宽度"), self)
        self.fit_page = QPushButton(self.tr("整页"), self)
        self.zoom_label = QLabel(self)
        self.pages_label = QLabel(self)
        self.printer_label = QLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.copies = QSpinBox(self)
        self.copies.setRange(1, 20)
        self.copies.setPrefix(self.tr("份数 "))
        self.print_button = QPushButton(self.tr("打印"), self)
        self.print_all_button = QPushButton(self.tr("全部打印"), self)
        self.print_all_button.setVisible(len(self.docs) > 1)
        self.reprint_button = QPushButton(self.tr("重打"), self)
        self.reprint_button.setToolTip(self.tr("再打一份，文书上标明“补打”并计数"))
        self.close_button = QPushButton(self.tr("关闭"), self)
        (self.print_all_button if len(self.docs) > 1 else self.print_button).setDefault(True)

        tools = QHBoxLayout()
        for w in (self.zoom_out, self.zoom_in, self.fit_width, self.fit_page, self.zoom_label):
            tools.addWidget(w)
        tools.addStretch(1)
        tools.addWidget(self.pages_label)
        body = QHBoxLayout()
        body.addWidget(self.doc_list)
        body.addWidget(self.view, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.printer_label, 1)
        for w in (self.copies, self.print_button, self.print_all_button, self.reprint_button, self.close_button):
            bar.addWidget(w)
        lay = QVBoxLayout(self)
        lay.addLayout(tools)
        lay.addLayout(body, 1)
        lay.addWidget(self.status)
        lay.addLayout(bar)

        self.zoom_in.clicked.connect(lambda: self._step_zoom(+1))
        self.zoom_out.clicked.connect(lambda: self._step_zoom(-1))
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, activated=lambda: self._step_zoom(+1))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, activated=lambda: self._step_zoom(-1))
        self.fit_width.clicked.connect(lambda: self._set_mode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page.clicked.connect(lambda: self._set_mode(QPdfView.ZoomMode.FitInView))
        self.view.zoomFactorChanged.connect(lambda _f: self._show_zoom())
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._show_pages())
        self.doc_list.currentRowChanged.connect(self._on_doc_list_row_changed)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.print_all_button.clicked.connect(self._on_print_all_clicked)
        self.reprint_button.clicked.connect(self._on_reprint_clicked)
        self.close_button.clicked.connect(self.reject)
        pipeline.job_sent.connect(self._on_pipeline_job_sent)
        pipeline.job_finished.connect(self._on_pipeline_job_finished)
        pipeline.reprinted.connect(self._on_pipeline_reprinted)
        pipeline.reprint_failed.connect(self._on_pipeline_reprint_failed)

        for doc in self.docs:
            self.doc_list.addItem(QListWidgetItem())
        self._refresh_rows()
        self.doc_list.setCurrentRow(0)
        self._fit_to_screen()

    # ------------------------------------------------------------------ layout
    def _fit_to_screen(self) -> None:
        screen = (self.parentWidget().screen() if self.parentWidget() else None) or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry()
        window = self.parentWidget().window() if self.parentWidget() else None
        if window is not None and window.isVisible() and avail.intersects(window.geometry()):
            # Over the screen that opened it and no bigger: at 1366×768 the screen's own height would put
            # 打印 / 全部打印 below the taskbar (the main window is what the desk really has).
            avail = avail.intersected(window.geometry())
        # The window frame (title bar) is not known before showing: keep 40 px for it.
        w, h = min(1000, avail.width() - 40), min(1100, avail.height() - 40)
        self.setMaximumSize(avail.width(), avail.height() - 30)
        self.resize(w, h)
        self.move(avail.x() + (avail.width() - w) // 2, avail.y() + max(0, (avail.height() - h - 30) // 2))

    def _set_mode(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)
        self._show_zoom()

    def _step_zoom(self, direction: int) -> None:
        current = self.view.zoomFactor()
        steps = [z for z in ZOOM_STEPS if (z > current + 1e-3 if direction > 0 else z < current - 1e-3)]
        if not steps:
            return
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(steps[0] if direction > 0 else steps[-1])
        self._show_zoom()

    def _show_zoom(self) -> None:
        mode = self.view.zoomMode()
        self.zoom_label.setText(self.tr("适合宽度") if mode == QPdfView.ZoomMode.FitToWidth else
                                self.tr("整页") if mode == QPdfView.ZoomMode.FitInView else
                                f"{round(self.view.zoomFactor() * 100)}%")

    def _show_pages(self) -> None:
        n = self.document.pageCount()
        current = self.view.pageNavigator().currentPage() + 1
        self.pages_label.setText(self.tr("第 %1 / %2 页（共 %2 页）").replace("%1", str(min(current, n))).replace(
            "%2", str(n)))

    # ------------------------------------------------------------------ documents
    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def current(self) -> Any:
        row = self.doc_list.currentRow()
        return self.docs[row] if 0 <= row < len(self.docs) else None

    def state(self, doc: Any) -> str:
        return self.pipeline.state_of(doc)

    def _row_text(self, doc: Any) -> str:
        mark = self.tr("（补打第 %1 次）").replace("%1", str(doc.reprint)) if doc.reprint else ""
        return f"{kind_name(doc.kind)}{mark}\n{doc.number}\n{state_text(self.state(doc))}"

    def _refresh_rows(self) -> None:
        for i, doc in enumerate(self.docs):
            self.doc_list.item(i).setText(self._row_text(doc))
        doc = self.current
        if doc is not None:
            state = self.state(doc)
            self.print_button.setEnabled(state not in _SENT)
            self.reprint_button.setEnabled(state in ("printed", "unknown"))
            self.print_all_button.setEnabled(any(self.state(d) not in _SENT for d in self.docs))
            self.printer_label.setText(self.tr("打印机：%1").replace("%1", self.pipeline.printer_label(doc.kind)))
            title = f"{kind_name(doc.kind)} {doc.number}"
            self.setWindowTitle(self.tr("打印预览 - %1").replace("%1", title))

    def _on_doc_list_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.docs):
            self._load(self.docs[row].pdf)
        self._refresh_rows()

    def _load(self, pdf: bytes) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self._data = QByteArray(pdf)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.view.pageNavigator().jump(0, QPointF(), 0)
        self._show_pages()
        self._show_zoom()

    def _index_of(self, doc: Any) -> int:
        return next((i for i, d in enumerate(self.docs) if d.print_id == doc.print_id), -1)

    # ------------------------------------------------------------------ actions
    def _on_print_clicked(self) -> None:
        doc = self.current
        if doc is not None and self.state(doc) not in _SENT:
            self._send(doc)

    def _on_print_all_clicked(self) -> None:
        for doc in self.docs:
            if self.state(doc) not in _SENT:
                self._send(doc)

    def _send(self, doc: Any) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在送往打印机：%1").replace("%1", f"{kind_name(doc.kind)} {doc.number}"))
        self.pipeline.print_document(doc, copies=self.copies.value(), actor=self.actor)
        self._refresh_rows()

    def _on_reprint_clicked(self) -> None:
        doc = self.current
        if doc is None or self.state(doc) not in ("printed", "unknown"):
            return
        self.reprint_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在生成补打件……"))
        self.pipeline.reprint(doc, copies=self.copies.value(), actor=self.actor)

    def _on_pipeline_reprinted(self, old: Any, new: Any) -> None:
        i = self._index_of(old)
        if i < 0:
            return
        self.docs[i] = new
        if i == self.doc_list.currentRow():
            self._load(new.pdf)  # the page now shows the 补打 mark the printer receives
        self._refresh_rows()

    def _on_pipeline_reprint_failed(self, doc: Any, message: str) -> None:
        if self._index_of(doc) < 0:
            return
        self.status.setStyleSheet("color: #C00000;")
        self.status.setText(message)
        self._refresh_rows()  # 重打 is offered again: the clerk may retry once the cause is fixed

    def _on_pipeline_job_sent(self, doc: Any, _job: Any) -> None:
        if self._index_of(doc) >= 0:
            self.status.setText(self.tr("%1 已送到打印机，正在等待打印结果……").replace(
                "%1", f"{kind_name(doc.kind)} {doc.number}"))
            self._refresh_rows()

    def _on_pipeline_job_finished(self, doc: Any, state: str, message: str) -> None:
        if self._index_of(doc) < 0:
            return
        name = f"{kind_name(doc.kind)} {doc.number}"
        if state == "printed":
            self.status.setStyleSheet("color: #1e8449;")
            self.status.setText(self.tr("%1 已打印。").replace("%1", name))
        else:
            self.status.setStyleSheet("color: #C00000;" if state == "failed" else "color: #9a6700;")
            self.status.setText(self.tr("%1：%2").replace("%1", name).replace("%2", message))
        self._refresh_rows()

    def done(self, result: int) -> None:
        for sig, slot in ((self.pipeline.job_sent, self._on_pipeline_job_sent),
                          (self.pipeline.job_finished, self._on_pipeline_job_finished),
                          (self.pipeline.reprinted, self._on_pipeline_reprinted),
                          (self.pipeline.reprint_failed, self._on_pipeline_reprint_failed)):
            try:
                sig.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        super().done(result)
        # The keyboard goes back to the window the preview came from: the clerk goes on without the mouse
        # (a window manager may do it too, but not every one does, and a bare X server has none).
        parent = self.parentWidget()
        if parent is not None:
            parent.window().activateWindow()
