"""One line under the applicant form: how many earlier cases this person has in the hall, the latest on demand."""
from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.domain import intake as d
from desk_app.domain.timeutil import hall_date
from desk_app.ui.labels import label
from desk_app.ui.widgets.fitting import reveal


class EarlierCasesLine(QWidget):
    """``show_cases(cases)`` with the applicant's earlier cases (services.intake.EarlierCase, newest first), the
    case at hand already left out; hidden when there are none. Never shows the ID number it was found by."""

    LATEST = 3  # the list stays a few lines high: the left column has to fit 1366×768

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("earlierCases")
        self.summary = QLabel()
        self.toggle = QPushButton(self.tr("查看"))
        self.toggle.setCheckable(True)
        self.toggle.setProperty("compact", True)  # app.qss: a small button, the line stays one text line high
        self.toggle.toggled.connect(self._on_toggle_toggled)
        # A wrapping label, not a list view: the column is narrow and a list would scroll sideways.
        self.latest = QLabel()
        self.latest.setWordWrap(True)
        self.latest.setTextFormat(Qt.TextFormat.PlainText)
        self.latest.setStyleSheet("color: #4b5563;")
        self._lines: list[str] = []
        self.latest.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.summary, 1)
        row.addWidget(self.toggle)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.latest)
        self.clear()

    def clear(self) -> None:
        self.summary.clear()
        self.summary.setToolTip("")
        self.latest.clear()
        self._lines = []
        self.toggle.setChecked(False)
        self.hide()

    def show_cases(self, cases: Sequence[Any]) -> None:
        self.clear()
        if not cases:
            return
        self.summary.setText(self.tr("此人此前在本厅办件 %1 件").replace("%1", str(len(cases))))
        lines = [self.line_of(c) for c in cases[:self.LATEST]]
        self._lines = lines
        more = len(cases) - len(lines)
        tip = "\n".join(lines + ([self.tr("……另有 %1 件").replace("%1", str(more))] if more > 0 else []))
        self.latest.setText(tip)
        self.summary.setToolTip(tip)
        self.latest.setToolTip(tip)
        self.show()
        reveal(self)  # at 1366×768 with an agent or a long form the line sits below the column's fold

    def line_of(self, case: Any) -> str:
        when = hall_date(case.opened_at_ms).isoformat() if case.opened_at_ms else ""
        status = label(d.STATUS_LABELS.get(case.status, case.status))
        return "  ".join(p for p in (case.case_number, case.item_names, status, when) if p)

    def lines(self) -> list[str]:
        """The listed cases as shown (tests use it)."""
        return list(self._lines)

    def _on_toggle_toggled(self, on: bool) -> None:
        self.latest.setVisible(on)
        if on:
            reveal(self.latest)
        self.toggle.setText(self.tr("收起") if on else self.tr("查看"))
