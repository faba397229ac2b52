"""The print pipeline through pytest-qt: preview that fits the screen, zoom and pages, a real click on 打印 producing
a job off the UI thread, 重打 marked and counted, the status asked once (no answer = unknown), printer settings."""
from __future__ import annotations

import io
import threading
from types import SimpleNamespace

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desk_app.devices.doc_printer import FolderPrinter, JobStatus
from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings
from desk_app.ui.printing.pipeline import PrintPipeline
from desk_app.ui.printing.preview import PrintPreviewDialog
from desk_app.ui.printing.settings_page import PrinterSettingsPage
from tests.print_support import ScriptedTransport, issue, print_service


@pytest.fixture
def runner(qtbot):
    r = Runner(MessageBridge())
    yield r
    r.shutdown()


@pytest.fixture
def settings(tmp_path):
    s = Settings(tmp_path / "settings.json")
    s.set("printing.status_delay_s", 0.2)
    return s


@pytest.fixture
def service(store, data_dir):
    return print_service(store, data_dir)


def _pipeline(runner, settings, service, transport):
    return PrintPipeline(runner, settings, service, runner.bridge, actor="clerk5", transport=transport)


def _text(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_click_on_print_sends_the_job_off_the_ui_thread_and_logs_it(qtbot, runner, settings, service, tmp_path):
    doc = issue(service, "one-time-notice", materials=40)
    pages = len(pypdf.PdfReader(io.BytesIO(doc.pdf)).pages)
    pipeline = _pipeline(runner, settings, service, FolderPrinter(tmp_path / "out"))
    dlg = PrintPreviewDialog(pipeline, [doc])
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.page_count == pages >= 2 and f"共 {pages} 页" in dlg.pages_label.text()
    with qtbot.waitSignal(pipeline.job_finished, timeout=30000) as sig:
        qtbot.mouseClick(dlg.print_button, Qt.MouseButton.LeftButton)
        assert not dlg.print_button.isEnabled()  # at once: the job runs on a worker
    assert sig.args[1] == "printed"
    files = list((tmp_path / "out").rglob("*.pdf"))
    assert len(files) == 1 and files[0].read_bytes() == doc.pdf
    qtbot.waitUntil(lambda: service.log()[0].job_state == "printed", timeout=20000)
    entry = service.log()[0]
    assert entry.reprint == 0 and entry.printer == "文件夹打印机"
    assert "已打印" in dlg.status.text() and "已打印" in dlg.doc_list.item(0).text()
    assert not dlg.print_button.isEnabled() and dlg.reprint_button.isEnabled()  # again = 重打, not a 2nd original


def test_reprint_is_marked_counted_and_printed(qtbot, runner, settings, service):
    doc = issue(service)
    transport = ScriptedTransport()
    pipeline = _pipeline(runner, settings, service, transport)
    dlg = PrintPreviewDialog(pipeline, [doc])
    qtbot.addWidget(dlg)
    dlg.show()
    with qtbot.waitSignal(pipeline.job_finished, timeout=30000):
        dlg.print_button.click()
    with qtbot.waitSignal(pipeline.job_finished, timeout=30000) as sig:
        qtbot.mouseClick(dlg.reprint_button, Qt.MouseButton.LeftButton)
    new = sig.args[0]
    assert new.reprint == 1 and "补打" in _text(transport.submitted[1]["pdf"])
    assert "补打" not in _text(transport.submitted[0]["pdf"]) and "补打1" in transport.submitted[1]["title"]
    assert dlg.docs[0].reprint == 1 and "补打第 1 次" in dlg.doc_list.item(0).text()
    assert "desk-io" in "".join(transport.threads) and threading.current_thread().name not in transport.threads
    qtbot.waitUntil(lambda: [e.job_state for e in sorted(service.log(), key=lambda e: e.reprint)]
                    == ["printed", "printed"], timeout=20000)
    info = service.documents(doc.case_id)[0]
    assert (info.print_count, info.reprint_count) == (2, 1)


def test_no_answer_is_unknown_and_asked_once(qtbot, runner, settings, service):
    doc = issue(service)
    transport = ScriptedTransport(raise_on_status=True)
    pipeline = _pipeline(runner, settings, service, transport)
    warnings = []
    runner.bridge.warning.connect(warnings.append)
    dlg = PrintPreviewDialog(pipeline, [doc])
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(pipeline.job_finished, timeout=30000) as sig:
        dlg.print_button.click()
    assert sig.args[1] == "unknown" and "重打" in sig.args[2]
    qtbot.waitUntil(lambda: service.log()[0].job_state == "unknown", timeout=20000)
    qtbot.wait(500)  # nobody asks again
    assert transport.asked == 1 and warnings and "状态未知" in dlg.doc_list.item(0).text()
    assert dlg.reprint_button.isEnabled()


def test_refused_job_keeps_the_dialog_with_a_chinese_message(qtbot, runner, settings, service):
    doc = issue(service)
    transport = ScriptedTransport(refuse="找不到打印机“旧打印机”。请在打印设置中重新选择打印机。")
    pipeline = _pipeline(runner, settings, service, transport)
    errors = []
    runner.bridge.error.connect(errors.append)
    dlg = PrintPreviewDialog(pipeline, [doc])
    qtbot.addWidget(dlg)
    dlg.show()
    with qtbot.waitSignal(pipeline.job_finished, timeout=30000) as sig:
        dlg.print_button.click()
    assert sig.args[1] == "failed"
    assert dlg.isVisible() and dlg.print_button.isEnabled() and "旧打印机" in dlg.status.text()
    qtbot.waitUntil(lambda: service.log()[0].job_state == "failed", timeout=20000)
    assert errors and "旧打印机" in errors[0]


def test_preview_fits_the_screen_zooms_and_prints_all(qtbot, runner, settings, service):
    docs = [issue(service, "acceptance-notice"), issue(service, "materials-receipt")]
    transport = ScriptedTransport()
    pipeline = _pipeline(runner, settings, service, transport)
    dlg = PrintPreviewDialog(pipeline, docs)
    qtbot.addWidget(dlg)
    dlg.show()
    avail = QGuiApplication.primaryScreen().availableGeometry()
    assert dlg.frameGeometry().height() <= avail.height() and dlg.frameGeometry().width() <= avail.width()
    assert avail.contains(dlg.frameGeometry().topLeft())
    assert dlg.print_all_button.isDefault() and dlg.doc_list.count() == 2
    before = dlg.view.zoomFactor()
    dlg.zoom_in.click()
    assert dlg.view.zoomFactor() > before and "%" in dlg.zoom_label.text()
    dlg.fit_page.click()
    assert dlg.zoom_label.text() == "整页"
    dlg.doc_list.setCurrentRow(1)
    assert "收件凭证" in dlg.windowTitle()
    qtbot.keyClick(dlg, Qt.Key.Key_Return)  # the default button: 全部打印
    qtbot.waitUntil(lambda: len(transport.submitted) == 2, timeout=30000)
    assert {s["title"].split()[0] for s in transport.submitted} == {"受理通知书", "收件凭证"}


def test_settings_page_per_kind_printer_transport_and_test_page(qtbot, runner, settings, service, tmp_path):
    settings.set("printing.folder", str(tmp_path / "pdf"))
    pipeline = PrintPipeline(runner, settings, service, runner.bridge, data_dir=tmp_path)
    ctx = SimpleNamespace(settings=settings, runner=runner, print_pipeline=pipeline)
    page = PrinterSettingsPage(ctx, printers=["HP LaserJet 办公室", "Kyocera 受理区"])
    qtbot.addWidget(page)
    combo = page.combos["acceptance-notice"]
    combo.setCurrentIndex(combo.findData("Kyocera 受理区"))
    assert settings.get("printing.printers") == {"acceptance-notice": "Kyocera 受理区"}
    combo.setCurrentIndex(0)
    assert settings.get("printing.printers") == {}
    page.width_combo.setCurrentIndex(page.width_combo.findData(58))
    assert settings.get("printing.ticket_width_mm") == 58
    settings.set("printing.printers", {"one-time-notice": "旧打印机"})
    page.reload()
    assert "未连接" in page.combos["one-time-notice"].currentText()
    # switch to the folder printer: the pipeline follows, the test page lands in the folder
    page.transport_combo.setCurrentIndex(page.transport_combo.findData("folder"))
    assert settings.get("printing.transport") == "folder" and pipeline.transport.name == "folder"
    assert str(tmp_path / "pdf") in page.folder_note.text()
    with qtbot.waitSignal(pipeline.test_page_finished, timeout=30000) as sig:
        qtbot.mouseClick(page.test_buttons["acceptance-notice"], Qt.MouseButton.LeftButton)
    assert sig.args[:2] == ["acceptance-notice", "printed"]
    files = list((tmp_path / "pdf").rglob("*.pdf"))
    assert len(files) == 1 and "打印测试页" in _text(files[0].read_bytes())
    assert "测试页已打印" in page.test_results["acceptance-notice"].text()


def test_device_settings_page_prints_a_test_page(qtbot, runner, settings, service, tmp_path):
    from desk_app.devices.health import DeviceRegistry
    from desk_app.ui.devices.settings_page import DeviceSettingsPage
    transport = ScriptedTransport(status=JobStatus("unknown", "打印机没有回答"))
    pipeline = _pipeline(runner, settings, service, transport)
    page = DeviceSettingsPage(DeviceRegistry(), runner, settings, print_pipeline=pipeline)
    qtbot.addWidget(page)
    with qtbot.waitSignal(pipeline.test_page_finished, timeout=30000):
        qtbot.mouseClick(page.test_page_button, Qt.MouseButton.LeftButton)
    assert transport.submitted[0]["title"] == "打印测试页" and "没有回答" in page.test_page_result.text()


def test_reprint_that_cannot_be_made_says_so_and_can_be_retried(qtbot, runner, settings, service):
    doc = issue(service)
    pipeline = _pipeline(runner, settings, service, ScriptedTransport())
    dlg = PrintPreviewDialog(pipeline, [doc])
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(pipeline.job_finished, timeout=30000):
        dlg.print_button.click()
    ghost = type(doc)("no-such-printout", doc.kind, doc.number, doc.case_id, doc.sha256, 0, doc.pdf, doc.print_id)
    dlg.docs[0] = ghost  # e.g. a document this PC has not received yet
    with qtbot.waitSignal(pipeline.reprint_failed, timeout=30000):
        dlg.reprint_button.click()
    assert "找不到这份文书" in dlg.status.text() and dlg.reprint_button.isEnabled()
