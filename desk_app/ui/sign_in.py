"""The sign-in dialog: user name and password; the account's role decides the screens that open."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from desk_app.domain.errors import KnownError
from desk_app.services.accounts import ROLES, Account, AccountService


class SignInDialog(QDialog):
    def __init__(self, accounts: AccountService, hall_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._accounts = accounts
        self.account: Account | None = None
        self.setWindowTitle(self.tr("登录"))
        self.setMinimumWidth(420)
        title = QLabel(hall_name or self.tr("政务服务中心前台系统"))
        title.setProperty("role", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.user = QComboBox(editable=True)
        for a in accounts.accounts():
            self.user.addItem(f"{a.display_name}（{ROLES.get(a.role, a.role)}）", a.username)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("演示账号无需密码"))
        self.error = QLabel()
        self.error.setProperty("role", "field-error")
        self.error.setWordWrap(True)
        ok = QPushButton(self.tr("登录"), default=True)
        ok.setProperty("primary", True)
        ok.clicked.connect(self._on_ok_clicked)
        form = QFormLayout()
        form.addRow(self.tr("用户"), self.user)
        form.addRow(self.tr("密码"), self.password)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(ok)

    def _username(self) -> str:
        data = self.user.currentData()
        # The combo is editable: a typed name that matches no item carries no data.
        if data and self.user.currentText() == self.user.itemText(self.user.currentIndex()):
            return data
        return self.user.currentText()

    def _on_ok_clicked(self) -> None:
        try:
            self.account = self._accounts.sign_in(self._username(), self.password.text())
        except KnownError as exc:
            self.error.setText(exc.message)
            (self.password if exc.field == "password" else self.user).setFocus()
            return
        self.accept()
