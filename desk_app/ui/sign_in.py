"""The sign-in dialog: user name and password checked on a worker, then a new password when one is required."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from desk_app.domain.errors import KnownError
from desk_app.domain.roles import role_label
from desk_app.runtime.ops import Runner
from desk_app.services.accounts import Account, AccountService, SignInResult
from desk_app.ui.errors import error_text
from desk_app.ui.labels import label



class SignInDialog(QDialog):
    """``account`` is set when the dialog is accepted. Password checks never run on the UI thread."""

    busy_changed = Signal(bool)

    def __init__(self, accounts: AccountService, hall_name: str, runner: Runner, parent: QWidget | None = None,
                 *, title: str = ""):
        super().__init__(parent)
        self._accounts = accounts
        self._runner = runner
        self.account: Account | None = None
        self._result: SignInResult | None = None
        self._busy = False
        self.setWindowTitle(title or self.tr("登录"))
        self.setMinimumWidth(440)
        heading = QLabel(hall_name or self.tr("政务服务中心前台系统"))
        heading.setProperty("role", "title")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._sign_in_page())
        self.pages.addWidget(self._new_password_page())
        self.error = QLabel()
        self.error.setProperty("role", "field-error")
        self.error.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(self.pages)
        lay.addWidget(self.error)

    # -- pages
    def _sign_in_page(self) -> QWidget:
        page = QWidget()
        self.user = QComboBox(editable=True)
        for a in self._accounts.accounts():
            mark = self.tr("（演示账号，无需密码）") if a.demo else ""
            self.user.addItem(self.tr("%1（%2）").replace("%1", a.display_name).replace("%2", label(role_label(a.role)))
                              + mark, a.username)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("请输入密码"))
        self.password.returnPressed.connect(self._on_ok_clicked)
        self.ok = QPushButton(self.tr("登录"), default=True)
        self.ok.setProperty("primary", True)
        self.ok.clicked.connect(self._on_ok_clicked)
        form = QFormLayout()
        form.addRow(self.tr("用户"), self.user)
        form.addRow(self.tr("密码"), self.password)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(form)
        lay.addWidget(self.ok)
        return page

    def _new_password_page(self) -> QWidget:
        page = QWidget()
        self.change_reason = QLabel()
        self.change_reason.setWordWrap(True)
        self.new_password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.new_password.setPlaceholderText(self.tr("至少 10 位，含大小写字母、数字或符号中的 3 类"))
        self.repeat_password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat_password.returnPressed.connect(self._on_change_clicked)
        self.change = QPushButton(self.tr("设置新密码并登录"))
        self.change.setProperty("primary", True)
        self.change.clicked.connect(self._on_change_clicked)
        form = QFormLayout()
        form.addRow(self.tr("新密码"), self.new_password)
        form.addRow(self.tr("再输一次"), self.repeat_password)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.change_reason)
        lay.addLayout(form)
        lay.addWidget(self.change)
        return page

    # -- state
    def _username(self) -> str:
        data = self.user.currentData()
        # The combo is editable: a typed name that matches no item carries no data.
        if data and self.user.currentText() == self.user.itemText(self.user.currentIndex()):
            return data
        return self.user.currentText()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for w in (self.ok, self.change, self.user, self.password, self.new_password, self.repeat_password):
            w.setEnabled(not busy)
        if busy:
            self.error.setText(self.tr("正在验证……"))
        self.busy_changed.emit(busy)

    def _on_attempt_crashed(self) -> None:
        """The runner logged the bug and showed the crash dialog; the form is usable again."""
        self._set_busy(False)
        self.error.setText(self.tr("登录时程序出错，已记录日志。请重试；如果再次出现，请联系技术支持。"))

    def _show_error(self, exc: KnownError) -> None:
        self._set_busy(False)
        self.error.setText(error_text(exc))
        target = {"username": self.user, "new_password": self.new_password}.get(exc.field or "")
        if self.pages.currentIndex() == 1:
            (target or self.new_password).setFocus()
        else:
            (self.user if exc.field == "username" else self.password).setFocus()
            self.password.selectAll()

    # -- slots
    def _on_ok_clicked(self) -> None:
        if self._busy:
            return
        username, password = self._username(), self.password.text()
        self._set_busy(True)
        op = self._runner.io(lambda: self._accounts.sign_in(username, password),
                             success=self._on_signed_in, failure=self._show_error, parent=self)
        if op is not None:
            op.on_bug(self._on_attempt_crashed)

    def _on_signed_in(self, result: SignInResult) -> None:
        self._set_busy(False)
        self._result = result
        if result.must_change_password:
            self.error.clear()
            self.change_reason.setText(result.reason)
            self.pages.setCurrentIndex(1)
            self.new_password.setFocus()
            return
        self.account = result.account
        self.accept()

    def _on_change_clicked(self) -> None:
        if self._busy or self._result is None:
            return
        new, again = self.new_password.text(), self.repeat_password.text()
        if new != again:
            self.error.setText(self.tr("两次输入的新密码不一致，请重新输入。"))
            self.repeat_password.clear()
            self.repeat_password.setFocus()
            return
        username, old = self._result.account.username, self.password.text()
        self._set_busy(True)
        op = self._runner.io(lambda: self._accounts.change_password(username, old, new),
                             success=self._on_password_changed, failure=self._show_error, parent=self)
        if op is not None:
            op.on_bug(self._on_attempt_crashed)

    def _on_password_changed(self, _result: object) -> None:
        self._set_busy(False)
        assert self._result is not None
        self.account = self._result.account
        self.accept()
