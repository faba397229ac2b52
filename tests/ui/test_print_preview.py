"""Print preview (QtPdf), printing off the UI thread with a Chinese error on failure, and the printer settings page."""
from __future__ import annotations

import io
from types import SimpleNamespace

import pypdf
import pypdfium2
import pytest
from PySide6.QtCore import QTimer

from desk_app.printing import render_pdf
from desk_app.printing.samples import sample
from desk_app.runtime.settings import Settings
from desk_app.ui.printing.jobs import DocumentPrinter
from desk_app.ui.printing.preview import PrintPreviewDialog
from desk_app.ui.printing.settings_page import PrinterSettingsPage


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "settings.json")


def _ink(pdf: bytes | str) -> list[float]:
    """The mean darkness of each page (pdfium at 30 dpi, 0 white, 1 black): a blank page prints as 0."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            img = page.render(scale=30 / 72, grayscale=True).to_pil()
            hist = img.histogram()
            out.append(1 - sum(v * n for v, n in enumerate(hist)) / (255 * img.width * img.height))
        return out
    finally:
        doc.close()


def _ticking(qtbot):
    """A UI-thread timer's tick count: it only grows while the UI thread is free to run its event loop."""
    ticks = [0]
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    return ticks, timer


def test_preview_shows_every_page_and_prints_it_off_the_ui_thread(qtbot, runner, settings, tmp_path):
    pdf = render_pdf("one-time-notice", sample("one-time-notice", materials=40))
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    printer = DocumentPrinter(runner, settings, runner.bridge)
    dlg = PrintPreviewDialog(pdf, kind="one-time-notice", printer=printer)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.page_count == pages >= 2
    assert f"共 {pages} 页" in dlg.pages_label.text()
    out = tmp_path / "printed.pdf"
    ticks, timer = _ticking(qtbot)
    ticks_when_printed = []
    dlg.printed.connect(lambda *_: ticks_when_printed.append(ticks[0]))
    with qtbot.wait_signal(dlg.printed, timeout=60000) as sig:
        dlg.print_to_file(str(out))
        assert not dlg.print_button.isEnabled()  # busy until the printer took it
    timer.stop()
    assert sig.args == ["one-time-notice", pages]
    # Printed on the UI thread, the document would be done before the event loop ran the timer once.
    assert ticks_when_printed[0] > 0
    # Every page reached the printer with its content. The pages go out as 150 dpi images, whose anti-aliased
    # text reads lighter than the vector source (about 0.6 of its ink), but nowhere near a blank page's 0.
    printed, source = _ink(str(out)), _ink(pdf)
    assert len(printed) == pages
    assert all(s > 0.02 and 0.35 * s < p < 1.5 * s for p, s in zip(printed, source)), (printed, source)
    qtbot.wait_until(lambda: not dlg.isVisible())  # the dialog closes once the printer took the document


def test_missing_printer_gives_a_chinese_error_keeps_the_dialog_and_prints_on_retry(qtbot, runner, settings,
                                                                                      tmp_path):
    settings.set("printing.printers", {"acceptance-notice": "不存在的打印机"})
    errors, printed = [], []
    runner.bridge.error.connect(errors.append)
    printer = DocumentPrinter(runner, settings, runner.bridge)
    dlg = PrintPreviewDialog(render_pdf("acceptance-notice", sample("acceptance-notice")), kind="acceptance-notice",
                             printer=printer)
    qtbot.addWidget(dlg)
    dlg.printed.connect(lambda *a: printed.append(a))
    dlg.show()
    assert "不存在的打印机" in dlg.printer_label.text()
    ticks, timer = _ticking(qtbot)
    with qtbot.wait_signal(printer.failed, timeout=20000) as sig:
        dlg.print_button.click()
        assert not dlg.print_button.isEnabled() and "正在打印" in dlg.status.text()
    timer.stop()
    assert "找不到打印机" in sig.args[0] and "不存在的打印机" in sig.args[0]
    assert dlg.isVisible() and dlg.print_button.isEnabled() and printed == []
    assert "找不到打印机" in dlg.status.text()
    qtbot.wait_until(lambda: errors == [sig.args[0]], timeout=5000)
    # The clerk fixes the printer and presses 打印 again: the same dialog prints (here into a file).
    out = tmp_path / "retry.pdf"
    with qtbot.wait_signal(dlg.printed, timeout=60000):
        dlg.print_to_file(str(out))
    assert printed == [("acceptance-notice", 1)] and len(_ink(str(out))) == 1
    qtbot.wait_until(lambda: not dlg.isVisible())


def test_settings_page_stores_printer_per_kind(qtbot, settings):
    ctx = SimpleNamespace(settings=settings)
    page = PrinterSettingsPage(ctx, printers=["HP LaserJet 办公室", "Kyocera 受理区"])
    qtbot.addWidget(page)
    combo = page.combos["acceptance-notice"]
    combo.setCurrentIndex(combo.findData("Kyocera 受理区"))
    assert settings.get("printing.printers") == {"acceptance-notice": "Kyocera 受理区"}
    combo.setCurrentIndex(0)  # back to the system default
    assert settings.get("printing.printers") == {}
    page.width_combo.setCurrentIndex(page.width_combo.findData(58))
    assert settings.get("printing.ticket_width_mm") == 58
    # a saved printer that is not connected now stays selected, marked
    settings.set("printing.printers", {"one-time-notice": "旧打印机"})
    page.reload()
    c = page.combos["one-time-notice"]
    assert c.currentData() == "旧打印机" and "未连接" in c.currentText()
