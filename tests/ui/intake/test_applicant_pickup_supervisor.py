"""Applicant screen and rating, pickup window, complaint window and supervisor console through pytest-qt."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from desk_app.domain import intake as d
from desk_app.domain import rating as r
from desk_app.ui.applicant.applicant_screen import RATING, SUMMARY, THANKS, IDLE, ApplicantScreen
from desk_app.ui.pickup.pickup_window import PickupWindow
from desk_app.ui.supervisor.supervisor_console import SupervisorConsole
from desk_app.ui.window.complaint_window import ComplaintWindow
from tests.intake_support import AGENT_ID, BAD_ID, PERSON


def _accepted(ctx) -> str:
    s = ctx.services.intake
    case = s.open_case(item_codes=["T0001"]).case
    s.set_applicant(case.id, PERSON)
    for m in case.materials:
        s.check_material(case.id, m["material_id"], d.RECEIVED, form=d.ORIGINAL, copies=1)
    s.decide(case.id, d.ACCEPT)
    return case.id


@pytest.fixture
def applicant(qtbot, ctx):
    w = ApplicantScreen(ctx, idle_timeout_ms=200)
    qtbot.addWidget(w)
    w.show()
    return w


def test_applicant_screen_follows_the_case_live(qtbot, ctx, applicant) -> None:
    s = ctx.services.intake
    case = s.open_case(item_codes=["T0001"]).case
    qtbot.waitUntil(lambda: applicant.page() == SUMMARY and applicant.case_id == case.id)
    s.set_applicant(case.id, PERSON)
    s.check_material(case.id, case.materials[0]["material_id"], d.MISSING)
    qtbot.waitUntil(lambda: "缺少" in applicant.materials.item(0).text())
    assert applicant.applicant_label.text().endswith("张*")
    from PySide6.QtWidgets import QLabel
    shown = " ".join(lab.text() for lab in applicant.findChildren(QLabel))
    shown += " ".join(applicant.materials.item(i).text() for i in range(applicant.materials.count()))
    assert PERSON["resident_id"][-4:] not in shown and "张三" not in shown


def test_rating_is_only_what_the_applicant_chooses(qtbot, ctx, applicant) -> None:
    cid = _accepted(ctx)
    rid = ctx.services.rating.request(cid).id
    qtbot.waitUntil(lambda: applicant.page() == RATING and applicant.rating_id == rid)
    assert not applicant.submit.isEnabled()
    assert not any(b.isChecked() for b in applicant.level_buttons.values())  # never a default level
    qtbot.mouseClick(applicant.level_buttons[2], Qt.MouseButton.LeftButton)
    assert set(applicant.reason_boxes) == set(r.REASONS[2])
    applicant.reason_boxes["wait"].setChecked(True)
    applicant.text.setPlainText("字" * 151)
    assert applicant.counter.text() == "151/150"
    qtbot.mouseClick(applicant.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "150" in applicant.rating_error.text())
    applicant.text.setPlainText("等了四十分钟")
    with qtbot.waitSignal(applicant.rated) as sig:
        qtbot.mouseClick(applicant.submit, Qt.MouseButton.LeftButton)
    assert sig.args == [2] and applicant.page() == THANKS
    got = ctx.services.rating.get(rid)
    assert got.level == 2 and got.reasons == ("wait",) and got.follow_up_due == "2026-12-14"


def test_rating_timeout_records_pending_never_a_level(qtbot, ctx, applicant) -> None:
    cid = _accepted(ctx)
    rid = ctx.services.rating.request(cid).id
    qtbot.waitUntil(lambda: applicant.page() == RATING)
    qtbot.mouseClick(applicant.level_buttons[5], Qt.MouseButton.LeftButton)  # chose, but never submitted
    qtbot.waitUntil(lambda: applicant.page() == IDLE, timeout=3000)
    qtbot.waitUntil(lambda: ctx.services.rating.get(rid).status == r.PENDING_RATING)
    assert ctx.services.rating.get(rid).level is None


@pytest.fixture
def pickup(qtbot, ctx):
    w = PickupWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    return w


def test_pickup_by_barcode_with_agent_and_receipt(qtbot, ctx, pickup) -> None:
    cid = _accepted(ctx)
    number = ctx.services.intake.get(cid).case_number
    pickup.handle_scan(number)
    qtbot.waitUntil(lambda: "尚未可领取" in pickup.error_text("barcode"))
    ctx.services.intake.mark_result_ready(cid)
    qtbot.keyClicks(pickup.barcode, number)
    pickup.barcode.clear()
    qtbot.keyClicks(pickup.barcode, number)
    qtbot.keyClick(pickup.barcode, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pickup.case is not None)
    assert number in pickup.case_label.text()
    pickup.by_agent.setChecked(True)
    pickup.receiver_name.setText("王五")
    pickup.receiver_id.setText(BAD_ID)
    qtbot.mouseClick(pickup.hand_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "校验位" in pickup.error_text("receiver_id"))
    assert pickup.receiver_name.text() == "王五"                                 # the input is kept
    assert ctx.services.intake.get(cid).status == d.RESULT_READY
    pickup.receiver_id.setText(AGENT_ID)
    with qtbot.waitSignal(pickup.handed_out) as sig:
        qtbot.mouseClick(pickup.hand_out_button, Qt.MouseButton.LeftButton)
    state, doc = sig.args
    assert state.status == d.DELIVERED and state.delivery["receiver_kind"] == "agent"
    assert doc.kind == "pickup-receipt" and doc.case_id == cid
    assert "王五" in pickup.history.item(0).text()
    pickup.handle_scan(number)  # the same barcode scanned twice
    qtbot.waitUntil(lambda: "不能重复发放" in pickup.error_text("barcode"))
    assert pickup.case is None and not pickup.hand_out_button.isEnabled()


def test_pickup_by_post(qtbot, ctx, pickup) -> None:
    cid = _accepted(ctx)
    ctx.services.intake.mark_result_ready(cid)
    pickup.handle_scan(ctx.services.intake.get(cid).case_number)
    qtbot.waitUntil(lambda: pickup.case is not None)
    pickup.method.setCurrentIndex(pickup.method.findData("post"))
    assert not pickup.receiver_id.isEnabled() and pickup.tracking.isEnabled()
    qtbot.mouseClick(pickup.hand_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "运单号" in pickup.error_text("tracking_number"))
    pickup.tracking.setText("EMS1234567890")
    with qtbot.waitSignal(pickup.handed_out):
        qtbot.mouseClick(pickup.hand_out_button, Qt.MouseButton.LeftButton)
    assert ctx.services.intake.get(cid).delivery["tracking_number"] == "EMS1234567890"


def test_complaint_window_records_and_resolves(qtbot, ctx) -> None:
    w = ComplaintWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    cid = _accepted(ctx)
    number = ctx.services.intake.get(cid).case_number
    qtbot.mouseClick(w.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "类别" in w.error_text("category"))
    w.category.setCurrentIndex(w.category.findData("runs"))
    w.description.setPlainText("营业执照办理跑了两次")
    w.case_number.setText("QD01-20261123-0-0999")
    qtbot.mouseClick(w.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "0999" in w.error_text("case_number"))
    assert w.description.toPlainText() == "营业执照办理跑了两次"
    w.case_number.setText(number)
    with qtbot.waitSignal(w.recorded):
        qtbot.mouseClick(w.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.table.rowCount() == 1)
    assert w.table.item(0, 4).text() == number and w.table.item(0, 2).text() == "已登记"
    w.table.selectRow(0)
    w.note.setText("已联系市场监管窗口")
    qtbot.mouseClick(w.progress_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.table.item(0, 2).text() == "办理中")
    w.table.selectRow(0)
    w.resolution.setText("当场协调办结")
    qtbot.mouseClick(w.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.table.item(0, 2).text() == "已办结")


def test_supervisor_lists(qtbot, ctx, clock) -> None:
    w = SupervisorConsole(ctx)
    qtbot.addWidget(w)
    w.show()
    cid = _accepted(ctx)  # due 2026-11-26
    rid = ctx.services.rating.request(cid).id
    ctx.services.rating.submit(rid, level=1, reasons=["attitude"], text="态度生硬")
    qtbot.waitUntil(lambda: w.neg_table.rowCount() == 1)
    assert "非常不满意" in w.neg_table.item(0, 1).text() and w.neg_table.item(0, 4).text() == "2026-12-14"
    clock.set(datetime(2026, 11, 25, 9))
    w.refresh()
    qtbot.waitUntil(lambda: w.case_table.rowCount() == 1)
    assert w.case_table.item(0, 1).text() == "即将到期"
    clock.set(datetime(2026, 11, 27, 9))
    w.refresh()
    qtbot.waitUntil(lambda: w.case_table.rowCount() == 1 and w.case_table.item(0, 1).text() == "已超期")
    w.neg_table.selectRow(0)
    w.note.setText("已回访并道歉，组织培训")
    qtbot.mouseClick(w.rectify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.neg_table.rowCount() == 0)


def test_a_read_that_ends_after_a_newer_one_does_not_bring_the_lists_back(qtbot, ctx) -> None:
    """Reads run two at a time: the first read answers last here, and the lists keep the second one's state."""
    import threading
    real, first_may_answer, calls = ctx.services.supervision, threading.Event(), []

    class Supervision:
        def __getattr__(self, name):
            return getattr(real, name)

        def negative_ratings(self):
            calls.append(len(calls))
            if len(calls) == 1:
                first_may_answer.wait(5)  # the older state, answered after the newer one
                return []
            return real.negative_ratings()
    cid = _accepted(ctx)
    ctx.services.rating.submit(ctx.services.rating.request(cid).id, level=1, reasons=["attitude"], text="差")
    ctx.services = replace(ctx.services, supervision=Supervision())
    w = SupervisorConsole(ctx)  # its first read starts here and waits
    qtbot.addWidget(w)
    w.refresh()
    qtbot.waitUntil(lambda: w.neg_table.rowCount() == 1)
    first_may_answer.set()
    qtbot.waitUntil(lambda: not w.ctx.runner._jobs, timeout=5000)  # both reads delivered
    assert w.neg_table.rowCount() == 1 and len(calls) >= 2


def test_supervisor_switches_a_tidal_window(qtbot, ctx) -> None:
    from desk_app.domain.ids import new_id
    from desk_app.services.queue import QueueService
    from desk_app.store.models import QueueCategory, Window
    store = ctx.services.intake.store
    with store.write() as uow:
        uow.session.add_all([
            QueueCategory(id=new_id(), hall_id=store.hall_id, prefix="A", name="综合业务", sort_order=1),
            QueueCategory(id=new_id(), hall_id=store.hall_id, prefix="B", name="不动产", sort_order=2),
            Window(id=new_id(), hall_id=store.hall_id, number=7, name="潮汐7", categories=["A"], tidal=True),
            Window(id=new_id(), hall_id=store.hall_id, number=8, name="固定8", categories=["A"], tidal=False)])
    queue = QueueService(store)
    ctx.services = replace(ctx.services, queue=queue)
    for _ in range(3):
        queue.issue("B", handed_out=True)
    w = SupervisorConsole(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.tidal_table.rowCount() == 1 and "B" in w.category_boxes)
    assert w.tidal_table.item(0, 0).text() == "7" and "（3）" in w.category_boxes["B"].text()
    qtbot.mouseClick(w.switch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "选择一个潮汐窗口" in w.tidal_error.text())
    w.tidal_table.selectRow(0)
    w.category_boxes["B"].setChecked(True)
    qtbot.mouseClick(w.switch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queue.window(7).categories == ("B",))
    qtbot.waitUntil(lambda: w.tidal_table.item(0, 2) is not None and w.tidal_table.item(0, 2).text() == "B")
    w.tidal_table.selectRow(0)
    qtbot.mouseClick(w.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: queue.window(7).categories == ("A",))
