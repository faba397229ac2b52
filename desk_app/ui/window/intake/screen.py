"""The clerk's intake screen: items, applicant and agent, the material checklist, the decision and its printouts."""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QButtonGroup, QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QGridLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QRadioButton,
    QSpinBox, QSplitter, QTableWidget, QVBoxLayout, QWidget,
)

from desk_app.domain import intake as d
from desk_app.domain.errors import KnownError
from desk_app.runtime.relay import ThreadRelay
from desk_app.ui.context import ScreenContext
from desk_app.ui.widgets.fitting import fitting_scroll_area, reveal
from desk_app.ui.window.intake_keys import HELP as CHECKLIST_KEYS_HELP, IntakeKeys
from desk_app.ui.widgets.pii_field import ConcealedField

# Checklist columns
COL_NAME, COL_STATUS, COL_FORM, COL_COPIES, COL_REASON, COL_TEXT, COL_FILES, COL_FIX = range(8)
ROW_HEIGHT = 30  # one line of a material name; a long name wraps onto a second line and its row grows
MIN_ROWS = 8     # the checklist shows at least this many rows at 1366×768
CHECKLIST_WIDTHS = {COL_STATUS: 86, COL_FORM: 100, COL_COPIES: 52, COL_REASON: 108, COL_TEXT: 90, COL_FILES: 84,
                    COL_FIX: 72}

OUTCOME_BUTTONS = (
    (d.ACCEPT, "受理"), (d.ACCEPT_DEFERRED, "容缺受理"), (d.FINISH, "即办办结"), (d.NOTICE, "一次性告知"),
    (d.REJECT, "不予受理"), (d.OUT_OF_SCOPE, "非本部门事项"),
)
KIND_LABELS = {
    "one-time-notice": "一次性告知通知书", "materials-receipt": "收件凭证", "acceptance-notice": "受理通知书",
    "supplement-notice": "补齐补正通知书", "rejection-decision": "不予受理决定书",
    "refusal-notice": "不予受理告知书（非本部门）", "pickup-receipt": "领取回执",
}
_MATERIAL_TYPE_FORM = {"original": d.ORIGINAL, "copy": d.COPY, "original_and_copy": d.ORIGINAL_AND_COPY,
                       "original_or_copy": d.ORIGINAL}


def bind_service(service: Any, ctx: ScreenContext) -> Any:
    """Services built before sign-in learn this PC's window and the signed-in clerk (only where unset)."""
    if service is None:
        return None
    if getattr(service, "window_number", "absent") is None and ctx.window_number is not None:
        service.window_number = ctx.window_number
    if getattr(service, "actor", None) == "" and ctx.user is not None:
        service.actor = ctx.user.username
    return service


def error_label() -> QLabel:
    lab = QLabel()
    lab.setObjectName("fieldError")
    lab.setStyleSheet("color: #c0392b;")
    lab.setWordWrap(True)
    lab.hide()
    return lab


class IntakeScreen(QWidget):
    """``IntakeScreen(ctx)``; services used: ``ctx.services.intake`` (IntakeService), optionally ``catalog``
    (CatalogService, for pinyin search), ``printing`` (PrintService), ``rating`` (RatingService)."""

    case_changed = Signal(object)            # CaseState, after every change (the applicant screen follows it)
    decided = Signal(str, object)            # outcome, CaseState
    documents_issued = Signal(list)          # [PrintedDocument]: hand them to the printer pipeline
    rating_requested = Signal(str)           # rating id
    finished = Signal(str)                   # case id: the clerk is done with this applicant

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.intake = bind_service(ctx.services.intake, ctx)
        bind_service(getattr(ctx.services, "rating", None), ctx)
        self.case: d.CaseState | None = None
        self.documents: list[Any] = []
        self.rating_id: str | None = None
        self._ticket: tuple[str | None, str] = (None, "")
        self._rows: dict[str, int] = {}
        self._loading = False
        self._build()
        self._field_errors = {
            "items": self.items_error, "name": self.name_error, "resident_id": self.id_error,
            "uscc": self.id_error, "legal_rep": self.legal_rep_error, "phone": self.phone_error,
            "kind": self.name_error, "agent_name": self.agent_error, "agent_resident_id": self.agent_error,
            "agent_phone": self.agent_error, "power_of_attorney": self.agent_error,
            "applicant": self.name_error, "materials": self.materials_error, "status": self.materials_error,
            "form": self.materials_error, "copies": self.materials_error, "reason_code": self.materials_error,
            "reason_text": self.materials_error, "attachments": self.materials_error,
            "refer_to": self.decision_error, "reasons": self.decision_error, "outcome": self.decision_error,
            "review_body": self.decision_error, "court": self.decision_error,
            "reason": self.extend_error, "extra_days": self.extend_error, "case_number": self.general_error,
        }
        ctx.bridge.changed.connect(self._on_bridge_changed)
        self.documents_issued.connect(self._on_documents_issued)
        # The rating pad answers on its own thread: it gets only this relay, queued to the UI thread.
        self._pad_relay = ThreadRelay(self._on_pad_outcome)
        self._pad_request: str | None = None
        router = getattr(ctx, "scan_router", None)
        if router is not None:
            router.register(self.SCAN_KINDS, self.handle_payload, owner=self)
        self._hits_query: str | None = None  # the query whose results the list shows
        self._take_first_hit = False          # Enter came before the results: take the first when they come
        self.keys = IntakeKeys(self)
        self._refresh_buttons()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        tr = self.tr
        self.header = QLabel(tr("尚未开始办件"))
        self.header.setObjectName("caseHeader")
        self.header.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.conflict_banner = QLabel()
        self.conflict_banner.setStyleSheet("background: #fdecea; color: #922; padding: 6px;")
        self.conflict_banner.setWordWrap(True)
        self.conflict_banner.hide()
        self.conflict_ack = QPushButton(tr("知道了"))
        self.conflict_ack.hide()
        self.conflict_ack.clicked.connect(self._on_conflict_ack_clicked)
        self.general_error = error_label()

        self.walk_in = QPushButton(tr("新建办件（无排队号）"))
        self.walk_in.clicked.connect(self.open_walk_in)
        self.recall_number = QLineEdit()
        self.recall_number.setPlaceholderText(tr("输入或扫描办件编号，继续办理"))
        self.recall_number.setMinimumWidth(280)
        self.recall_number.returnPressed.connect(lambda: self.load_case_number(self.recall_number.text()))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.recall_number)
        top.addWidget(self.walk_in)

        # items
        items_box = QGroupBox(tr("办理事项"))
        self.item_search = QLineEdit()
        self.item_search.setPlaceholderText(tr("拼音首字母、名称或实施编码，如 gtgsh"))
        self.item_search.textChanged.connect(self._on_item_search_changed)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.item_search.setFocus)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.submit_applicant)
        self.item_search.returnPressed.connect(self._on_item_search_return)
        self.item_results = QListWidget(objectName="item_results")
        self.item_results.setMaximumHeight(120)
        self.item_results.itemActivated.connect(self._on_item_results_activated)
        self.chosen_items = QListWidget(objectName="chosen_items")
        self.chosen_items.setMaximumHeight(70)
        self.remove_item = QPushButton(tr("移除所选事项"))
        self.remove_item.clicked.connect(self._on_remove_item_clicked)
        self.items_error = error_label()
        lay = QVBoxLayout(items_box)
        for w in (self.item_search, self.item_results, QLabel(tr("已选事项")), self.chosen_items, self.remove_item,
                  self.items_error):
            lay.addWidget(w)

        # applicant
        app_box = QGroupBox(tr("申请人"))
        self.kind_person = QRadioButton(tr("个人"))
        self.kind_org = QRadioButton(tr("单位"))
        self.kind_person.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.kind_person)
        group.addButton(self.kind_org)
        self.kind_org.toggled.connect(self._on_kind_toggled)
        self.name = QLineEdit()
        self.resident_id = QLineEdit()
        self.resident_id.setPlaceholderText(tr("18位身份证号，可扫码"))
        self.uscc = QLineEdit()
        self.uscc.setPlaceholderText(tr("18位统一社会信用代码"))
        self.legal_rep = QLineEdit()
        self.phone = QLineEdit()
        self.has_agent = QCheckBox(tr("代理人办理"))
        self.has_agent.toggled.connect(self._on_has_agent_toggled)
        self.agent_name = QLineEdit()
        self.agent_id = QLineEdit()
        self.agent_phone = QLineEdit()
        self.power_of_attorney = QCheckBox(tr("已核验授权委托书"))
        self.save_applicant = QPushButton(tr("保存申请人"))
        self.save_applicant.clicked.connect(self.submit_applicant)
        for w in (self.name, self.resident_id, self.uscc, self.legal_rep, self.phone, self.agent_name,
                  self.agent_id, self.agent_phone):
            w.returnPressed.connect(self.submit_applicant)
        self.name_error, self.id_error, self.legal_rep_error = error_label(), error_label(), error_label()
        self.phone_error, self.agent_error = error_label(), error_label()
        form = QFormLayout(app_box)
        kinds = QHBoxLayout()
        kinds.addWidget(self.kind_person)
        kinds.addWidget(self.kind_org)
        form.addRow(tr("类型"), kinds)
        form.addRow(tr("姓名/名称"), self.name)
        form.addRow("", self.name_error)
        self.id_label = QLabel(tr("身份证号"))
        # A stored case shows the ID masked; the full number only on demand, recorded (ui/widgets/pii_field.py).
        self.id_concealed = ConcealedField(self.resident_id, lambda done: self._record_pii("resident_id", done))
        self.agent_id_concealed = ConcealedField(self.agent_id,
                                                 lambda done: self._record_pii("agent_resident_id", done))
        id_row = QHBoxLayout()
        id_row.addWidget(self.resident_id, 1)
        id_row.addWidget(self.id_concealed.button)
        form.addRow(self.id_label, id_row)
        self.uscc_label = QLabel(tr("信用代码"))
        form.addRow(self.uscc_label, self.uscc)
        form.addRow("", self.id_error)
        self.legal_rep_label = QLabel(tr("法定代表人"))
        form.addRow(self.legal_rep_label, self.legal_rep)
        form.addRow("", self.legal_rep_error)
        form.addRow(tr("手机号码"), self.phone)
        form.addRow("", self.phone_error)
        form.addRow(self.has_agent)
        self.agent_box = QWidget()
        agent_form = QFormLayout(self.agent_box)
        agent_form.setContentsMargins(0, 0, 0, 0)
        agent_form.addRow(tr("代理人姓名"), self.agent_name)
        agent_id_row = QHBoxLayout()
        agent_id_row.addWidget(self.agent_id, 1)
        agent_id_row.addWidget(self.agent_id_concealed.button)
        agent_form.addRow(tr("代理人身份证号"), agent_id_row)
        agent_form.addRow(tr("代理人手机"), self.agent_phone)
        agent_form.addRow(self.power_of_attorney)
        form.addRow(self.agent_box)
        form.addRow("", self.agent_error)
        form.addRow(self.save_applicant)
        self._on_kind_toggled(False)
        self._on_has_agent_toggled(False)

        left_inner = QWidget()
        left_lay = QVBoxLayout(left_inner)
        left_lay.setContentsMargins(0, 0, 4, 0)
        left_lay.addWidget(items_box)
        left_lay.addWidget(app_box)
        left_lay.addStretch(1)
        # At 1366×768 an agent, a field error or an org's extra fields would push the form past the screen:
        # the column scrolls instead, and an error shown in it is scrolled into view (_show_error).
        left = fitting_scroll_area(left_inner)
        left.setMinimumWidth(left_inner.minimumSizeHint().width() + left.verticalScrollBar().sizeHint().width())

        # checklist
        check_box = QGroupBox(tr("材料审查"))
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([tr("材料"), tr("审查结果"), tr("原件/复印件"), tr("份数"),
                                              tr("有误原因"), tr("说明"), tr("附件"), tr("当场更正")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setObjectName("checklist")  # app.qss: compact cell widgets, so 8+ rows fit at 1366×768
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in CHECKLIST_WIDTHS.items():  # the name column gets what the compact ones leave
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().sectionResized.connect(self._on_checklist_section_resized)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.verticalHeader().setMinimumSectionSize(ROW_HEIGHT)
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + MIN_ROWS * ROW_HEIGHT + 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; inside it the row keys work (intake_keys)
        self.table.setToolTip(tr(CHECKLIST_KEYS_HELP))
        self.materials_summary = QLabel()
        self.materials_error = error_label()
        self.keys_hint = QLabel(tr("空格 已收并下移 · 1已收 2缺少 3有误 4容缺 5承诺 · 回车 展开 · Del 更正 · Ctrl+回车 扫描件"))
        self.keys_hint.setStyleSheet("color: #6b7280; font-size: 12px;")
        self.keys_hint.setToolTip(tr(CHECKLIST_KEYS_HELP))
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.materials_summary, 1)
        summary_row.addWidget(self.keys_hint)
        cl = QVBoxLayout(check_box)
        cl.addWidget(self.table)
        cl.addLayout(summary_row)
        cl.addWidget(self.materials_error)

        # decision
        dec_box = QGroupBox(tr("办理结果"))
        self.refer_to = QLineEdit()
        self.refer_to.setPlaceholderText(tr("非本部门事项：应到哪个部门或渠道办理"))
        self.reasons = QLineEdit()
        self.reasons.setPlaceholderText(tr("不予受理的理由"))
        self.legal_basis = QLineEdit()
        self.legal_basis.setPlaceholderText(tr("法律依据（可选）"))
        # Printed on the rejection decision as the applicant's remedies; filled from the item or the hall.
        self.review_body = QLineEdit()
        self.review_body.setObjectName("review_body")
        self.review_body.setPlaceholderText(tr("不予受理时告知的行政复议机关"))
        self.court = QLineEdit()
        self.court.setObjectName("court")
        self.court.setPlaceholderText(tr("不予受理时告知的行政诉讼法院"))
        self._rights_for: tuple[str, tuple[str, ...]] | None = None
        self.delivery = QComboBox()
        for key, label in d.DELIVERY_METHODS.items():
            self.delivery.addItem(self._t(label), key)
        self.outcome_buttons: dict[str, QPushButton] = {}
        buttons = QGridLayout()
        for i, (outcome, label) in enumerate(OUTCOME_BUTTONS):
            # Ctrl+1..6: the window panel owns F1–F8, the clerk keeps both hands on the keyboard
            b = QPushButton(f"{self.tr(label)} (Ctrl+{i + 1})")
            b.setObjectName(f"outcome_{outcome}")
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, activated=b.click)
            b.clicked.connect(lambda _=False, o=outcome: self.decide(o))
            self.outcome_buttons[outcome] = b
            buttons.addWidget(b, i // 3, i % 3)
        self.decision_error = error_label()
        self.documents_list = QListWidget(objectName="documents_list")
        self.documents_list.setMaximumHeight(64)
        self.documents_list.setMinimumHeight(56)
        self.documents_list.itemActivated.connect(lambda it: self.preview_document(self.documents_list.row(it)))
        self.preview_button = QPushButton(tr("预览所选文书"))
        self.preview_button.clicked.connect(lambda: self.preview_document(self.documents_list.currentRow()))
        self.ask_rating = QPushButton(tr("邀请评价"))
        self.ask_rating.clicked.connect(self.request_rating)
        self.applicant_left = QPushButton(tr("申请人已离开（待评价）"))
        self.applicant_left.clicked.connect(self.mark_applicant_left)
        self.finish_button = QPushButton(tr("结束本次服务"))
        self.finish_button.clicked.connect(self._on_finish_clicked)
        dl = QVBoxLayout(dec_box)
        # Shown only while an outcome can still be chosen; afterwards the follow-up box takes its place.
        self.decision_form = QWidget()
        dfl = QVBoxLayout(self.decision_form)
        dfl.setContentsMargins(0, 0, 0, 0)
        # Two columns keep the outcome form short: at 1366×768 the checklist above needs the height.
        f2 = QGridLayout()
        for r, c, label, w in ((0, 0, tr("办理部门/渠道"), self.refer_to), (0, 2, tr("结果送达"), self.delivery),
                               (1, 0, tr("理由"), self.reasons), (1, 2, tr("依据"), self.legal_basis),
                               (2, 0, tr("复议机关"), self.review_body), (2, 2, tr("人民法院"), self.court)):
            f2.addWidget(QLabel(label), r, c)
            f2.addWidget(w, r, c + 1)
        f2.setColumnStretch(1, 3)
        f2.setColumnStretch(3, 2)
        dfl.addLayout(f2)
        dfl.addLayout(buttons)
        dl.addWidget(self.decision_form)
        dl.addWidget(self.decision_error)
        # The issued documents beside the four closing buttons: one short band instead of two rows.
        docs = QGridLayout()
        self.documents_list.setToolTip(tr("已出具文书（双击预览）"))
        docs.addWidget(self.documents_list, 0, 0, 2, 1)
        for i, w in enumerate((self.preview_button, self.ask_rating, self.applicant_left, self.finish_button)):
            docs.addWidget(w, i // 2, 1 + i % 2)
        docs.setColumnStretch(0, 3)
        docs.setColumnStretch(1, 1)
        docs.setColumnStretch(2, 1)
        dl.addLayout(docs)

        # follow-up of an accepted case: supplement and extension
        self.follow_box = QGroupBox(tr("受理后事项"))
        self.extend_reason = QLineEdit()
        self.extend_reason.setPlaceholderText(tr("延期理由（必须书面写明）"))
        self.extend_days = QSpinBox()
        self.extend_days.setRange(1, 60)
        self.extend_days.setValue(5)
        self.extend_button = QPushButton(tr("延长期限"))
        self.extend_button.clicked.connect(self.extend)
        self.supplement_button = QPushButton(tr("收取所选容缺材料"))
        self.supplement_button.clicked.connect(self.receive_selected_supplement)
        self.refuse_expired_button = QPushButton(tr("逾期未补正，不予受理"))
        self.refuse_expired_button.clicked.connect(self.refuse_expired)
        self.ready_button = QPushButton(tr("办结，待领取"))
        self.ready_button.clicked.connect(self.mark_ready)
        self.extend_error = error_label()
        fl = QGridLayout(self.follow_box)
        fl.addWidget(self.extend_reason, 0, 0, 1, 2)
        fl.addWidget(self.extend_days, 0, 2)
        fl.addWidget(self.extend_button, 0, 3)
        fl.addWidget(self.supplement_button, 1, 0)
        fl.addWidget(self.refuse_expired_button, 1, 1)
        fl.addWidget(self.ready_button, 1, 2)
        fl.addWidget(self.extend_error, 2, 0, 1, 4)

        actions = QWidget()
        actions.setObjectName("intakeActions")  # app.qss: compact buttons and fields
        self.actions_box = actions
        al = QVBoxLayout(actions)
        al.setContentsMargins(0, 0, 4, 0)
        al.addWidget(dec_box)
        al.addWidget(self.follow_box)
        al.addStretch(1)
        # The decision, the documents and the follow-up scroll when the screen is short; the checklist keeps
        # its MIN_ROWS rows and takes every spare pixel.
        self.actions_area = fitting_scroll_area(actions)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(check_box, 1)
        rl.addWidget(self.actions_area, 0)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addWidget(self.conflict_banner)
        outer.addWidget(self.conflict_ack, 0, Qt.AlignmentFlag.AlignRight)
        outer.addWidget(self.general_error)
        outer.addWidget(split, 1)

    def _t(self, text: str) -> str:
        return self.tr(text)

    def take_focus(self) -> None:
        """Where the keyboard goes when this screen is shown: the next thing the clerk has to do."""
        state = self.case
        if state is None or not state.items:
            self.item_search.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not state.applicant.get("name"):
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.table.isEnabled() and self.table.rowCount():
            pending = [self._rows[m["material_id"]] for m in state.by_status(d.PENDING)
                       if m["material_id"] in self._rows]
            self.table.setCurrentCell(min(pending) if pending else max(0, self.table.currentRow()), 0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    # ------------------------------------------------------------------ running work
    def _write(self, fn: Callable[[], Any], success: Callable[[Any], None] | None = None,
               field_hint: str | None = None) -> None:
        self.ctx.runner.write(fn, success=success, failure=lambda exc: self._show_error(exc, field_hint),
                              parent=self)

    def _read(self, fn: Callable[[], Any], success: Callable[[Any], None]) -> None:
        self.ctx.runner.read(fn, success=success, failure=lambda exc: self._show_error(exc, None), parent=self)

    def _clear_errors(self) -> None:
        for lab in set(self._field_errors.values()) | {self.general_error}:
            lab.clear()
            lab.hide()

    def _show_error(self, exc: BaseException, field_hint: str | None) -> None:
        if not isinstance(exc, KnownError):
            # our bug: the crash dialog and the log, as the runner does when no failure callback is given
            import traceback
            self.ctx.bridge.crashed.emit("".join(traceback.format_exception(exc)))
            return
        lab = self._field_errors.get(exc.field or "", None) or self._field_errors.get(field_hint or "", None) \
            or self.general_error
        lab.setText(exc.message)
        lab.show()
        reveal(lab)

    def error_text(self, field: str) -> str:
        """The message shown beside ``field`` (tests and the keyboard help use it)."""
        lab = self._field_errors.get(field, self.general_error)
        return lab.text() if not lab.isHidden() else ""

    # ------------------------------------------------------------------ opening
    def open_for_ticket(self, ticket_id: str, number: str) -> None:
        """Start service for a called ticket (the window panel's ``service_started``)."""
        self._reset_form()
        self._ticket = (ticket_id, number)
        self.header.setText(self.tr("排队号 %1：正在开办件……").replace("%1", number))
        self._write(lambda: self.intake.open_case(ticket_id=ticket_id, ticket_number=number), self._on_opened)

    def open_walk_in(self) -> None:
        self._reset_form()
        self._ticket = (None, "")
        self._write(lambda: self.intake.open_case(), self._on_opened)

    def load_case_number(self, number: str) -> None:
        """Continue an existing case (the applicant came back after a notice, or brings deferred materials)."""
        self._clear_errors()
        text = number.strip()
        self._read(lambda: self.intake.find(text), self._on_loaded)

    def _on_opened(self, opened: Any) -> None:
        if opened.reused:
            self.ctx.bridge.info.emit(self.tr("该排队号已有未办结的办件 %1，继续办理。").replace(
                "%1", opened.case.case_number))
        self._set_case(opened.case, fill_applicant=True)

    def _on_loaded(self, state: d.CaseState) -> None:
        self._reset_form()
        self._set_case(state, fill_applicant=True)

    def _reset_form(self) -> None:
        self._clear_errors()
        self.case = None
        self.rating_id = None
        self.documents = []
        self.documents_list.clear()
        self.chosen_items.clear()
        self.table.setRowCount(0)
        self._rows = {}
        for w in (self.name, self.resident_id, self.uscc, self.legal_rep, self.phone, self.agent_name,
                  self.agent_id, self.agent_phone, self.refer_to, self.reasons, self.legal_basis,
                  self.review_body, self.court, self.extend_reason, self.item_search):
            w.clear()
        self._rights_for = None
        self.id_concealed.clear()
        self.agent_id_concealed.clear()
        self.has_agent.setChecked(False)
        self.power_of_attorney.setChecked(False)
        self.kind_person.setChecked(True)
        self._refresh_buttons()

    def _record_pii(self, field: str, done: Callable[[], None]) -> None:
        """The full number is shown only once its viewing is recorded as an audit event."""
        audit = getattr(self.ctx.services, "audit", None)
        concealed = self.id_concealed if field == "resident_id" else self.agent_id_concealed
        if audit is None or self.case is None:
            concealed.failed()
            return
        case_id, number = self.case.id, self.case.case_number

        def failed(exc: BaseException) -> None:
            concealed.failed()
            self._show_error(exc, None)
        self.ctx.runner.write(lambda: audit.pii_viewed(case_id, field, case_number=number),
                              success=lambda _r: done(), failure=failed, parent=self)

    # ------------------------------------------------------------------ state
    def _set_case(self, state: d.CaseState, *, fill_applicant: bool = False) -> None:
        same_materials = (self.case is not None and self.case.id == state.id
                          and [m["material_id"] for m in self.case.materials]
                          == [m["material_id"] for m in state.materials])
        self.case = state
        label = self._t(d.STATUS_LABELS.get(state.status, state.status))
        ticket = f"{state.ticket_number}  " if state.ticket_number else ""
        due = self.tr("  承诺办结：%1").replace("%1", state.due_date) if state.due_date else ""
        self.header.setText(f"{ticket}{self.tr('办件')} {state.case_number}  [{label}]{due}")
        self.chosen_items.clear()
        for item in state.items:
            it = QListWidgetItem(f"{item['name']}（{item['item_code'][-6:]}）")
            it.setData(Qt.ItemDataRole.UserRole, item["item_code"])
            self.chosen_items.addItem(it)
        if fill_applicant:
            self._fill_applicant(state)
        # A correction or a mark must not move the clerk's place: same row, same scroll, keyboard kept.
        scroll = self.table.verticalScrollBar().value()
        row = self.table.currentRow()
        focus = QApplication.focusWidget()
        had_keys = focus is not None and (focus is self.table or self.table.isAncestorOf(focus))
        if same_materials:
            self._update_rows(state)
        else:
            self._build_rows(state)
        if same_materials:
            if row >= 0:
                self.table.setCurrentCell(row, max(0, self.table.currentColumn()))
            self.table.verticalScrollBar().setValue(scroll)
            if had_keys and self.table.isEnabled():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_summary(state)
        self._fill_rights(state)
        conflicts = state.open_conflicts
        if conflicts:
            c = conflicts[-1]
            where = self.tr("%1号窗口").replace("%1", str(c["winner_window"])) if c.get("winner_window") \
                else self.tr("其他窗口")
            self.conflict_banner.setText(self.tr("本机离线期间，%1已将该办件处理为“%2”，本机随后的%3项操作未生效。")
                                         .replace("%1", where).replace("%2", self._t(
                                             d.STATUS_LABELS.get(c["winner_status"], c["winner_status"])))
                                         .replace("%3", str(len(conflicts))))
            self.conflict_banner.show()
            self.conflict_ack.show()
        else:
            self.conflict_banner.hide()
            self.conflict_ack.hide()
        self._refresh_buttons()
        self.case_changed.emit(state)

    def _fill_rights(self, state: d.CaseState) -> None:
        """Show the review body and court a rejection would name; refilled only when the items change, so
        what the clerk typed for this case stays."""
        key = (state.id, tuple(i["item_code"] for i in state.items))
        if key == self._rights_for or state.terminal:
            return
        self._rights_for = key
        case_id = state.id

        def show(rights: tuple[str, str]) -> None:
            if self.case is not None and self.case.id == case_id:
                self.review_body.setText(rights[0])
                self.court.setText(rights[1])
        self._read(lambda: self.intake.rejection_rights(case_id), show)

    def _fill_applicant(self, state: d.CaseState) -> None:
        app = state.applicant or {}
        if not app:
            return
        self.kind_org.setChecked(app.get("kind") == "organisation")
        self.kind_person.setChecked(app.get("kind") != "organisation")
        self.name.setText(app.get("name", ""))
        self.id_concealed.conceal(app.get("resident_id", ""))
        self.uscc.setText(app.get("uscc", ""))
        self.legal_rep.setText(app.get("legal_rep", ""))
        self.phone.setText(app.get("phone", ""))
        ag = state.agent
        self.has_agent.setChecked(bool(ag))
        if ag:
            self.agent_name.setText(ag.get("name", ""))
            self.agent_id_concealed.conceal(ag.get("resident_id", ""))
            self.agent_phone.setText(ag.get("phone", ""))
            self.power_of_attorney.setChecked(bool(ag.get("power_of_attorney")))

    def _refresh_buttons(self) -> None:
        state = self.case
        allowed = set(d.allowed_outcomes(state)) if state else set()
        for outcome, b in self.outcome_buttons.items():
            b.setEnabled(outcome in allowed)
        # Once decided, the outcome form is only in the way: the follow-up box or the closing buttons matter.
        self.decision_form.setVisible(not state or bool(allowed))
        editable = bool(state) and state.status in (d.CHECKING, d.NOTICE_ISSUED)
        for w in (self.save_applicant, self.item_search, self.remove_item, self.table):
            w.setEnabled(editable or (w is self.item_search and state is None))
        decided = bool(state) and state.status not in (d.CHECKING,)
        self.ask_rating.setEnabled(bool(state) and decided and self.rating_id is None)
        self.applicant_left.setEnabled(self.rating_id is not None)
        self.finish_button.setEnabled(bool(state))
        in_progress = bool(state) and state.status in d.IN_PROGRESS
        self.follow_box.setVisible(in_progress)
        self.supplement_button.setEnabled(bool(state) and state.status == d.ACCEPTED_DEFERRED)
        self.refuse_expired_button.setEnabled(bool(state) and state.status == d.ACCEPTED_DEFERRED)
        self.ready_button.setEnabled(bool(state) and state.status == d.ACCEPTED)
        self.preview_button.setEnabled(bool(self.documents))

    def _update_summary(self, state: d.CaseState) -> None:
        counts = {s: len(state.by_status(s)) for s in d.MATERIAL_STATUSES}
        parts = [f"{self._t(d.MATERIAL_LABELS[s])} {n}" for s, n in counts.items() if n]
        self.materials_summary.setText(self.tr("共 %1 份：").replace("%1", str(len(state.materials)))
                                       + "，".join(parts))

    # ------------------------------------------------------------------ checklist table
    def _build_rows(self, state: d.CaseState) -> None:
        self._loading = True
        self.table.setRowCount(len(state.materials))
        self._rows = {}
        for row, m in enumerate(state.materials):
            mid = m["material_id"]
            self._rows[mid] = row
            req = m.get("requirement") or {}
            tips = [m["name"]] + [f"{k}: {v}" for k, v in req.items()]
            flags = []
            if m.get("deferrable"):
                flags.append(self.tr("可容缺"))
            if m.get("commitment_allowed"):
                flags.append(self.tr("可告知承诺"))
            # The whole name wraps onto a second line rather than being cut; the tags stand out after it.
            # Word joiners keep each tag in one piece; a line may break only before it.
            tags = "".join(f' <span style="color:#92400e; background:#fef3c7;">'
                           f'&nbsp;{"&#8288;".join(html.escape(f))}&nbsp;</span>' for f in flags)
            name = QLabel(html.escape(m["name"]) + tags)
            name.setTextFormat(Qt.TextFormat.RichText)
            name.setWordWrap(True)
            name.setObjectName("materialName")
            name.setToolTip("\n".join(tips))
            self.table.setCellWidget(row, COL_NAME, name)
            status = QComboBox()
            for s in d.MATERIAL_STATUSES:
                if s == d.DEFERRED and not m.get("deferrable"):
                    continue
                if s == d.COMMITTED and not m.get("commitment_allowed"):
                    continue
                status.addItem(self._t(d.MATERIAL_LABELS[s]), s)
            status.currentIndexChanged.connect(lambda _=0, mid=mid: self._on_row_status_changed(mid))
            self.table.setCellWidget(row, COL_STATUS, status)
            form = QComboBox()
            for key, label in d.FORMS.items():
                form.addItem(self._t(label), key)
            form.setCurrentIndex(max(0, form.findData(_MATERIAL_TYPE_FORM.get(req.get("material_type", ""),
                                                                               d.ORIGINAL))))
            form.currentIndexChanged.connect(lambda _=0, mid=mid: self._on_row_detail_changed(mid))
            self.table.setCellWidget(row, COL_FORM, form)
            copies = QSpinBox()
            copies.setRange(1, 99)
            copies.setValue(int(req.get("copies") or 1))
            copies.valueChanged.connect(lambda _=0, mid=mid: self._on_row_detail_changed(mid))
            self.table.setCellWidget(row, COL_COPIES, copies)
            reason = QComboBox()
            reason.addItem(self.tr("（请选择）"), "")
            for key, label in d.DEFECT_REASONS.items():
                reason.addItem(self._t(label), key)
            reason.currentIndexChanged.connect(lambda _=0, mid=mid: self._on_row_detail_changed(mid))
            self.table.setCellWidget(row, COL_REASON, reason)
            text = QLineEdit()
            text.editingFinished.connect(lambda mid=mid: self._on_row_detail_changed(mid))
            self.table.setCellWidget(row, COL_TEXT, text)
            files = QPushButton()
            files.clicked.connect(lambda _=False, mid=mid: self._on_attach_clicked(mid))
            self.table.setCellWidget(row, COL_FILES, files)
            fix = QPushButton(self.tr("已更正"))
            fix.clicked.connect(lambda _=False, mid=mid: self.correct(mid))
            self.table.setCellWidget(row, COL_FIX, fix)
            # Tab passes the row's controls by: the keyboard marks the row from the table (intake_keys).
            for w in (status, form, copies, reason, files, fix):
                w.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._loading = False
        self._update_rows(state)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Each row as tall as its wrapped material name needs (at least ROW_HEIGHT)."""
        width = self.table.columnWidth(COL_NAME)
        for row in range(self.table.rowCount()):
            label = self.table.cellWidget(row, COL_NAME)
            if label is not None:
                m = label.contentsMargins()
                needed = label.heightForWidth(max(1, width - m.left() - m.right())) + 6
                self.table.setRowHeight(row, max(ROW_HEIGHT, needed))
        # At least MIN_ROWS rows, however tall their names made them, before the actions below get any height.
        shown = sum(self.table.rowHeight(r) for r in range(min(MIN_ROWS, self.table.rowCount())))
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + 4
                                    + max(shown, MIN_ROWS * ROW_HEIGHT))

    def _on_checklist_section_resized(self, index: int, _old: int, _new: int) -> None:
        if index == COL_NAME:
            self._fit_rows()

    def _update_rows(self, state: d.CaseState) -> None:
        self._loading = True
        try:
            for m in state.materials:
                row = self._rows.get(m["material_id"])
                if row is None:
                    continue
                status: QComboBox = self.table.cellWidget(row, COL_STATUS)
                status.setCurrentIndex(max(0, status.findData(m["status"])))
                if m["status"] == d.RECEIVED:
                    form: QComboBox = self.table.cellWidget(row, COL_FORM)
                    form.setCurrentIndex(max(0, form.findData(m["form"])))
                    self.table.cellWidget(row, COL_COPIES).setValue(max(1, int(m["copies"] or 1)))
                if m["status"] == d.DEFECTIVE:
                    reason: QComboBox = self.table.cellWidget(row, COL_REASON)
                    reason.setCurrentIndex(max(0, reason.findData(m["reason_code"])))
                    self.table.cellWidget(row, COL_TEXT).setText(m.get("reason_text", ""))
                self._row_enablement(row, m["status"])
                n = len(m.get("attachments") or [])
                self.table.cellWidget(row, COL_FILES).setText(self.tr("扫描件(%1)").replace("%1", str(n)))
                self.table.cellWidget(row, COL_FIX).setEnabled(m["status"] == d.DEFECTIVE)
        finally:
            self._loading = False

    def _row_enablement(self, row: int, status: str) -> None:
        self.table.cellWidget(row, COL_FORM).setEnabled(status == d.RECEIVED)
        self.table.cellWidget(row, COL_COPIES).setEnabled(status == d.RECEIVED)
        self.table.cellWidget(row, COL_REASON).setEnabled(status == d.DEFECTIVE)

    def row_widgets(self, material_id: str) -> dict[str, QWidget]:
        row = self._rows[material_id]
        return {"status": self.table.cellWidget(row, COL_STATUS), "form": self.table.cellWidget(row, COL_FORM),
                "copies": self.table.cellWidget(row, COL_COPIES), "reason": self.table.cellWidget(row, COL_REASON),
                "text": self.table.cellWidget(row, COL_TEXT), "files": self.table.cellWidget(row, COL_FILES),
                "fix": self.table.cellWidget(row, COL_FIX)}

    def _on_row_status_changed(self, material_id: str) -> None:
        if self._loading:
            return
        row = self._rows[material_id]
        self._row_enablement(row, self.table.cellWidget(row, COL_STATUS).currentData())
        self._save_row(material_id)

    def _on_row_detail_changed(self, material_id: str) -> None:
        if self._loading:
            return
        self._save_row(material_id)

    def _save_row(self, material_id: str) -> None:
        if self.case is None:
            return
        w = self.row_widgets(material_id)
        status = w["status"].currentData()
        if status == d.PENDING:
            return
        kw: dict[str, Any] = {}
        if status == d.RECEIVED:
            kw = {"form": w["form"].currentData(), "copies": w["copies"].value()}
        elif status == d.DEFECTIVE:
            if not w["reason"].currentData():
                self.materials_error.setText(self.tr("请为该材料选择有误的原因。"))
                self.materials_error.show()
                return
            kw = {"reason_code": w["reason"].currentData(), "reason_text": w["text"].text()}
        elif status == d.MISSING:
            kw = {"reason_text": w["text"].text()}
        self.materials_error.hide()
        case_id = self.case.id
        self._write(lambda: self.intake.check_material(case_id, material_id, status, **kw), self._set_case,
                    field_hint="materials")

    def set_material(self, material_id: str, status: str, *, form: str | None = None, copies: int | None = None,
                     reason_code: str | None = None, reason_text: str | None = None) -> None:
        """Set one row as the clerk would with the keyboard (used by tests and keyboard shortcuts)."""
        w = self.row_widgets(material_id)
        self._loading = True
        if form is not None:
            w["form"].setCurrentIndex(w["form"].findData(form))
        if copies is not None:
            w["copies"].setValue(copies)
        if reason_code is not None:
            w["reason"].setCurrentIndex(w["reason"].findData(reason_code))
        if reason_text is not None:
            w["text"].setText(reason_text)
        self._loading = False
        idx = w["status"].findData(status)
        if idx < 0:
            self.materials_error.setText(self.tr("该材料不能选择此审查结果。"))
            self.materials_error.show()
            return
        if w["status"].currentIndex() == idx:
            self._save_row(material_id)
        else:
            w["status"].setCurrentIndex(idx)

    def correct(self, material_id: str) -> None:
        if self.case is None:
            return
        case_id = self.case.id
        note = self.row_widgets(material_id)["text"].text()
        self._write(lambda: self.intake.correct_material(case_id, material_id, note), self._set_case,
                    field_hint="materials")

    def _on_attach_clicked(self, material_id: str) -> None:
        if self.case is None:
            return
        dlg = self.attachment_dialog(material_id)
        if dlg is None:
            self._pick_file(material_id)
        else:
            dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dlg.show()

    def _pick_file(self, material_id: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择扫描件"), "",
                                              self.tr("扫描件 (*.pdf *.jpg *.jpeg *.png)"))
        if path:
            self.attach_file(material_id, path)

    def attachment_dialog(self, material_id: str) -> QDialog | None:
        """The document camera and the document scanner of this PC for one material (None: no device)."""
        registry = self.ctx.devices
        camera = registry.get("camera") if registry is not None and hasattr(registry, "get") else None
        scanner = registry.get("doc_scanner") if registry is not None and hasattr(registry, "get") else None
        if camera is None and scanner is None:
            return None
        from PySide6.QtWidgets import QTabWidget
        case_id = self.case.id
        name = self.case.material(material_id)["name"]

        def save(pdf: bytes) -> d.CaseState:
            return self.intake.add_material_scan(case_id, material_id, pdf, media_type="application/pdf",
                                                 filename=f"{name}.pdf")
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("采集材料：%1").replace("%1", name))
        tabs = QTabWidget(dlg)
        if camera is not None:
            from desk_app.ui.devices.camera_capture import CameraCaptureWidget
            cam = CameraCaptureWidget(camera, self.ctx.runner, dlg, save=save)
            cam.saved.connect(self._on_scan_saved)
            tabs.addTab(cam, self.tr("高拍仪"))
        if scanner is not None:
            from desk_app.ui.devices.doc_scan import DocScanWidget
            sc = DocScanWidget(scanner, self.ctx.runner, dlg, save=save)
            sc.saved.connect(self._on_scan_saved)
            tabs.addTab(sc, self.tr("扫描仪"))
        pick = QPushButton(self.tr("从文件选择…"), dlg)
        pick.clicked.connect(lambda: self._pick_file(material_id))
        lay = QVBoxLayout(dlg)
        lay.addWidget(tabs)
        lay.addWidget(pick, 0, Qt.AlignmentFlag.AlignRight)
        dlg.resize(900, 640)
        return dlg

    def _on_scan_saved(self, state: Any) -> None:
        if isinstance(state, d.CaseState) and self.case is not None and state.id == self.case.id:
            self._set_case(state)

    def attach_file(self, material_id: str, path: str | Path) -> None:
        p = Path(path)
        media = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg",
                 ".jpeg": "image/jpeg"}.get(p.suffix.lower(), "application/octet-stream")
        self.ctx.runner.io(p.read_bytes, success=lambda data: self.attach_bytes(material_id, data, media, p.name),
                           failure=lambda exc: self._show_error(
                               exc if isinstance(exc, KnownError) else KnownError(
                                   self.tr("无法读取文件：%1").replace("%1", str(exc)), field="attachments"),
                               "attachments"),
                           parent=self)

    def attach_bytes(self, material_id: str, data: bytes, media_type: str, filename: str = "") -> None:
        """A scan from the document camera or scanner (or a picked file) for one material."""
        if self.case is None:
            return
        case_id = self.case.id
        self._write(lambda: self.intake.add_material_scan(case_id, material_id, data, media_type=media_type,
                                                          filename=filename), self._set_case,
                    field_hint="attachments")

    # ------------------------------------------------------------------ items
    def _on_item_search_changed(self, text: str) -> None:
        q = text.strip()
        if not q:
            self.item_results.clear()
            self._hits_query = None
            self._take_first_hit = False
            return
        catalog = getattr(self.ctx.services, "catalog", None)

        def search() -> list[tuple[str, str]]:
            if catalog is not None:
                return [(h.item_code, h.name) for h in catalog.search(q)]
            return [(h["item_code"], h["name"]) for h in self.intake.search_items(q)]
        self._read(search, lambda hits, q=q: self._show_hits(q, hits))

    def _show_hits(self, query: str, hits: list[tuple[str, str]]) -> None:
        if query != self.item_search.text().strip():
            return  # an older search answered late
        self.item_results.clear()
        self._hits_query = query
        for code, name in hits:
            it = QListWidgetItem(name)
            it.setData(Qt.ItemDataRole.UserRole, code)
            it.setToolTip(code)
            self.item_results.addItem(it)
        if hits:
            self.item_results.setCurrentRow(0)
            if self._take_first_hit:
                self._take_first_hit = False
                self._on_item_results_activated(self.item_results.currentItem())

    def _on_item_search_return(self) -> None:
        if not self.item_search.text().strip():
            # Enter on an empty search: the items are chosen, on to the applicant (or the checklist).
            if self.case is not None and self.case.items:
                self.take_focus()
            return
        if self.item_search.text().strip() != (self._hits_query or ""):
            # Typed faster than the search answered: the list shows an older query's items.
            self._take_first_hit = bool(self.item_search.text().strip())
            return
        it = self.item_results.currentItem()
        if it is not None:
            self._on_item_results_activated(it)

    def _on_item_results_activated(self, it: QListWidgetItem) -> None:
        self.add_item(it.data(Qt.ItemDataRole.UserRole))

    def add_item(self, item_code: str) -> None:
        self.items_error.hide()
        if self.case is None:
            ticket_id, number = self._ticket
            self._write(lambda: self.intake.open_case(item_codes=[item_code], ticket_id=ticket_id,
                                                      ticket_number=number), self._on_opened, field_hint="items")
            return
        codes = [i["item_code"] for i in self.case.items]
        if item_code in codes:
            return
        case_id = self.case.id
        self._write(lambda: self.intake.set_items(case_id, codes + [item_code]), self._set_case,
                    field_hint="items")
        self.item_search.clear()

    def _on_remove_item_clicked(self) -> None:
        self.remove_selected_item()

    def remove_selected_item(self) -> None:
        """The selected item leaves the case; with a single item, that one (nothing to select first)."""
        it = self.chosen_items.currentItem()
        if it is None and self.chosen_items.count() == 1:
            it = self.chosen_items.item(0)
        if it is None or self.case is None:
            return
        code = it.data(Qt.ItemDataRole.UserRole)
        codes = [i["item_code"] for i in self.case.items if i["item_code"] != code]
        case_id = self.case.id
        self._write(lambda: self.intake.set_items(case_id, codes), self._set_case, field_hint="items")

    # ------------------------------------------------------------------ applicant
    def _on_kind_toggled(self, org: bool) -> None:
        for w in (self.uscc, self.uscc_label, self.legal_rep, self.legal_rep_label):
            w.setVisible(org)
        for w in (self.resident_id, self.id_label):
            w.setVisible(not org)
        self.id_concealed.button.setVisible(not org and self.id_concealed.concealed)

    def _on_has_agent_toggled(self, on: bool) -> None:
        self.agent_box.setVisible(on)

    def applicant_input(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        org = self.kind_org.isChecked()
        applicant = {"kind": "organisation" if org else "person", "name": self.name.text(),
                     "phone": self.phone.text()}
        if org:
            applicant.update(uscc=self.uscc.text(), legal_rep=self.legal_rep.text())
        else:
            applicant["resident_id"] = self.id_concealed.value()
        agent = None
        if self.has_agent.isChecked():
            agent = {"name": self.agent_name.text(), "resident_id": self.agent_id_concealed.value(),
                     "phone": self.agent_phone.text(), "power_of_attorney": self.power_of_attorney.isChecked()}
        return applicant, agent

    def submit_applicant(self) -> None:
        for lab in (self.name_error, self.id_error, self.legal_rep_error, self.phone_error, self.agent_error):
            lab.hide()
        if self.case is None:
            self._show_error(KnownError(self.tr("请先选择办理事项或开始办件。"), field="items"), "items")
            return
        applicant, agent = self.applicant_input()
        case_id = self.case.id
        focus = QApplication.focusWidget()
        from_form = focus is not None and self.save_applicant.parentWidget().isAncestorOf(focus)

        def saved(state: d.CaseState) -> None:
            self._set_case(state)
            if from_form and self.isVisible():
                self.take_focus()  # Enter in the form saved it: on to the checklist
        self._write(lambda: self.intake.set_applicant(case_id, applicant, agent), saved)

    SCAN_KINDS = frozenset({"resident_id", "uscc", "business_licence", "case"})

    def handle_payload(self, payload: Any) -> None:
        """For the device scan router: ``router.register(IntakeScreen.SCAN_KINDS, screen.handle_payload, screen)``."""
        self.handle_scan(payload.raw)

    def handle_scan(self, text: str) -> bool:
        """A scanned code routed to this screen: ID numbers and USCCs fill the applicant or agent fields."""
        from desk_app.domain.scan_payload import classify
        p = classify(text)
        if p.kind == "resident_id":
            target = self.agent_id if self.has_agent.isChecked() and (
                self.agent_id.hasFocus() or self.resident_id.text()) else self.resident_id
            if target is self.resident_id:
                self.kind_person.setChecked(True)
            # A freshly scanned card replaces a stored (masked) number: no longer concealed.
            (self.id_concealed if target is self.resident_id else self.agent_id_concealed).clear()
            target.setText(p.value)
            return True
        if p.kind in ("uscc", "business_licence") and (p.uscc or p.kind == "uscc"):
            self.kind_org.setChecked(True)
            self.uscc.setText(p.uscc or p.value)
            return True
        if p.kind == "case":
            self.load_case_number(p.value)
            return True
        if p.kind == "invalid":
            self._show_error(KnownError(p.message_cn or self.tr("扫码内容无效"), field="resident_id"), None)
        return False

    # ------------------------------------------------------------------ decision and documents
    def decide(self, outcome: str) -> None:
        if self.case is None:
            return
        self.decision_error.hide()
        case_id = self.case.id
        kw = {"refer_to": self.refer_to.text(), "reasons": self.reasons.text(),
              "legal_basis": self.legal_basis.text(), "delivery_method": self.delivery.currentData()}
        if outcome == d.REJECT:
            kw.update(review_body=self.review_body.text(), court=self.court.text())
        printing = getattr(self.ctx.services, "printing", None)
        clerk = self.ctx.user.display_name
        if printing is not None:
            self._write(lambda: self.intake.decide_and_issue(case_id, outcome, printing=printing,
                                                             clerk_name=clerk, **kw),
                        self._on_decided, field_hint="outcome")
        else:
            self._write(lambda: self.intake.decide(case_id, outcome, **kw), self._on_decided, field_hint="outcome")

    def _on_decided(self, result: Any) -> None:
        self._set_case(result.case)
        docs = list(getattr(result, "documents", ()) or ())
        if docs and not isinstance(docs[0], str):
            for doc in docs:
                self.documents.append(doc)
                self.documents_list.addItem(f"{self._t(KIND_LABELS.get(doc.kind, doc.kind))}  {doc.number}")
            self.documents_list.setCurrentRow(len(self.documents) - 1)
            self.documents_issued.emit(docs)
        self._refresh_buttons()
        self.decided.emit(result.outcome, result.case)

    def _on_documents_issued(self, docs: list) -> None:
        # The decision's documents go straight to the print preview: 打印 / 全部打印 sends them.
        self.preview_documents(docs)

    def preview_documents(self, docs: list) -> Any:
        pipeline = getattr(self.ctx, "print_pipeline", None)
        if pipeline is None or not docs:
            return None
        return pipeline.preview(docs, self, actor=self.ctx.user.username)

    def preview_document(self, index: int) -> Any:
        if not 0 <= index < len(self.documents):
            return None
        return self.preview_documents([self.documents[index]])

    # ------------------------------------------------------------------ after acceptance
    def extend(self) -> None:
        if self.case is None:
            return
        self.extend_error.hide()
        case_id, reason, days = self.case.id, self.extend_reason.text(), self.extend_days.value()
        self._write(lambda: self.intake.extend(case_id, reason=reason, extra_days=days), self._set_case,
                    field_hint="reason")

    def receive_selected_supplement(self) -> None:
        if self.case is None:
            return
        row = self.table.currentRow()
        mids = [mid for mid, r in self._rows.items() if r == row]
        deferred = [m["material_id"] for m in d.deferred_open(self.case)]
        mid = mids[0] if mids and mids[0] in deferred else (deferred[0] if deferred else None)
        if mid is None:
            return
        w = self.row_widgets(mid)
        case_id, form, copies = self.case.id, w["form"].currentData(), w["copies"].value()
        self._write(lambda: self.intake.receive_supplement(case_id, mid, form=form, copies=copies),
                    self._set_case, field_hint="reason")

    def refuse_expired(self) -> None:
        if self.case is None:
            return
        case_id = self.case.id
        printing = getattr(self.ctx.services, "printing", None)
        clerk = self.ctx.user.display_name
        rights = {"review_body": self.review_body.text(), "court": self.court.text()}
        if printing is None:
            self._write(lambda: self.intake.refuse_expired_deferral(case_id, **rights), self._on_decided,
                        field_hint="reason")
        else:
            self._write(lambda: self.intake.refuse_expired_and_issue(case_id, printing=printing, clerk_name=clerk,
                                                                     **rights),
                        self._on_decided, field_hint="reason")

    def mark_ready(self) -> None:
        if self.case is None:
            return
        case_id = self.case.id
        self._write(lambda: self.intake.mark_result_ready(case_id), self._set_case, field_hint="reason")

    # ------------------------------------------------------------------ rating and finishing
    def request_rating(self) -> None:
        rating = getattr(self.ctx.services, "rating", None)
        if self.case is None or rating is None:
            return
        case_id, number = self.case.id, self.case.case_number

        def done(state: Any) -> None:
            self.rating_id = state.id
            self._refresh_buttons()
            self.rating_requested.emit(state.id)
            self._ask_pad(number)
        self._write(lambda: rating.request(case_id), done)

    def _ask_pad(self, case_number: str) -> None:
        """An external rating pad, when this PC has one; the applicant screen listens to the request as well."""
        registry = self.ctx.devices
        pad = registry.get("rating_pad") if registry is not None and hasattr(registry, "get") else None
        if pad is None or not getattr(pad, "health", None) or not pad.health.ok:
            return
        try:
            self._pad_request = pad.request_rating(case_number, self.ctx.window_number or "",
                                                   self._pad_relay.send)
        except KnownError as exc:
            self.ctx.bridge.warning.emit(exc.message)

    def _on_pad_outcome(self, outcome: Any) -> None:
        rating = getattr(self.ctx.services, "rating", None)
        rid = self.rating_id
        if rating is None or rid is None or outcome.request_id != self._pad_request:
            return
        self._pad_request = None
        if outcome.status == "rated" and outcome.level is not None:
            from desk_app.domain.rating import REASONS
            reasons = [r for r in outcome.reasons if r in REASONS.get(outcome.level, {})]
            level = outcome.level
            self._write(lambda: rating.submit(rid, level=level, reasons=reasons), lambda _s: self._refresh_buttons())
        elif outcome.status in ("declined", "lost", "timeout"):
            # never a default: the case stays "pending rating"
            self._write(lambda: rating.applicant_left(rid), lambda _s: self._refresh_buttons())

    def mark_applicant_left(self) -> None:
        rating = getattr(self.ctx.services, "rating", None)
        if self.rating_id is None or rating is None:
            return
        rid = self.rating_id
        self._write(lambda: rating.applicant_left(rid), lambda _s: self._refresh_buttons())

    def _on_finish_clicked(self) -> None:
        if self.case is not None:
            self.finished.emit(self.case.id)

    def _on_conflict_ack_clicked(self) -> None:
        if self.case is not None:
            case_id = self.case.id
            self._write(lambda: self.intake.acknowledge_conflicts(case_id), self._set_case)

    def _on_bridge_changed(self, kind: str, events: object) -> None:
        """Another window (or a pulled event) changed the case on screen: show its current state."""
        if kind != "case" or self.case is None:
            return
        mine = [e for e in (events or []) if getattr(e, "aggregate_id", None) == self.case.id]
        if not mine or all(e.device == getattr(self.intake.store, "device_id", None) for e in mine):
            return
        case_id = self.case.id
        self._read(lambda: self.intake.get(case_id), self._set_case)
