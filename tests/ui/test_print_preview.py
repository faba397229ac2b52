"""Print preview (QtPdf), printing off the UI thread with a Chinese error on failure, and the printer settings page."""
from __future__ import annotations

import io
from types import SimpleNamespace

import pypdf
import pytest

from desk_app.printing import render_pdf
from desk_app.printing.samples import sample
from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings
from desk_app.ui.printing.jobs import DocumentPrinter
from desk_app.ui.printing.preview import PrintPreviewDialog
from desk_app.ui.printing.settings_page import PrinterSettingsPage


@pytest.fixture
def runner(qtbot):
    r = Runner(MessageBridge())
    yield r
    r.shutdown()


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "settings.json")


def test_preview_shows_every_page_and_prints_off_the_ui_thread(qtbot, runner, settings, tmp_path):
    pdf = render_pdf("one-time-notice", sample("one-time-notice", materials=40))
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    printer = DocumentPrinter(runner, settings, runner.bridge)
    dlg = PrintPreviewDialog(pdf, kind="one-time-notice", printer=printer)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.page_count == pages >= 2
    assert f"共 {pages} 页" in dlg.pages_label.text()
    out = tmp_path / "printed.pdf"
    with qtbot.wait_signal(dlg.printed, timeout=60000) as sig:
        dlg.print_to_file(str(out))
        assert not dlg.print_button.isEnabled()  # busy, and the UI thread was not blocked to get here
    assert sig.args == ["one-time-notice", pages]
    assert len(pypdf.PdfReader(str(out)).pages) == pages


def test_missing_printer_gives_a_chinese_error_and_keeps_the_dialog(qtbot, runner, settings):
    settings.set("printing.printers", {"acceptance-notice": "不存在的打印机"})
    errors = []
    runner.bridge.error.connect(errors.append)
    printer = DocumentPrinter(runner, settings, runner.bridge)
    dlg = PrintPreviewDialog(render_pdf("acceptance-notice", sample("acceptance-notice")), kind="acceptance-notice",
                             printer=printer)
    qtbot.addWidget(dlg)
    dlg.show()
    assert "不存在的打印机" in dlg.printer_label.text()
    with qtbot.wait_signal(printer.failed, timeout=20000) as sig:
        dlg.print_button.click()
    assert "找不到打印机" in sig.args[0] and "不存在的打印机" in sig.args[0]
    assert dlg.isVisible() and dlg.print_button.isEnabled()
    assert "找不到打印机" in dlg.status.text()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)


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
