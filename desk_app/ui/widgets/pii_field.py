"""A line edit that shows a stored ID number masked, and the full number only on demand, once recorded."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton

from desk_app.domain.validators import mask_resident_id


class ConcealedField(QObject):
    """Wraps ``edit``: ``conceal(value)`` shows the value masked and read-only; the button asks
    ``record(on_done)`` to write the audit event, and the full value appears only when that succeeded.
    ``value()`` is always the real value, so saving a concealed field never stores the mask."""

    revealed = Signal()

    def __init__(self, edit: QLineEdit, record: Callable[[Callable[[], None]], None], parent: QObject | None = None):
        super().__init__(parent or edit)
        self.edit = edit
        self._record = record
        self._full: str | None = None
        self.button = QPushButton(self.tr("显示完整号码"))
        self.button.setObjectName(f"{edit.objectName() or 'pii'}_reveal")
        self.button.setToolTip(self.tr("查看完整证件号会被记录（操作人、时间、办件）"))
        self.button.hide()
        self.button.clicked.connect(self._on_button_clicked)

    @property
    def concealed(self) -> bool:
        return self._full is not None

    def conceal(self, value: str) -> None:
        if not value:
            self.clear()
            return
        self._full = value
        self.edit.setText(mask_resident_id(value))
        self.edit.setReadOnly(True)
        self.button.show()

    def value(self) -> str:
        return self._full if self._full is not None else self.edit.text()

    def clear(self) -> None:
        self._full = None
        self.edit.setReadOnly(False)
        self.edit.clear()
        self.button.hide()

    def _on_button_clicked(self) -> None:
        self.button.setEnabled(False)
        self._record(self._show)

    def _show(self) -> None:
        self.button.setEnabled(True)
        if self._full is None:
            return
        full, self._full = self._full, None
        self.edit.setText(full)
        self.edit.setReadOnly(False)
        self.button.hide()
        self.revealed.emit()

    def failed(self) -> None:
        """The audit record could not be written: the number stays masked."""
        self.button.setEnabled(True)
