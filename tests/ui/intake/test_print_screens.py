"""Every screen prints through the one pipeline: intake decisions, the pickup receipt, 补打文书, the daily cover."""
from __future__ import annotations

import io

import pypdf
from PySide6.QtCore import Qt

from desk_app.domain import intake as d
from desk_app.ui.pickup.pickup_window import PickupWindow
from desk_app.ui.printing.preview import PrintPreviewDialog
from desk_app.ui.printing.reprint_screen import ReprintDialog
from desk_app.ui.supervisor.supervisor_console import SupervisorConsole
from desk_app.ui.window.intake.screen import IntakeScreen
from tests.intake_support import PERSON, VALID_ID


WAIT = 20000  # ms: a 2-core machine shared by parallel test runs can take seconds for one read or write


def _checked_case(ctx) -> str:
    s = ctx.services.intake
    case = s.open_case(item_codes=["T0001"]).case
    s.set_applicant(case.id, PERSON)
    for m in case.materials:
        s.check_material(case.id, m["material_id"], d.RECEIVED, form=d.ORIGINAL, copies=1)
    return case.id


def _printed_texts(data_dir) -> list[str]:
    return ["".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(f.read_bytes())).pages)
            for f in sorted((data_dir / "printed").rglob("*.pdf"))]


def _dialog(qtbot, parent, cls):
    qtbot.waitUntil(lambda: bool(parent.findChildren(cls)), timeout=WAIT)
    return parent.findChildren(cls)[-1]


def test_acceptance_opens_the_preview_and_enter_prints_every_document(qtbot, ctx, pipeline, data_dir) -> None:
    screen = IntakeScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    cid = _checked_case(ctx)
    screen.load_case_number(ctx.services.intake.get(cid).case_number)
    qtbot.waitUntil(lambda: screen.case is not None, timeout=WAIT)
    qtbot.mouseClick(screen.outcome_buttons[d.ACCEPT], Qt.MouseButton.LeftButton)
    dlg = _dialog(qtbot, screen, PrintPreviewDialog)
    assert [doc.kind for doc in dlg.docs] == ["acceptance-notice", "materials-receipt"]
    qtbot.keyClick(dlg, Qt.Key.Key_Return)  # 全部打印, the default button
    qtbot.waitUntil(lambda: len(_printed_texts(data_dir)) == 2, timeout=30000)
    texts = _printed_texts(data_dir)
    assert any("受理通知书" in t for t in texts) and any("收件凭证" in t for t in texts)
    svc = ctx.services.printing
    qtbot.waitUntil(lambda: sorted(e.job_state for e in svc.log(case_id=cid)) == ["printed", "printed"], timeout=WAIT)
    # the list's 预览 reopens the same document, which now offers only 重打
    again = screen.preview_document(0)
    assert not again.print_button.isEnabled() and again.reprint_button.isEnabled()


def test_hand_out_prints_the_pickup_receipt_then_reprint_it(qtbot, ctx, pipeline, data_dir) -> None:
    cid = _checked_case(ctx)
    ctx.services.intake.decide(cid, d.ACCEPT)
    ctx.services.intake.mark_result_ready(cid)
    number = ctx.services.intake.get(cid).case_number
    pickup = PickupWindow(ctx)
    qtbot.addWidget(pickup)
    pickup.show()
    pickup.handle_scan(number)
    qtbot.waitUntil(lambda: pickup.case is not None, timeout=WAIT)
    pickup.receiver_id.setText(VALID_ID)
    with qtbot.waitSignal(pickup.handed_out, timeout=WAIT):
        qtbot.mouseClick(pickup.hand_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已打印" in pickup.print_status.text(), timeout=30000)
    texts = _printed_texts(data_dir)
    assert len(texts) == 1 and "领取回执" in texts[0]
    svc = ctx.services.printing
    qtbot.waitUntil(lambda: [(e.kind, e.job_state) for e in svc.log(case_id=cid)] == [("pickup-receipt", "printed")],
                    timeout=WAIT)

    qtbot.mouseClick(pickup.reprint_button, Qt.MouseButton.LeftButton)  # 补打文书… for the case just handed out
    dlg = _dialog(qtbot, pickup, ReprintDialog)
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 1, timeout=WAIT)
    assert dlg.number.text() == number and dlg.table.item(0, 0).text() == "领取回执"
    assert dlg.table.item(0, 5).text() == "已打印"
    qtbot.mouseClick(dlg.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_printed_texts(data_dir)) == 2, timeout=30000)
    assert sum("补打" in t for t in _printed_texts(data_dir)) == 1  # the second one is marked
    qtbot.waitUntil(lambda: dlg.table.item(0, 4) is not None and dlg.table.item(0, 4).text() == "1",
                    timeout=WAIT)  # counted
    assert svc.documents(cid)[0].reprint_count == 1


def test_reprint_screen_finds_a_case_and_says_what_is_wrong(qtbot, ctx, pipeline) -> None:
    cid = _checked_case(ctx)
    ctx.services.intake.decide_and_issue(cid, d.ACCEPT, printing=ctx.services.printing)
    number = ctx.services.intake.get(cid).case_number
    dlg = ReprintDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.number, "abc")
    qtbot.keyClick(dlg.number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "不是办件编号" in dlg.error.text(), timeout=WAIT)
    dlg.number.setText(number.lower())
    qtbot.keyClick(dlg.number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 2, timeout=WAIT)
    assert [dlg.table.item(r, 0).text() for r in range(2)] == ["受理通知书", "收件凭证"]
    assert dlg.table.item(0, 5).text() == "未打印" and dlg.error.text() == ""
    qtbot.mouseClick(dlg.preview_button, Qt.MouseButton.LeftButton)
    preview = _dialog(qtbot, dlg, PrintPreviewDialog)
    assert preview.docs[0].kind == "acceptance-notice" and preview.print_button.isEnabled()


def test_supervisor_prints_the_daily_report_cover(qtbot, ctx, pipeline, data_dir) -> None:
    cid = _checked_case(ctx)
    ctx.services.intake.decide(cid, d.ACCEPT)
    w = SupervisorConsole(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.mouseClick(w.cover_button, Qt.MouseButton.LeftButton)
    dlg = _dialog(qtbot, w, PrintPreviewDialog)
    assert dlg.docs[0].kind == "daily-report-cover"
    qtbot.mouseClick(dlg.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_printed_texts(data_dir)) == 1, timeout=30000)
    text = _printed_texts(data_dir)[0]
    assert "受理数" in text and "全中心" in text and "李娜" in text
