"""The red line under a field that shows its KnownError message (hidden until there is one)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel


def error_label() -> QLabel:
    lab = QLabel()
    lab.setObjectName("fieldError")
    lab.setStyleSheet("color: #c0392b;")
    lab.setWordWrap(True)
    lab.hide()
    return lab
