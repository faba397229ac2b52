"""申请人: a person or an organisation, with an optional agent; stored ID numbers show masked until asked for."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QRadioButton,
    QWidget,
)

from desk_app.domain import intake as d
from desk_app.ui.widgets.field_error import error_label
from desk_app.ui.widgets.pii_field import ConcealedField


class ApplicantForm(QGroupBox):
    """``ApplicantForm(record_pii)``: ``record_pii(field, done)`` records the viewing of a full ID number."""

    submitted = Signal()  # 保存申请人, or Enter in one of the fields

    def __init__(self, record_pii: Callable[[str, Callable[[], None]], None], parent: QWidget | None = None):
        super().__init__(self.tr("申请人"), parent)
        self.kind_person = QRadioButton(self.tr("个人"))
        self.kind_org = QRadioButton(self.tr("单位"))
        self.kind_person.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.kind_person)
        group.addButton(self.kind_org)
        self.kind_org.toggled.connect(self._on_kind_org_toggled)
        self.name = QLineEdit()
        self.resident_id = QLineEdit()
        self.resident_id.setPlaceholderText(self.tr("18位身份证号，可扫码"))
        self.uscc = QLineEdit()
        self.uscc.setPlaceholderText(self.tr("18位统一社会信用代码"))
        self.legal_rep = QLineEdit()
        self.phone = QLineEdit()
        self.has_agent = QCheckBox(self.tr("代理人办理"))
        self.has_agent.toggled.connect(self._on_has_agent_toggled)
        self.agent_name = QLineEdit()
        self.agent_id = QLineEdit()
        self.agent_phone = QLineEdit()
        self.power_of_attorney = QCheckBox(self.tr("已核验授权委托书"))
        self.save = QPushButton(self.tr("保存申请人"))
        self.save.clicked.connect(self.submitted.emit)
        for w in self.text_fields():
            w.returnPressed.connect(self.submitted.emit)
        self.name_error, self.id_error, self.legal_rep_error = error_label(), error_label(), error_label()
        self.phone_error, self.agent_error = error_label(), error_label()
        # A stored case shows the ID masked; the full number only on demand, recorded (ui/widgets/pii_field.py).
        self.id_concealed = ConcealedField(self.resident_id, lambda done: record_pii("resident_id", done))
        self.agent_id_concealed = ConcealedField(self.agent_id, lambda done: record_pii("agent_resident_id", done))
        self._lay_out()
        self._on_kind_org_toggled(False)
        self._on_has_agent_toggled(False)

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        kinds = QHBoxLayout()
        kinds.addWidget(self.kind_person)
        kinds.addWidget(self.kind_org)
        form.addRow(self.tr("类型"), kinds)
        form.addRow(self.tr("姓名/名称"), self.name)
        form.addRow("", self.name_error)
        self.id_label = QLabel(self.tr("身份证号"))
        id_row = QHBoxLayout()
        id_row.addWidget(self.resident_id, 1)
        id_row.addWidget(self.id_concealed.button)
        form.addRow(self.id_label, id_row)
        self.uscc_label = QLabel(self.tr("信用代码"))
        form.addRow(self.uscc_label, self.uscc)
        form.addRow("", self.id_error)
        self.legal_rep_label = QLabel(self.tr("法定代表人"))
        form.addRow(self.legal_rep_label, self.legal_rep)
        form.addRow("", self.legal_rep_error)
        form.addRow(self.tr("手机号码"), self.phone)
        form.addRow("", self.phone_error)
        form.addRow(self.has_agent)
        self.agent_box = QWidget()
        agent_form = QFormLayout(self.agent_box)
        agent_form.setContentsMargins(0, 0, 0, 0)
        agent_form.addRow(self.tr("代理人姓名"), self.agent_name)
        agent_id_row = QHBoxLayout()
        agent_id_row.addWidget(self.agent_id, 1)
        agent_id_row.addWidget(self.agent_id_concealed.button)
        agent_form.addRow(self.tr("代理人身份证号"), agent_id_row)
        agent_form.addRow(self.tr("代理人手机"), self.agent_phone)
        agent_form.addRow(self.power_of_attorney)
        form.addRow(self.agent_box)
        form.addRow("", self.agent_error)
        form.addRow(self.save)

    def text_fields(self) -> tuple[QLineEdit, ...]:
        return (self.name, self.resident_id, self.uscc, self.legal_rep, self.phone, self.agent_name,
                self.agent_id, self.agent_phone)

    def error_labels(self) -> tuple[QLabel, ...]:
        return (self.name_error, self.id_error, self.legal_rep_error, self.phone_error, self.agent_error)

    def _on_kind_org_toggled(self, org: bool) -> None:
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

    def fill(self, state: d.CaseState) -> None:
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

    def reset(self) -> None:
        for w in self.text_fields():
            w.clear()
        self.id_concealed.clear()
        self.agent_id_concealed.clear()
        self.has_agent.setChecked(False)
        self.power_of_attorney.setChecked(False)
        self.kind_person.setChecked(True)

    def take_scanned_id(self, number: str) -> None:
        """A scanned ID card: the agent's while the agent's field has the keys (or the applicant's is filled)."""
        to_agent = self.has_agent.isChecked() and (self.agent_id.hasFocus() or bool(self.resident_id.text()))
        if not to_agent:
            self.kind_person.setChecked(True)
        # A freshly scanned card replaces a stored (masked) number: no longer concealed.
        (self.agent_id_concealed if to_agent else self.id_concealed).clear()
        (self.agent_id if to_agent else self.resident_id).setText(number)

    def take_scanned_uscc(self, uscc: str) -> None:
        self.kind_org.setChecked(True)
        self.uscc.setText(uscc)
