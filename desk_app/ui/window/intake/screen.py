"""The clerk's intake screen: composes the item picker, applicant form, checklist, decision and follow-up panels,
and runs their use cases through the runner."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from desk_app.domain import intake as d
from desk_app.domain.errors import KnownError
from desk_app.runtime.relay import ThreadRelay
from desk_app.ui.context import ScreenContext
from desk_app.ui.errors import error_text
from desk_app.ui.printing.jobs import kind_name
from desk_app.ui.service_binding import bind_service
from desk_app.ui.widgets.field_error import error_label
from desk_app.ui.widgets.fitting import fitting_scroll_area, reveal
from desk_app.ui.window.intake.applicant_form import ApplicantForm
from desk_app.ui.models.checklist import COL_STATUS
from desk_app.ui.window.intake.checklist import ChecklistPanel
from desk_app.ui.window.intake.earlier_cases import EarlierCasesLine
from desk_app.ui.window.intake.decision_panel import DecisionPanel
from desk_app.ui.window.intake.follow_up_panel import FollowUpPanel
from desk_app.ui.window.intake.item_picker import ItemPicker
from desk_app.ui.window.intake.keys import IntakeKeys

class IntakeScreen(QWidget):
    """``IntakeScreen(ctx)``; services used: ``ctx.services.intake`` (IntakeService), optionally ``catalog``
    (CatalogService, for pinyin search), ``printing`` (PrintService), ``rating`` (RatingService)."""

    case_changed = Signal(object)            # CaseState, after every change (the applicant screen follows it)
    decided = Signal(str, object)            # outcome, CaseState
    documents_issued = Signal(list)          # [PrintedDocument]: hand them to the printer pipeline
    rating_requested = Signal(str)           # rating id
    finished = Signal(str)                   # case id: the clerk is done with this applicant

    SCAN_KINDS = frozenset({"resident_id", "uscc", "business_licence", "case"})

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.intake = bind_service(ctx.services.intake, ctx)
        bind_service(ctx.services.rating, ctx)
        self.case: d.CaseState | None = None
        self.documents: list[Any] = []
        self.rating_id: str | None = None
        self._ticket: tuple[str | None, str] = (None, "")
        self._rights_for: tuple[str, tuple[str, ...]] | None = None
        self._earlier_for: tuple[str, str] | None = None
        self._build()
        a = self.applicant_form
        self._field_errors = {
            "items": self.items_error, "name": a.name_error, "resident_id": a.id_error,
            "uscc": a.id_error, "legal_rep": a.legal_rep_error, "phone": a.phone_error,
            "kind": a.name_error, "agent_name": a.agent_error, "agent_resident_id": a.agent_error,
            "agent_phone": a.agent_error, "power_of_attorney": a.agent_error,
            "applicant": a.name_error, "materials": self.materials_error, "status": self.materials_error,
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
        self.keys = IntakeKeys(self)
        self._refresh_buttons()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.header = QLabel(self.tr("尚未开始办件"))
        self.header.setObjectName("caseHeader")
        self.header.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.conflict_banner = QLabel()
        self.conflict_banner.setStyleSheet("background: #fdecea; color: #922; padding: 6px;")
        self.conflict_banner.setWordWrap(True)
        self.conflict_banner.hide()
        self.conflict_ack = QPushButton(self.tr("知道了"))
        self.conflict_ack.hide()
        self.conflict_ack.clicked.connect(self._on_conflict_ack_clicked)
        self.general_error = error_label()
        self.walk_in = QPushButton(self.tr("新建办件（无排队号）"))
        self.walk_in.clicked.connect(self.open_walk_in)
        self.recall_number = QLineEdit()
        self.recall_number.setPlaceholderText(self.tr("输入或扫描办件编号，继续办理"))
        self.recall_number.setMinimumWidth(280)
        self.recall_number.returnPressed.connect(lambda: self.load_case_number(self.recall_number.text()))
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.recall_number)
        top.addWidget(self.walk_in)

        self.item_picker = ItemPicker()
        self.item_picker.search_requested.connect(self._on_item_picker_search_requested)
        self.item_picker.item_chosen.connect(self.add_item)
        self.item_picker.item_removed.connect(self._on_item_picker_item_removed)
        self.item_picker.done.connect(self._on_item_picker_done)
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.item_picker.search.setFocus)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.submit_applicant)
        self.applicant_form = ApplicantForm(self._record_pii)
        self.applicant_form.submitted.connect(self.submit_applicant)
        left_inner = QWidget()
        left_lay = QVBoxLayout(left_inner)
        left_lay.setContentsMargins(0, 0, 4, 0)
        left_lay.addWidget(self.item_picker)
        left_lay.addWidget(self.applicant_form)
        self.earlier_cases = EarlierCasesLine()
        left_lay.addWidget(self.earlier_cases)
        left_lay.addStretch(1)
        # At 1366×768 an agent, a field error or an org's extra fields would push the form past the screen:
        # the column scrolls instead, and an error shown in it is scrolled into view (_show_error).
        left = fitting_scroll_area(left_inner)
        left.setMinimumWidth(left_inner.minimumSizeHint().width() + left.verticalScrollBar().sizeHint().width())

        self.checklist = ChecklistPanel()
        self.checklist.model.row_edited.connect(self.save_row)
        self.checklist.attach_requested.connect(self.request_scan)
        self.checklist.correct_requested.connect(self.correct)
        self.decision = DecisionPanel(self)
        self.decision.outcome_chosen.connect(self.decide)
        self.decision.preview_requested.connect(self.preview_document)
        self.decision.rating_asked.connect(self.request_rating)
        self.decision.applicant_left_clicked.connect(self.mark_applicant_left)
        self.decision.finish_clicked.connect(self._on_decision_finish_clicked)
        self.follow_up = FollowUpPanel()
        self.follow_up.extend_button.clicked.connect(self.extend)
        self.follow_up.supplement_button.clicked.connect(self.receive_selected_supplement)
        self.follow_up.refuse_expired_button.clicked.connect(self.refuse_expired)
        self.follow_up.ready_button.clicked.connect(self.mark_ready)
        actions = QWidget()
        actions.setObjectName("intakeActions")  # app.qss: compact buttons and fields
        al = QVBoxLayout(actions)
        al.setContentsMargins(0, 0, 4, 0)
        al.addWidget(self.decision)
        al.addWidget(self.follow_up)
        al.addStretch(1)
        # The decision, the documents and the follow-up scroll when the screen is short; the checklist keeps
        # its MIN_ROWS rows and takes every spare pixel.
        self.actions_area = fitting_scroll_area(actions)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.checklist, 1)
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
        self._name_parts()

    def _name_parts(self) -> None:
        """The panels' widgets under the names the tests, the e2e drivers and the keyboard code use."""
        p, a, c, dp, f = self.item_picker, self.applicant_form, self.checklist, self.decision, self.follow_up
        self.item_search, self.item_results, self.chosen_items = p.search, p.results, p.chosen
        self.remove_item, self.items_error = p.remove, p.error
        self.kind_person, self.kind_org, self.name, self.phone = a.kind_person, a.kind_org, a.name, a.phone
        self.resident_id, self.uscc, self.legal_rep = a.resident_id, a.uscc, a.legal_rep
        self.has_agent, self.agent_name, self.agent_id, self.agent_phone = (a.has_agent, a.agent_name, a.agent_id,
                                                                            a.agent_phone)
        self.power_of_attorney, self.save_applicant = a.power_of_attorney, a.save
        self.id_concealed, self.agent_id_concealed = a.id_concealed, a.agent_id_concealed
        self.table, self.materials_summary, self.materials_error = c.table, c.summary, c.error
        self.refer_to, self.reasons, self.legal_basis = dp.refer_to, dp.reasons, dp.legal_basis
        self.review_body, self.court, self.delivery = dp.review_body, dp.court, dp.delivery
        self.outcome_buttons, self.decision_form, self.decision_error = dp.outcome_buttons, dp.form, dp.error
        self.documents_list, self.preview_button, self.ask_rating = dp.documents_list, dp.preview_button, \
            dp.ask_rating
        self.applicant_left, self.finish_button = dp.applicant_left, dp.finish_button
        self.follow_box, self.extend_reason, self.extend_days = f, f.extend_reason, f.extend_days
        self.extend_button, self.supplement_button = f.extend_button, f.supplement_button
        self.refuse_expired_button, self.ready_button, self.extend_error = (f.refuse_expired_button,
                                                                            f.ready_button, f.error)

    def take_focus(self) -> None:
        """Where the keyboard goes when this screen is shown: the next thing the clerk has to do."""
        state = self.case
        if state is None or not state.items:
            self.item_search.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not state.applicant.get("name"):
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.table.isEnabled() and self.table.rowCount():
            model = self.checklist.model
            pending = [model.row_of(m["material_id"]) for m in state.by_status(d.PENDING)]
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

    def _show_error(self, exc: KnownError, field_hint: str | None) -> None:
        """The runner hands failure callbacks KnownErrors only (bugs go to the crash dialog on their own)."""
        lab = self._field_errors.get(exc.field or "", None) or self._field_errors.get(field_hint or "", None) \
            or self.general_error
        lab.setText(error_text(exc))
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
        self.item_picker.show_items(None)
        self.item_picker.search.clear()
        self.checklist.model.set_case(None)
        self.applicant_form.reset()
        self.decision.reset()
        self.follow_up.extend_reason.clear()
        self._rights_for = None
        self._earlier_for = None
        self.earlier_cases.clear()
        self._refresh_buttons()

    def _record_pii(self, field: str, done: Callable[[], None]) -> None:
        """The full number is shown only once its viewing is recorded as an audit event."""
        audit = self.ctx.services.audit
        concealed = self.id_concealed if field == "resident_id" else self.agent_id_concealed
        if self.case is None:
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
        self.case = state
        label = self.tr(d.STATUS_LABELS.get(state.status, state.status))
        ticket = f"{state.ticket_number}  " if state.ticket_number else ""
        due = self.tr("  承诺办结：%1").replace("%1", state.due_date) if state.due_date else ""
        self.header.setText(f"{ticket}{self.tr('办件')} {state.case_number}  [{label}]{due}")
        self.item_picker.show_items(state)
        if fill_applicant:
            self.applicant_form.fill(state)
        # A correction or a mark must not move the clerk's place: the model keeps the rows of the same
        # materials, so the view keeps its row, scroll and keyboard; new materials reset it.
        self.checklist.model.set_case(state)
        self._update_summary(state)
        self._fill_rights(state)
        self._show_earlier_cases(state)
        self._show_conflicts(state)
        self._refresh_buttons()
        self.case_changed.emit(state)

    def _show_conflicts(self, state: d.CaseState) -> None:
        conflicts = state.open_conflicts
        if conflicts:
            c = conflicts[-1]
            where = self.tr("%1号窗口").replace("%1", str(c["winner_window"])) if c.get("winner_window") \
                else self.tr("其他窗口")
            self.conflict_banner.setText(self.tr("本机离线期间，%1已将该办件处理为“%2”，本机随后的%3项操作未生效。")
                                         .replace("%1", where).replace("%2", self.tr(
                                             d.STATUS_LABELS.get(c["winner_status"], c["winner_status"])))
                                         .replace("%3", str(len(conflicts))))
        self.conflict_banner.setVisible(bool(conflicts))
        self.conflict_ack.setVisible(bool(conflicts))

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

    def _show_earlier_cases(self, state: d.CaseState) -> None:
        """The applicant's other cases in the hall, looked up once the resident ID is saved (again only when
        the saved ID changes); the number itself stays in the case state and never reaches the line."""
        app = state.applicant or {}
        rid = app.get("resident_id", "") if app.get("kind") != "organisation" else ""
        key = (state.id, rid) if rid else None
        if key == self._earlier_for:
            return
        self._earlier_for = key
        self.earlier_cases.clear()
        if key is None:
            return
        case_id = state.id

        def show(cases: list) -> None:
            if self._earlier_for == key:  # still the same case and ID: not a late answer for another applicant
                self.earlier_cases.show_cases([c for c in cases if c.case_id != case_id])
        self._read(lambda: self.intake.earlier_cases(rid), show)

    def _refresh_buttons(self) -> None:
        state = self.case
        self.decision.show_state(state, rating_asked=self.rating_id is not None, has_documents=bool(self.documents))
        self.follow_up.show_state(state)
        editable = bool(state) and state.status in (d.CHECKING, d.NOTICE_ISSUED)
        for w in (self.save_applicant, self.item_search, self.remove_item, self.table):
            w.setEnabled(editable or (w is self.item_search and state is None))

    def _update_summary(self, state: d.CaseState) -> None:
        counts = {s: len(state.by_status(s)) for s in d.MATERIAL_STATUSES}
        parts = [f"{self.tr(d.MATERIAL_LABELS[s])} {n}" for s, n in counts.items() if n]
        self.materials_summary.setText(self.tr("共 %1 份：").replace("%1", str(len(state.materials)))
                                       + self.tr("，").join(parts))

    # ------------------------------------------------------------------ checklist
    def save_row(self, material_id: str) -> None:
        """Save a checklist row as its cells now show it (a pending row has nothing to save)."""
        if self.case is None:
            return
        draft = self.checklist.model.draft(material_id)
        status = draft["status"]
        if status == d.PENDING:
            return
        kw: dict[str, Any] = {}
        if status == d.RECEIVED:
            kw = {"form": draft["form"], "copies": draft["copies"]}
        elif status == d.DEFECTIVE:
            if not draft["reason_code"]:
                self.materials_error.setText(self.tr("请为该材料选择有误的原因。"))
                self.materials_error.show()
                return
            kw = {"reason_code": draft["reason_code"], "reason_text": draft["reason_text"]}
        elif status == d.MISSING:
            kw = {"reason_text": draft["reason_text"]}
        self.materials_error.hide()
        case_id = self.case.id
        self._write(lambda: self.intake.check_material(case_id, material_id, status, **kw), self._set_case,
                    field_hint="materials")

    def set_material(self, material_id: str, status: str, *, form: str | None = None, copies: int | None = None,
                     reason_code: str | None = None, reason_text: str | None = None) -> None:
        """Set one row as the clerk would with the keyboard (used by tests and keyboard shortcuts)."""
        model = self.checklist.model
        if status not in model.choices(material_id, COL_STATUS):
            self.materials_error.setText(self.tr("该材料不能选择此审查结果。"))
            self.materials_error.show()
            return
        model.set_draft(material_id, status=status, form=form, copies=copies, reason_code=reason_code,
                        reason_text=reason_text)
        self.save_row(material_id)

    def correct(self, material_id: str) -> None:
        if self.case is None:
            return
        case_id = self.case.id
        note = self.checklist.model.draft(material_id)["reason_text"]
        self._write(lambda: self.intake.correct_material(case_id, material_id, note), self._set_case,
                    field_hint="materials")

    def request_scan(self, material_id: str) -> None:
        """扫描件 of a row: the PC's document camera or scanner, or a file when it has neither."""
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
        unreadable = self.tr("无法读取文件：%1")

        def read() -> bytes:
            try:
                return p.read_bytes()
            except OSError as exc:  # a file gone or locked is the clerk's to know about, not a bug
                raise KnownError(unreadable.replace("%1", str(exc)), field="attachments") from exc
        self.ctx.runner.io(read, success=lambda data: self.attach_bytes(material_id, data, media, p.name),
                           failure=lambda exc: self._show_error(exc, "attachments"), parent=self)

    def attach_bytes(self, material_id: str, data: bytes, media_type: str, filename: str = "") -> None:
        """A scan from the document camera or scanner (or a picked file) for one material."""
        if self.case is None:
            return
        case_id = self.case.id
        self._write(lambda: self.intake.add_material_scan(case_id, material_id, data, media_type=media_type,
                                                          filename=filename), self._set_case,
                    field_hint="attachments")

    # ------------------------------------------------------------------ items
    def _on_item_picker_search_requested(self, query: str) -> None:
        catalog = self.ctx.services.catalog

        def search() -> list[tuple[str, str]]:
            return [(h.item_code, h.name) for h in catalog.search(query)]
        self._read(search, lambda hits: self.item_picker.show_hits(query, hits))

    def _on_item_picker_done(self) -> None:
        # Enter on an empty search: the items are chosen, on to the applicant (or the checklist).
        if self.case is not None and self.case.items:
            self.take_focus()

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

    def remove_selected_item(self) -> None:
        """The selected item leaves the case; with a single item, that one (nothing to select first)."""
        self.item_picker.remove_selected()

    def _on_item_picker_item_removed(self, code: str) -> None:
        if self.case is None:
            return
        codes = [i["item_code"] for i in self.case.items if i["item_code"] != code]
        case_id = self.case.id
        self._write(lambda: self.intake.set_items(case_id, codes), self._set_case, field_hint="items")

    # ------------------------------------------------------------------ applicant
    def applicant_input(self) -> tuple[dict[str, Any], dict[str, Any] | None]:
        return self.applicant_form.applicant_input()

    def submit_applicant(self) -> None:
        for lab in self.applicant_form.error_labels():
            lab.hide()
        if self.case is None:
            self._show_error(KnownError(self.tr("请先选择办理事项或开始办件。"), field="items"), "items")
            return
        applicant, agent = self.applicant_input()
        case_id = self.case.id
        focus = QApplication.focusWidget()
        from_form = focus is not None and self.applicant_form.isAncestorOf(focus)

        def saved(state: d.CaseState) -> None:
            self._set_case(state)
            if from_form and self.isVisible():
                self.take_focus()  # Enter in the form saved it: on to the checklist
        self._write(lambda: self.intake.set_applicant(case_id, applicant, agent), saved)

    def handle_payload(self, payload: Any) -> None:
        """For the device scan router: ``router.register(IntakeScreen.SCAN_KINDS, screen.handle_payload, screen)``."""
        self.handle_scan(payload.raw)

    def handle_scan(self, text: str) -> bool:
        """A scanned code routed to this screen: ID numbers and USCCs fill the applicant or agent fields."""
        from desk_app.domain.scan_payload import classify
        p = classify(text)
        if p.kind == "resident_id":
            self.applicant_form.take_scanned_id(p.value)
            return True
        if p.kind in ("uscc", "business_licence") and (p.uscc or p.kind == "uscc"):
            self.applicant_form.take_scanned_uscc(p.uscc or p.value)
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
        kw = self.decision.outcome_input(outcome)
        printing, clerk = self.ctx.services.printing, self.ctx.user.display_name
        self._write(lambda: self.intake.decide_and_issue(case_id, outcome, printing=printing, clerk_name=clerk, **kw),
                    self._on_decided, field_hint="outcome")

    def _on_decided(self, result: Any) -> None:
        self._set_case(result.case)
        docs = list(getattr(result, "documents", ()) or ())
        if docs and not isinstance(docs[0], str):
            for doc in docs:
                self.documents.append(doc)
                self.documents_list.addItem(f"{kind_name(doc.kind)}  {doc.number}")
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
        selected = self.checklist.current_material()
        deferred = [m["material_id"] for m in d.deferred_open(self.case)]
        mid = selected if selected in deferred else (deferred[0] if deferred else None)
        if mid is None:
            return
        draft = self.checklist.model.draft(mid)
        case_id, form, copies = self.case.id, draft["form"], draft["copies"]
        self._write(lambda: self.intake.receive_supplement(case_id, mid, form=form, copies=copies),
                    self._set_case, field_hint="reason")

    def refuse_expired(self) -> None:
        if self.case is None:
            return
        case_id = self.case.id
        printing, clerk = self.ctx.services.printing, self.ctx.user.display_name
        rights = self.decision.rights()
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
        rating = self.ctx.services.rating
        if self.case is None:
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
            self.ctx.bridge.warning.emit(error_text(exc))

    def _on_pad_outcome(self, outcome: Any) -> None:
        rating = self.ctx.services.rating
        rid = self.rating_id
        if rid is None or outcome.request_id != self._pad_request:
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
        rating = self.ctx.services.rating
        if self.rating_id is None:
            return
        rid = self.rating_id
        self._write(lambda: rating.applicant_left(rid), lambda _s: self._refresh_buttons())

    def _on_decision_finish_clicked(self) -> None:
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
