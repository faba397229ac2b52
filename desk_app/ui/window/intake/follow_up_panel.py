"""受理后事项: an accepted case's extension, its deferred materials, and marking its result ready for pickup."""
from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLineEdit, QPushButton, QSpinBox, QWidget

from desk_app.domain import intake as d
from desk_app.ui.widgets.field_error import error_label


class FollowUpPanel(QGroupBox):
    """Shown while the case is in progress; its buttons are connected by the screen."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("受理后事项"), parent)
        self.extend_reason = QLineEdit()
        self.extend_reason.setPlaceholderText(self.tr("延期理由（必须书面写明）"))
        self.extend_days = QSpinBox()
        self.extend_days.setRange(1, 60)
        self.extend_days.setValue(5)
        self.extend_button = QPushButton(self.tr("延长期限"))
        self.supplement_button = QPushButton(self.tr("收取所选容缺材料"))
        self.refuse_expired_button = QPushButton(self.tr("逾期未补正，不予受理"))
        self.ready_button = QPushButton(self.tr("办结，待领取"))
        self.error = error_label()
        lay = QGridLayout(self)
        lay.addWidget(self.extend_reason, 0, 0, 1, 2)
        lay.addWidget(self.extend_days, 0, 2)
        lay.addWidget(self.extend_button, 0, 3)
        lay.addWidget(self.supplement_button, 1, 0)
        lay.addWidget(self.refuse_expired_button, 1, 1)
        lay.addWidget(self.ready_button, 1, 2)
        lay.addWidget(self.error, 2, 0, 1, 4)

    def show_state(self, state: d.CaseState | None) -> None:
        status = state.status if state is not None else None
        self.setVisible(status in d.IN_PROGRESS)
        self.supplement_button.setEnabled(status == d.ACCEPTED_DEFERRED)
        self.refuse_expired_button.setEnabled(status == d.ACCEPTED_DEFERRED)
        self.ready_button.setEnabled(status == d.ACCEPTED)
