"""Print preview: the rendered PDF's pages in a scrollable view, with the chosen printer and a print button."""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from desk_app.ui.printing.jobs import DocumentPrinter, default_printer, kind_name


class PrintPreviewDialog(QDialog):
    """Shows ``pdf``; 打印 sends it through ``printer`` (a DocumentPrinter) off the UI thread.

    Emits ``printed(kind, pages)`` and closes when the printer took it; a failure stays open with the
    Chinese message so the clerk can fix the printer and press 打印 again.
    """

    printed = Signal(str, int)

    def __init__(self, pdf: bytes, *, kind: str, printer: DocumentPrinter | None = None, copies: int = 1,
                 title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.kind, self.printer = kind, printer
        self.setWindowTitle(self.tr("打印预览 - %1").replace("%1", title or kind_name(kind)))
        self.resize(820, 960)
        self._data = QByteArray(pdf)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.pages_label = QLabel(self.tr("共 %n 页", "", self.document.pageCount()), self)
        self.printer_label = QLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.copies = QSpinBox(self)
        self.copies.setRange(1, 20)
        self.copies.setValue(copies)
        self.copies.setPrefix(self.tr("份数 "))
        self.print_button = QPushButton(self.tr("打印"), self)
        self.print_button.setDefault(True)
        self.close_button = QPushButton(self.tr("关闭"), self)

        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addWidget(self.printer_label, 1)
        bar.addWidget(self.copies)
        bar.addWidget(self.print_button)
        bar.addWidget(self.close_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.status)
        lay.addLayout(bar)

        self.print_button.clicked.connect(self._on_print_clicked)
        self.close_button.clicked.connect(self.reject)
        if printer is not None:
            printer.printed.connect(self._on_printer_printed)
            printer.failed.connect(self._on_printer_failed)
            name = printer.printer_for(kind) or default_printer()
            self.printer_label.setText(self.tr("打印机：%1").replace("%1", name or self.tr("（未设置）")))
        else:
            self.print_button.setEnabled(False)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def _on_print_clicked(self, _checked: bool = False, output_file: str | None = None) -> None:
        if self.printer is None:
            return
        self.print_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("正在打印……"))
        self.printer.print_document(self.kind, bytes(self._data), copies=self.copies.value(),
                                    output_file=output_file)

    def print_to_file(self, path: str) -> None:
        """Same path as 打印, into a PDF file (tests and "save as PDF")."""
        self._on_print_clicked(False, output_file=path)

    def _on_printer_printed(self, kind: str, pages: int) -> None:
        if kind != self.kind:
            return
        self.status.setText(self.tr("已发送到打印机，共 %n 页。", "", pages))
        self.print_button.setEnabled(True)
        self.printed.emit(kind, pages)
        self.accept()

    def _on_printer_failed(self, message: str) -> None:
        self.status.setStyleSheet("color: #C00000;")
        self.status.setText(message)
        self.print_button.setEnabled(True)

    def done(self, result: int) -> None:
        if self.printer is not None:
            for sig, slot in ((self.printer.printed, self._on_printer_printed),
                              (self.printer.failed, self._on_printer_failed)):
                try:
                    sig.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
        super().done(result)


def preview_pdf(pdf: bytes, *, kind: str, printer: DocumentPrinter | None, parent: QWidget | None = None
                ) -> PrintPreviewDialog:
    """Open a non-modal preview (the caller keeps working; the dialog deletes itself when closed)."""
    dlg = PrintPreviewDialog(pdf, kind=kind, printer=printer, parent=parent)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.show()
    return dlg
