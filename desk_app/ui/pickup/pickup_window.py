"""The pickup window (统一出件): scan the receipt barcode, check who takes the result, hand it out, print the receipt."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton,
    QRadioButton, QVBoxLayout, QWidget,
)

from desk_app.domain import intake as d
from desk_app.domain.errors import KnownError
from desk_app.ui.errors import error_text
from desk_app.ui.service_binding import bind_service
from desk_app.ui.widgets.field_error import error_label
from desk_app.ui.labels import label


class PickupWindow(QWidget):
    """``PickupWindow(ctx)``; services used: ``ctx.services.pickup`` (PickupService) and optionally
    ``ctx.services.printing`` (PrintService) for the pickup receipt. ``handle_scan(text)`` takes scanner input."""

    handed_out = Signal(object, object)   # CaseState, PrintedDocument | None

    def __init__(self, ctx: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.pickup = bind_service(ctx.services.pickup, ctx)
        self.case: d.CaseState | None = None
        self.last_document: Any = None
        self._last_case_number = ""
        self._build()
        self._errors = {"barcode": self.barcode_error, "receiver_id": self.receiver_error,
                        "receiver_name": self.receiver_error, "receiver_kind": self.receiver_error,
                        "tracking_number": self.method_error, "method": self.method_error,
                        "case_number": self.barcode_error, "case": self.barcode_error}
        self._show_case(None)
        self.handed_out.connect(self._on_self_handed_out)
        self._printing: Any = None
        if getattr(ctx, "print_pipeline", None) is not None:
            ctx.print_pipeline.job_finished.connect(self._on_pipeline_job_finished)
        router = getattr(ctx, "scan_router", None)
        if router is not None:
            router.register(self.SCAN_KINDS, self.handle_payload, owner=self)

    def _build(self) -> None:
        self.barcode = QLineEdit()
        self.barcode.setPlaceholderText(self.tr("扫描受理通知书或收件凭证上的条码"))
        self.barcode.setStyleSheet("font-size: 20px;")
        self.barcode.returnPressed.connect(lambda: self.handle_scan(self.barcode.text()))
        self.barcode_error = error_label()
        self.case_label = QLabel()
        self.case_label.setWordWrap(True)
        self.case_label.setStyleSheet("font-size: 18px;")

        who = QGroupBox(self.tr("领取人"))
        self.by_applicant = QRadioButton(self.tr("申请人本人"))
        self.by_agent = QRadioButton(self.tr("代理人"))
        self.by_applicant.setChecked(True)
        g = QButtonGroup(self)
        g.addButton(self.by_applicant)
        g.addButton(self.by_agent)
        self.receiver_name = QLineEdit()
        self.receiver_id = QLineEdit()
        self.receiver_id.setPlaceholderText(self.tr("核验身份证，可扫码"))
        self.receiver_error = error_label()
        wf = QFormLayout(who)
        row = QHBoxLayout()
        row.addWidget(self.by_applicant)
        row.addWidget(self.by_agent)
        wf.addRow(row)
        wf.addRow(self.tr("姓名"), self.receiver_name)
        wf.addRow(self.tr("身份证号"), self.receiver_id)
        wf.addRow("", self.receiver_error)

        how = QGroupBox(self.tr("送达方式"))
        self.method = QComboBox()
        for key, method in d.DELIVERY_METHODS.items():
            self.method.addItem(label(method), key)
        self.method.currentIndexChanged.connect(self._on_method_changed)
        self.tracking = QLineEdit()
        self.tracking.setPlaceholderText(self.tr("邮寄运单号"))
        self.method_error = error_label()
        hf = QFormLayout(how)
        hf.addRow(self.tr("方式"), self.method)
        hf.addRow(self.tr("运单号"), self.tracking)
        hf.addRow("", self.method_error)

        self.hand_out_button = QPushButton(self.tr("发放并打印领取回执"))
        self.hand_out_button.setStyleSheet("font-size: 18px; padding: 10px;")
        self.hand_out_button.clicked.connect(self.hand_out)
        self.done_label = QLabel()
        self.done_label.setStyleSheet("color: #1e8449; font-size: 18px;")
        self.print_status = QLabel()
        self.print_status.setWordWrap(True)
        self.reprint_button = QPushButton(self.tr("补打文书…"))
        self.reprint_button.setToolTip(self.tr("查找办件，重打它的领取回执、受理通知书等"))
        self.reprint_button.clicked.connect(self.open_reprint)
        self.history = QListWidget()

        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("办件条码")))
        lay.addWidget(self.barcode)
        lay.addWidget(self.barcode_error)
        lay.addWidget(self.case_label)
        lay.addWidget(who)
        lay.addWidget(how)
        lay.addWidget(self.hand_out_button)
        lay.addWidget(self.done_label)
        lay.addWidget(self.print_status)
        lay.addWidget(self.reprint_button)
        lay.addWidget(QLabel(self.tr("本班已发放")))
        lay.addWidget(self.history, 1)
        self._on_method_changed()

    # ------------------------------------------------------------------ helpers
    def _clear_errors(self) -> None:
        for lab in set(self._errors.values()):
            lab.clear()
            lab.hide()

    def _fail(self, exc: KnownError) -> None:
        lab = self._errors.get(exc.field or "", self.barcode_error)
        lab.setText(error_text(exc))
        lab.show()

    def error_text(self, field: str) -> str:
        lab = self._errors.get(field, self.barcode_error)
        return lab.text() if not lab.isHidden() else ""

    def _run(self, kind: str, fn: Callable[[], Any], success: Callable[[Any], None]) -> None:
        getattr(self.ctx.runner, kind)(fn, success=success, failure=self._fail, parent=self)

    def _on_method_changed(self) -> None:
        method = self.method.currentData()
        self.tracking.setEnabled(method == "post")
        in_person = method in ("window", "self_service")
        self.receiver_id.setEnabled(in_person)

    def _show_case(self, state: d.CaseState | None) -> None:
        self.case = state
        self.hand_out_button.setEnabled(state is not None)
        if state is None:
            self.case_label.setText(self.tr("请扫描条码"))
            return
        name = state.applicant.get("name", "")
        agent = state.agent
        result = (state.result or {}).get("result_name", "")
        text = self.tr("办件 %1\n事项：%2\n申请人：%3\n结果：%4").replace("%1", state.case_number).replace(
            "%2", self.tr("、").join(i["name"] for i in state.items)).replace("%3", name).replace("%4", result)
        if agent:
            text += "\n" + self.tr("代理人：%1").replace("%1", agent.get("name", ""))
        self.case_label.setText(text)
        self.done_label.clear()

    # ------------------------------------------------------------------ actions
    SCAN_KINDS = frozenset({"case", "resident_id"})

    def handle_payload(self, payload: Any) -> None:
        """For the device scan router: ``router.register(PickupWindow.SCAN_KINDS, w.handle_payload, w)``."""
        self.handle_scan(payload.raw)

    def handle_scan(self, text: str) -> None:
        """A scanned or typed barcode: find the case ready for pickup (or say why it is not)."""
        self._clear_errors()
        self.barcode.setText(text.strip())
        if self.case is not None and text.strip() and self.receiver_id.isEnabled() and len(text.strip()) == 18 \
                and text.strip()[:17].isdigit():
            self.receiver_id.setText(text.strip())  # an ID card scanned while a case is open is the receiver's
            self.barcode.setText(self.case.case_number)
            return
        self._show_case(None)
        self._run("read", lambda: self.pickup.find(text), self._on_found)

    def _on_found(self, state: d.CaseState) -> None:
        self._show_case(state)
        self.receiver_name.setText(state.applicant.get("name", "") if self.by_applicant.isChecked() else "")
        self.receiver_id.setFocus()

    def hand_out(self) -> None:
        if self.case is None:
            return
        self._clear_errors()
        case_id = self.case.id
        kw = dict(method=self.method.currentData(),
                  receiver_kind="agent" if self.by_agent.isChecked() else "applicant",
                  receiver_name=self.receiver_name.text(), receiver_id=self.receiver_id.text(),
                  tracking_number=self.tracking.text())
        printing, clerk = self.ctx.services.printing, self.ctx.user.display_name
        self._run("write", lambda: self.pickup.hand_out_and_issue(case_id, printing=printing, clerk_name=clerk, **kw),
                  self._on_handed_out)

    def _on_handed_out(self, result: tuple[d.CaseState, Any]) -> None:
        state, doc = result
        self.last_document = doc
        self._last_case_number = state.case_number
        dl = state.delivery or {}
        line = self.tr("%1 已发放给 %2（%3）").replace("%1", state.case_number).replace(
            "%2", dl.get("receiver_name", "")).replace("%3", label(d.DELIVERY_METHODS.get(dl.get("method", ""), "")))
        self.done_label.setText(line)
        self.history.insertItem(0, line)
        self.case = None
        self.hand_out_button.setEnabled(False)
        for w in (self.barcode, self.receiver_id, self.receiver_name, self.tracking):
            w.clear()
        self.barcode.setFocus()
        self.handed_out.emit(state, doc)

    # ------------------------------------------------------------------ printing
    def _on_self_handed_out(self, _state: d.CaseState, doc: Any) -> None:
        """发放并打印: the pickup receipt goes straight to its printer; the line below says how it ended."""
        pipeline = getattr(self.ctx, "print_pipeline", None)
        if doc is None or pipeline is None:
            return
        self._printing = doc
        self.print_status.setStyleSheet("")
        self.print_status.setText(self.tr("领取回执 %1 正在打印……").replace("%1", doc.number))
        pipeline.print_document(doc, actor=self.ctx.user.username)

    def _on_pipeline_job_finished(self, doc: Any, state: str, message: str) -> None:
        if self._printing is None or doc.print_id != self._printing.print_id:
            return
        if state == "printed":
            self.print_status.setStyleSheet("color: #1e8449;")
            self.print_status.setText(self.tr("领取回执 %1 已打印。").replace("%1", doc.number))
        else:
            self.print_status.setStyleSheet("color: #c0392b;")
            self.print_status.setText(self.tr("领取回执 %1：%2 可点“补打文书…”重打。").replace(
                "%1", doc.number).replace("%2", message))

    def open_reprint(self) -> Any:
        from desk_app.ui.printing.reprint_screen import open_reprint
        number = self.case.case_number if self.case is not None else self._last_case_number
        return open_reprint(self.ctx, self, number)
