"""The signed-in session on a PC: idle lock and unlock by the same user, lock on demand, switch user, sign out."""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from desk_app.domain.errors import KnownError
from desk_app.domain.roles import role_label
from desk_app.runtime.ops import Runner
from desk_app.services.accounts import AccountService
from desk_app.ui.errors import error_text
from desk_app.ui.labels import label

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
          QEvent.Type.TouchBegin}


class IdleWatcher(QObject):
    """Watches every key and mouse event of the application; ``went_idle`` after ``limit_ms`` without one."""

    went_idle = Signal()

    def __init__(self, app: QApplication, limit_ms: int, parent: QObject | None = None):
        super().__init__(parent)
        self._app = app
        self._limit_ms = limit_ms
        self._last = time.monotonic()
        self._fired = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.set_limit(limit_ms)
        app.installEventFilter(self)

    @property
    def limit_ms(self) -> int:
        return self._limit_ms

    def set_limit(self, limit_ms: int) -> None:
        self._limit_ms = limit_ms
        self._last = time.monotonic()
        if limit_ms <= 0:
            self._timer.stop()
            return
        self._timer.start(max(50, min(1000, limit_ms // 4)))

    def touch(self) -> None:
        self._last = time.monotonic()
        self._fired = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _INPUT:
            self.touch()
        return False

    def _on_timer_timeout(self) -> None:
        if not self._fired and (time.monotonic() - self._last) * 1000 >= self._limit_ms:
            self._fired = True
            self.went_idle.emit()

    def close(self) -> None:
        self._timer.stop()
        self._app.removeEventFilter(self)


class LockPage(QWidget):
    """What a locked PC shows: who is signed in and a password field; no screen content behind it."""

    unlock_requested = Signal(str)
    switch_requested = Signal()

    def __init__(self, display_name: str, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lock_page")
        title = QLabel(self.tr("屏幕已锁定"))
        title.setProperty("role", "title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        who = QLabel(self.tr("当前用户：{0}（{1}）。叫号与同步照常进行；请输入本人密码解锁。")
                     .format(display_name, label(role_label(role))))
        who.setWordWrap(True)
        who.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("密码"))
        self.password.setMaximumWidth(360)
        self.password.returnPressed.connect(self._on_unlock_clicked)
        self.unlock = QPushButton(self.tr("解锁"))
        self.unlock.setProperty("primary", True)
        self.unlock.clicked.connect(self._on_unlock_clicked)
        switch = QPushButton(self.tr("切换用户"))
        switch.clicked.connect(self.switch_requested)
        self.error = QLabel()
        self.error.setProperty("role", "field-error")
        self.error.setWordWrap(True)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.password)
        row.addWidget(self.unlock)
        row.addWidget(switch)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        lay.addWidget(title)
        lay.addWidget(who)
        lay.addLayout(row)
        lay.addWidget(self.error)
        lay.addStretch(2)

    def _on_unlock_clicked(self) -> None:
        if self.unlock.isEnabled():
            self.unlock_requested.emit(self.password.text())

    def set_busy(self, busy: bool) -> None:
        self.unlock.setEnabled(not busy)
        self.password.setEnabled(not busy)

    def reset(self) -> None:
        self.password.clear()
        self.error.clear()
        self.set_busy(False)
        self.password.setFocus()


class SessionController(QObject):
    """Owns the lock of one main window for one signed-in user.

    ``ended`` carries "switch" (show the sign-in dialog again) or "quit" (close the program), after the
    sign-out event is written.
    """

    locked = Signal()
    unlocked = Signal()
    ended = Signal(str)

    def __init__(self, main, accounts: AccountService, runner: Runner, *, username: str, display_name: str,
                 role: str, idle_ms: int, app: QApplication | None = None):
        super().__init__(main)
        self._main, self._accounts, self._runner = main, accounts, runner
        self.username, self.display_name, self.role = username, display_name, role
        self.page = LockPage(display_name, role)
        self.page.unlock_requested.connect(self._on_page_unlock_requested)
        self.page.switch_requested.connect(self.switch_user)
        self.idle = IdleWatcher(app or QApplication.instance(), idle_ms, self)
        self.idle.went_idle.connect(self._on_idle_went_idle)
        self.bar = self._status_bar()
        self._ending = False

    def _status_bar(self) -> QWidget:
        # One button with the signed-in name; lock, switch user and sign out in its menu: three buttons
        # of their own left the device names no room in the status bar at 1366 px.
        self.user_button = QToolButton(objectName="user_menu_button")
        self.user_button.setText(f"{self.display_name} ▾")
        self.user_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")  # the ▾ says it
        self.user_button.setToolTip(self.tr("%1（%2）：锁屏、切换用户、退出登录").replace(
            "%1", self.display_name).replace("%2", label(role_label(self.role))))
        self.user_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.user_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(self.user_button)
        for name, text, slot in (("lock_action", self.tr("锁屏"), lambda: self.lock(idle=False)),
                                 ("switch_action", self.tr("切换用户"), self.switch_user),
                                 ("sign_out_action", self.tr("退出登录"), self.sign_out)):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(slot)
        self.user_button.setMenu(menu)
        return self.user_button

    @property
    def is_locked(self) -> bool:
        return self._main.covered

    def lock(self, *, idle: bool) -> None:
        if self.is_locked:
            return
        self._main.cover(self.page)
        self.page.reset()
        self._runner.write(lambda: self._accounts.lock_screen(self.username, idle=idle), parent=self)
        self.locked.emit()

    def _on_idle_went_idle(self) -> None:
        self.lock(idle=True)

    def _on_page_unlock_requested(self, password: str) -> None:
        self.page.set_busy(True)
        self.page.error.setText(self.tr("正在验证……"))
        op = self._runner.io(lambda: self._accounts.sign_in(self.username, password, unlock=True),
                             success=self._on_unlock_succeeded, failure=self._on_unlock_failed, parent=self)
        if op is not None:
            op.on_bug(lambda: self.page.set_busy(False))  # the runner showed the bug; the clerk can try again

    def _on_unlock_succeeded(self, _result: object) -> None:
        self.page.reset()
        self._main.uncover()
        self.idle.touch()
        self.unlocked.emit()

    def _on_unlock_failed(self, exc: KnownError) -> None:
        self.page.set_busy(False)
        self.page.password.selectAll()
        self.page.password.setFocus()
        self.page.error.setText(error_text(exc))

    def switch_user(self) -> None:
        self._end("switch")

    def sign_out(self) -> None:
        self._end("quit")

    def _end(self, how: str) -> None:
        if self._ending:
            return
        self._ending = True
        self.idle.close()
        # The session ends however the sign-out record went.
        op = self._runner.write(lambda: self._accounts.sign_out(self.username),
                                success=lambda _r: self.ended.emit(how),
                                failure=lambda _e: self.ended.emit(how), parent=self)
        if op is not None:
            op.on_bug(lambda: self.ended.emit(how))

    def close(self) -> None:
        self.idle.close()
