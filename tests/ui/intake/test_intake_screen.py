"""The clerk's intake screen through pytest-qt: search, applicant, checklist, every outcome with its printouts."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desk_app.domain import intake as d
from desk_app.ui.window.intake.screen import IntakeScreen
from desk_app.ui.models.checklist import COL_FILES, COL_FIX, COL_STATUS
from tests.intake_support import BAD_ID, VALID_ID
from tests.ui.intake.checklist_support import click_cell
from tests.pdf_support import pdf_pages_text


@pytest.fixture
def screen(show_intake_screen):
    return show_intake_screen(1300, 800)


def _idle(qtbot, ctx) -> None:
    qtbot.waitUntil(ctx.runner.idle)
    qtbot.wait(1)  # let the queued deliveries of the finished jobs run


def _open_with_item(qtbot, ctx, screen: IntakeScreen, query: str) -> None:
    screen.open_walk_in()
    qtbot.waitUntil(lambda: screen.case is not None)
    qtbot.keyClicks(screen.item_search, query)
    qtbot.waitUntil(lambda: screen.item_results.count() > 0)
    qtbot.keyClick(screen.item_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.case is not None and len(screen.case.items) == 1)


def _applicant(qtbot, ctx, screen: IntakeScreen, resident_id: str = VALID_ID) -> None:
    screen.name.setText("张三")
    screen.resident_id.setText(resident_id)
    screen.phone.setText("13800138000")
    qtbot.mouseClick(screen.save_applicant, Qt.MouseButton.LeftButton)
    _idle(qtbot, ctx)


def _set_all(qtbot, ctx, screen: IntakeScreen, default: str = d.RECEIVED, **special: str) -> None:
    for m in screen.case.materials:
        status = special.get(m["name"], default)
        if status == d.DEFECTIVE:
            screen.set_material(m["material_id"], status, reason_code="unsigned")
        else:
            screen.set_material(m["material_id"], status)
        _idle(qtbot, ctx)
    qtbot.waitUntil(lambda: not screen.case.by_status(d.PENDING))


def test_ticket_opens_a_case_and_scanning_it_twice_reuses_it(qtbot, ctx, screen) -> None:
    from desk_app.services.queue import issue_ticket
    from desk_app.store.models import QueueCategory
    from desk_app.domain.ids import new_id
    store = ctx.services.intake.store
    with store.write() as uow:
        uow.session.add(QueueCategory(id=new_id(), hall_id=store.hall_id, prefix="A", name="综合", sort_order=1))
    with store.write() as uow:
        t = issue_ticket(uow, "A")
    screen.open_for_ticket(t.id, t.number)
    qtbot.waitUntil(lambda: screen.case is not None)
    first = screen.case.id
    assert "A001" in screen.header.text() and screen.case.case_number in screen.header.text()
    with qtbot.waitSignal(ctx.bridge.info) as sig:
        screen.open_for_ticket(t.id, t.number)
    assert "继续办理" in sig.args[0]
    qtbot.waitUntil(lambda: screen.case is not None)
    assert screen.case.id == first


def test_pinyin_search_bad_id_kept_then_accept_with_printouts(qtbot, ctx, pipeline, screen) -> None:
    _open_with_item(qtbot, ctx, screen, "spjyxk")
    assert screen.case.items[0]["name"].startswith("食品经营许可")
    assert screen.table.rowCount() == 6
    _applicant(qtbot, ctx, screen, BAD_ID)
    assert "校验位" in screen.error_text("resident_id")
    assert screen.resident_id.text() == BAD_ID and screen.name.text() == "张三"   # the clerk's work is kept
    assert screen.case.applicant == {}                                            # nothing half-saved
    assert not screen.outcome_buttons[d.ACCEPT].isEnabled()
    screen.resident_id.setText(VALID_ID)
    qtbot.keyClick(screen.resident_id, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.case.applicant.get("resident_id") == VALID_ID)
    assert screen.error_text("resident_id") == ""
    _set_all(qtbot, ctx, screen)
    assert screen.outcome_buttons[d.ACCEPT].isEnabled()
    assert not screen.outcome_buttons[d.NOTICE].isEnabled()
    qtbot.mouseClick(screen.outcome_buttons[d.ACCEPT], Qt.MouseButton.LeftButton)
    # What the clerk sees: the two printouts listed, numbered; and what the hall keeps: both archived for the case.
    qtbot.waitUntil(lambda: screen.documents_list.count() == 2)
    assert screen.case.status == d.ACCEPTED and screen.case.due_date == "2026-11-30"
    kept = ctx.services.printing.documents(screen.case.id)
    assert [(p.kind, p.number) for p in kept] == [(doc.kind, doc.number) for doc in screen.documents]
    assert [p.kind for p in kept] == ["acceptance-notice", "materials-receipt"]
    assert "受理通知书" in screen.documents_list.item(0).text() and kept[0].number in screen.documents_list.item(0).text()
    notice = pdf_pages_text(ctx.services.printing.pdf(kept[0].sha256))
    assert "张三" in "".join(notice) and screen.case.case_number in "".join(notice)
    dlg = screen.preview_document(0)
    qtbot.waitUntil(lambda: dlg.page_count == len(notice))
    dlg.close()
    assert not screen.table.isEnabled()
    assert screen.follow_box.isVisible() and screen.ready_button.isEnabled()


def test_incomplete_gets_one_notice_then_accepted_after_correction(qtbot, ctx, screen) -> None:
    _open_with_item(qtbot, ctx, screen, "csrqsx")
    _applicant(qtbot, ctx, screen)
    _set_all(qtbot, ctx, screen, **{"申请书": d.MISSING, "身份证明": d.DEFECTIVE})
    assert not screen.outcome_buttons[d.ACCEPT].isEnabled()
    with qtbot.waitSignal(screen.decided) as sig:
        qtbot.mouseClick(screen.outcome_buttons[d.NOTICE], Qt.MouseButton.LeftButton)
    assert sig.args[0] == d.NOTICE and screen.case.status == d.NOTICE_ISSUED
    assert [doc.kind for doc in screen.documents] == ["one-time-notice"]
    assert not screen.outcome_buttons[d.NOTICE].isEnabled()           # only one notice per case
    # the applicant returns: the clerk recalls the case by its number
    number = screen.case.case_number
    screen.open_walk_in()
    qtbot.waitUntil(lambda: screen.case is not None and screen.case.case_number != number)
    screen.load_case_number(number.lower())
    qtbot.waitUntil(lambda: screen.case.case_number == number)
    assert screen.name.text() == "张三"
    mats = {m["name"]: m["material_id"] for m in screen.case.materials}
    screen.set_material(mats["申请书"], d.RECEIVED)
    _idle(qtbot, ctx)
    assert screen.checklist.model.is_enabled(mats["身份证明"], COL_FIX)
    click_cell(qtbot, screen, mats["身份证明"], COL_FIX)  # corrected on the spot
    qtbot.waitUntil(lambda: screen.case.material(mats["身份证明"])["status"] == d.PENDING)
    screen.set_material(mats["身份证明"], d.RECEIVED)
    qtbot.waitUntil(lambda: screen.outcome_buttons[d.ACCEPT].isEnabled())
    assert not screen.outcome_buttons[d.NOTICE].isEnabled()
    with qtbot.waitSignal(screen.decided):
        qtbot.mouseClick(screen.outcome_buttons[d.ACCEPT], Qt.MouseButton.LeftButton)
    assert screen.case.status == d.ACCEPTED


def test_deferred_acceptance_prints_supplement_notice(qtbot, ctx, screen) -> None:
    _open_with_item(qtbot, ctx, screen, "csrqsx")
    _applicant(qtbot, ctx, screen)
    mats = {m["name"]: m["material_id"] for m in screen.case.materials}
    assert d.DEFERRED not in screen.checklist.model.choices(mats["申请书"], COL_STATUS)  # not offered where not allowed
    _set_all(qtbot, ctx, screen, **{"场所证明": d.DEFERRED})
    assert not screen.outcome_buttons[d.ACCEPT].isEnabled()
    with qtbot.waitSignal(screen.documents_issued) as sig:
        qtbot.mouseClick(screen.outcome_buttons[d.ACCEPT_DEFERRED], Qt.MouseButton.LeftButton)
    assert [doc.kind for doc in sig.args[0]] == ["acceptance-notice", "materials-receipt", "supplement-notice"]
    assert screen.supplement_button.isEnabled() and not screen.ready_button.isEnabled()
    screen.table.selectRow(2)
    qtbot.mouseClick(screen.supplement_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.case.status == d.ACCEPTED)
    assert screen.ready_button.isEnabled()


@pytest.mark.parametrize("outcome, text_field, text, status, kind", [
    (d.OUT_OF_SCOPE, "refer_to", "区医疗保障局", d.REFUSED, "refusal-notice"),
    (d.REJECT, "reasons", "经营场所位于禁止区域", d.REJECTED, "rejection-decision"),
])
def test_refusals_need_their_text(qtbot, ctx, screen, outcome, text_field, text, status, kind) -> None:
    _open_with_item(qtbot, ctx, screen, "csrqsx")
    _applicant(qtbot, ctx, screen)
    qtbot.mouseClick(screen.outcome_buttons[outcome], Qt.MouseButton.LeftButton)
    _idle(qtbot, ctx)
    assert screen.error_text(text_field) and screen.case.status == d.CHECKING
    getattr(screen, text_field).setText(text)
    with qtbot.waitSignal(screen.decided):
        qtbot.mouseClick(screen.outcome_buttons[outcome], Qt.MouseButton.LeftButton)
    assert screen.case.status == status and screen.documents[0].kind == kind
    assert not any(b.isEnabled() for b in screen.outcome_buttons.values())


def test_instant_item_finishes_and_rating_is_requested(qtbot, ctx, screen) -> None:
    _open_with_item(qtbot, ctx, screen, "gtgsh")
    _applicant(qtbot, ctx, screen)
    _set_all(qtbot, ctx, screen, **{m["name"]: d.COMMITTED for m in screen.case.materials
                                    if m["commitment_allowed"]})
    assert screen.outcome_buttons[d.FINISH].isEnabled() and not screen.outcome_buttons[d.ACCEPT].isEnabled()
    with qtbot.waitSignal(screen.decided):
        qtbot.mouseClick(screen.outcome_buttons[d.FINISH], Qt.MouseButton.LeftButton)
    assert screen.case.status == d.FINISHED
    with qtbot.waitSignal(screen.rating_requested) as sig:
        qtbot.mouseClick(screen.ask_rating, Qt.MouseButton.LeftButton)
    rid = sig.args[0]
    qtbot.mouseClick(screen.applicant_left, Qt.MouseButton.LeftButton)
    _idle(qtbot, ctx)
    got = ctx.services.rating.get(rid)
    assert got.status == "pending" and got.level is None


def test_retired_item_message_beside_items(qtbot, ctx, screen) -> None:
    from tests.intake_support import add_item
    add_item(ctx.services.intake.store, "OLD01", "已撤销的旧事项", retired=True)
    screen.add_item("OLD01")
    _idle(qtbot, ctx)
    assert "已从事项目录中取消" in screen.error_text("items") and screen.case is None


def test_scan_fills_the_id_field(qtbot, ctx, screen) -> None:
    assert screen.handle_scan(VALID_ID)
    assert screen.resident_id.text() == VALID_ID and screen.kind_person.isChecked()
    assert screen.handle_scan("91350100M000100Y43")
    assert screen.kind_org.isChecked() and screen.uscc.text() == "91350100M000100Y43"


def test_attachment_from_file_and_twice_refused(qtbot, ctx, screen, tmp_path) -> None:
    _open_with_item(qtbot, ctx, screen, "csrqsx")
    mid = screen.case.materials[0]["material_id"]
    assert screen.attachment_dialog(mid) is None          # no devices on this PC: the file picker is used
    scan = tmp_path / "申请书.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the form")
    screen.attach_file(mid, scan)
    qtbot.waitUntil(lambda: len(screen.case.material(mid)["attachments"]) == 1)
    assert screen.checklist.model.text(mid, COL_FILES) == "扫描件(1)"
    screen.attach_file(mid, scan)
    qtbot.waitUntil(lambda: "无需重复添加" in screen.error_text("attachments"))
    assert len(screen.case.material(mid)["attachments"]) == 1


def test_attachment_from_the_document_scanner(qtbot, ctx, screen) -> None:
    from desk_app.devices.doc_scanner import SimulatedDocScanner
    from desk_app.devices.health import DeviceRegistry
    from desk_app.ui.devices.doc_scan import DocScanWidget
    registry = DeviceRegistry()
    sc = registry.register(SimulatedDocScanner())
    sc.feeder.pages = 2
    ctx.devices = registry
    _open_with_item(qtbot, ctx, screen, "csrqsx")
    mid = screen.case.materials[1]["material_id"]
    dlg = screen.attachment_dialog(mid)
    qtbot.addWidget(dlg)
    w = dlg.findChild(DocScanWidget)
    with qtbot.waitSignal(w.scan_finished, timeout=10000):
        w.scan_button.click()
    with qtbot.waitSignal(w.saved, timeout=10000):
        w.finish.click()
    qtbot.waitUntil(lambda: len(screen.case.material(mid)["attachments"]) == 1)


def test_case_closed_by_another_window_while_offline(qtbot, ctx, screen, data_dir, clock) -> None:
    from sqlalchemy import select

    from desk_app.services.intake import IntakeService
    from desk_app.store.database import Store
    from desk_app.store.models import EventRow
    from desk_app.store.reducer import row_to_event
    from tests.conftest import HALL_ID
    store = ctx.services.intake.store
    _open_with_item(qtbot, ctx, screen, "csrqsx")
    _applicant(qtbot, ctx, screen)
    mats = [m["material_id"] for m in screen.case.materials]
    with store.read() as s:
        shared = [row_to_event(r) for r in s.scalars(select(EventRow).order_by(EventRow.device_seq))]
    pc2 = Store.open(data_dir / "pc2.db", now_ms=clock)
    pc2.set_meta("hall_id", HALL_ID)
    pc2.apply_remote(shared)
    IntakeService(pc2, actor="clerk8", window_number=8).decide(screen.case.id, d.OUT_OF_SCOPE, refer_to="区医保局")
    with pc2.read() as s:
        theirs = [row_to_event(r) for r in s.scalars(select(EventRow).where(EventRow.origin == "local"))]
    pc2.close()
    clock.ms += 60_000
    screen.set_material(mats[0], d.RECEIVED)        # this PC, still offline, goes on working a minute later
    _idle(qtbot, ctx)
    store.apply_remote(theirs)                      # the network is back
    qtbot.waitUntil(lambda: screen.case.status == d.REFUSED)
    assert "8号窗口" in screen.conflict_banner.text() and screen.conflict_banner.isVisible()
    assert not screen.outcome_buttons[d.ACCEPT].isEnabled() and not screen.table.isEnabled()
    screen.name.setText("张三丰")
    qtbot.keyClick(screen.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "8号窗口" in screen.error_text("case"))
    assert screen.name.text() == "张三丰"
    qtbot.mouseClick(screen.conflict_ack, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not screen.conflict_banner.isVisible())


def test_extension_needs_a_written_reason(qtbot, ctx, screen) -> None:
    _open_with_item(qtbot, ctx, screen, "csrqsx")
    _applicant(qtbot, ctx, screen)
    _set_all(qtbot, ctx, screen)
    with qtbot.waitSignal(screen.decided):
        qtbot.mouseClick(screen.outcome_buttons[d.ACCEPT], Qt.MouseButton.LeftButton)
    assert screen.case.due_date == "2026-11-26"
    screen.extend_days.setValue(3)
    qtbot.mouseClick(screen.extend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "书面写明理由" in screen.error_text("reason"))
    screen.extend_reason.setText("需征求规划部门意见")
    qtbot.mouseClick(screen.extend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.case.due_date == "2026-12-01")
    assert "2026-12-01" in screen.header.text()
    qtbot.mouseClick(screen.ready_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.case.status == d.RESULT_READY)
    assert not screen.follow_box.isVisible()


@pytest.mark.parametrize("action, level", [("press", 4), ("unplug", None)])
def test_rating_pad_outcome_never_defaults(qtbot, ctx, screen, action, level) -> None:
    from desk_app.devices.health import DeviceRegistry
    from desk_app.devices.rating_pad import SimulatedRatingPad
    registry = DeviceRegistry()
    pad = registry.register(SimulatedRatingPad())
    ctx.devices = registry
    _open_with_item(qtbot, ctx, screen, "csrqsx")
    _applicant(qtbot, ctx, screen)
    _set_all(qtbot, ctx, screen)
    with qtbot.waitSignal(screen.decided):
        qtbot.mouseClick(screen.outcome_buttons[d.ACCEPT], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(screen.rating_requested) as sig:
        qtbot.mouseClick(screen.ask_rating, Qt.MouseButton.LeftButton)
    rid = sig.args[0]
    qtbot.waitUntil(lambda: pad.open_request is not None)
    assert pad.requests[0][1] == screen.case.case_number
    if action == "press":
        pad.press(4, ("fast", "made-up-code"))
        qtbot.waitUntil(lambda: ctx.services.rating.get(rid).level == 4)
        assert ctx.services.rating.get(rid).reasons == ("fast",)
    else:
        pad.unplug()  # lost mid-rating
        qtbot.waitUntil(lambda: ctx.services.rating.get(rid).status == "pending")
        assert ctx.services.rating.get(rid).level is None
