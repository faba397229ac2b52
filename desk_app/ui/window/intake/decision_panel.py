"""办理结果: the outcome form and its six buttons, the documents issued, and the rating and closing buttons."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QListWidget, QPushButton, QVBoxLayout, QWidget,
)

from desk_app.domain import intake as d
from desk_app.ui.labels import label
from desk_app.ui.widgets.field_error import error_label

OUTCOME_BUTTONS = (  # shown through DecisionPanel.tr()
    (d.ACCEPT, QT_TRANSLATE_NOOP("DecisionPanel", "受理")),
    (d.ACCEPT_DEFERRED, QT_TRANSLATE_NOOP("DecisionPanel", "容缺受理")),
    (d.FINISH, QT_TRANSLATE_NOOP("DecisionPanel", "即办办结")),
    (d.NOTICE, QT_TRANSLATE_NOOP("DecisionPanel", "一次性告知")),
    (d.REJECT, QT_TRANSLATE_NOOP("DecisionPanel", "不予受理")),
    (d.OUT_OF_SCOPE, QT_TRANSLATE_NOOP("DecisionPanel", "非本部门事项")),
)


class DecisionPanel(QGroupBox):
    """``DecisionPanel(shortcut_owner)``: Ctrl+1…6 press the outcome buttons anywhere in ``shortcut_owner``."""

    outcome_chosen = Signal(str)
    preview_requested = Signal(int)  # row of documents_list
    rating_asked = Signal()
    applicant_left_clicked = Signal()
    finish_clicked = Signal()

    def __init__(self, shortcut_owner: QWidget, parent: QWidget | None = None):
        super().__init__(self.tr("办理结果"), parent)
        self.refer_to = QLineEdit()
        self.refer_to.setPlaceholderText(self.tr("非本部门事项：应到哪个部门或渠道办理"))
        self.reasons = QLineEdit()
        self.reasons.setPlaceholderText(self.tr("不予受理的理由"))
        self.legal_basis = QLineEdit()
        self.legal_basis.setPlaceholderText(self.tr("法律依据（可选）"))
        # Printed on the rejection decision as the applicant's remedies; filled from the item or the hall.
        self.review_body = QLineEdit()
        self.review_body.setObjectName("review_body")
        self.review_body.setPlaceholderText(self.tr("不予受理时告知的行政复议机关"))
        self.court = QLineEdit()
        self.court.setObjectName("court")
        self.court.setPlaceholderText(self.tr("不予受理时告知的行政诉讼法院"))
        self.delivery = QComboBox()
        for key, method in d.DELIVERY_METHODS.items():
            self.delivery.addItem(label(method), key)
        self.outcome_buttons: dict[str, QPushButton] = {}
        buttons = QGridLayout()
        for i, (outcome, text) in enumerate(OUTCOME_BUTTONS):
            # Ctrl+1..6: the window panel owns F1–F8, the clerk keeps both hands on the keyboard
            b = QPushButton(f"{self.tr(text)} (Ctrl+{i + 1})")
            b.setObjectName(f"outcome_{outcome}")
            QShortcut(QKeySequence(f"Ctrl+{i + 1}"), shortcut_owner, activated=b.click)
            b.clicked.connect(lambda _=False, o=outcome: self.outcome_chosen.emit(o))
            self.outcome_buttons[outcome] = b
            buttons.addWidget(b, i // 3, i % 3)
        self.error = error_label()
        self.documents_list = QListWidget(objectName="documents_list")
        self.documents_list.setMaximumHeight(64)
        self.documents_list.setMinimumHeight(56)
        self.documents_list.setToolTip(self.tr("已出具文书（双击预览）"))
        self.documents_list.itemActivated.connect(
            lambda it: self.preview_requested.emit(self.documents_list.row(it)))
        self.preview_button = QPushButton(self.tr("预览所选文书"))
        self.preview_button.clicked.connect(lambda: self.preview_requested.emit(self.documents_list.currentRow()))
        self.ask_rating = QPushButton(self.tr("邀请评价"))
        self.ask_rating.clicked.connect(self.rating_asked.emit)
        self.applicant_left = QPushButton(self.tr("申请人已离开（待评价）"))
        self.applicant_left.clicked.connect(self.applicant_left_clicked.emit)
        self.finish_button = QPushButton(self.tr("结束本次服务"))
        self.finish_button.clicked.connect(self.finish_clicked.emit)
        lay = QVBoxLayout(self)
        # Shown only while an outcome can still be chosen; afterwards the follow-up box takes its place.
        self.form = QWidget()
        fl = QVBoxLayout(self.form)
        fl.setContentsMargins(0, 0, 0, 0)
        # Two columns keep the outcome form short: at 1366×768 the checklist above needs the height.
        f2 = QGridLayout()
        for r, c, caption, w in ((0, 0, self.tr("办理部门/渠道"), self.refer_to), (0, 2, self.tr("结果送达"), self.delivery),
                               (1, 0, self.tr("理由"), self.reasons), (1, 2, self.tr("依据"), self.legal_basis),
                               (2, 0, self.tr("复议机关"), self.review_body), (2, 2, self.tr("人民法院"), self.court)):
            f2.addWidget(QLabel(caption), r, c)
            f2.addWidget(w, r, c + 1)
        f2.setColumnStretch(1, 3)
        f2.setColumnStretch(3, 2)
        fl.addLayout(f2)
        fl.addLayout(buttons)
        lay.addWidget(self.form)
        lay.addWidget(self.error)
        # The issued documents beside the four closing buttons: one short band instead of two rows.
        docs = QGridLayout()
        docs.addWidget(self.documents_list, 0, 0, 2, 1)
        for i, w in enumerate((self.preview_button, self.ask_rating, self.applicant_left, self.finish_button)):
            docs.addWidget(w, i // 2, 1 + i % 2)
        docs.setColumnStretch(0, 3)
        docs.setColumnStretch(1, 1)
        docs.setColumnStretch(2, 1)
        lay.addLayout(docs)

    def outcome_input(self, outcome: str) -> dict[str, Any]:
        """What the form says for ``outcome``: the refusal's channel, the reasons, and a rejection's remedies."""
        kw = {"refer_to": self.refer_to.text(), "reasons": self.reasons.text(),
              "legal_basis": self.legal_basis.text(), "delivery_method": self.delivery.currentData()}
        if outcome == d.REJECT:
            kw.update(review_body=self.review_body.text(), court=self.court.text())
        return kw

    def rights(self) -> dict[str, str]:
        return {"review_body": self.review_body.text(), "court": self.court.text()}

    def reset(self) -> None:
        self.documents_list.clear()
        for w in (self.refer_to, self.reasons, self.legal_basis, self.review_body, self.court):
            w.clear()

    def show_state(self, state: d.CaseState | None, *, rating_asked: bool, has_documents: bool) -> None:
        allowed = set(d.allowed_outcomes(state)) if state else set()
        for outcome, b in self.outcome_buttons.items():
            b.setEnabled(outcome in allowed)
        # Once decided, the outcome form is only in the way: the follow-up box or the closing buttons matter.
        self.form.setVisible(not state or bool(allowed))
        decided = bool(state) and state.status != d.CHECKING
        self.ask_rating.setEnabled(decided and not rating_asked)
        self.applicant_left.setEnabled(rating_asked)
        self.finish_button.setEnabled(bool(state))
        self.preview_button.setEnabled(has_documents)
