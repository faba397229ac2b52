"""The sign-in dialog (password checked on a worker, forced new password) and the session's lock."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from desk_app.domain.ids import new_id
from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.services.accounts import AccountService, hash_password
from desk_app.store.models import EventRow, User
from desk_app.ui.session import SessionController
from desk_app.ui.shell import MainWindow
from desk_app.ui.sign_in import SignInDialog
from tests.conftest import HALL_ID

PW = "Window-5-pass"


@pytest.fixture
def runner(qtbot):
    r = Runner(MessageBridge())
    yield r
    r.shutdown()


@pytest.fixture
def accounts(store):
    with store.write() as uow:
        uow.session.add_all([
            User(id=new_id(), hall_id=HALL_ID, username="clerk1", display_name="王受理", role="clerk",
                 password_hash=hash_password(PW)),
            User(id=new_id(), hall_id=HALL_ID, username="new1", display_name="新人", role="guide",
                 password_hash=hash_password("Temp-pass-001"), must_change_password=True),
        ])
    return AccountService(store)


class ThreadSpy(AccountService):
    """Records the thread each password check ran on."""

    def __init__(self, inner: AccountService):
        self.__dict__.update(inner.__dict__)
        self.threads: list[threading.Thread] = []

    def sign_in(self, *a, **kw):
        self.threads.append(threading.current_thread())
        return super().sign_in(*a, **kw)


def _types(store) -> list[str]:
    from sqlalchemy import select
    with store.read() as s:
        return list(s.scalars(select(EventRow.type).order_by(EventRow.device_seq)))


def test_sign_in_runs_off_the_ui_thread_and_reports_errors_in_the_dialog(qtbot, runner, accounts):
    spy = ThreadSpy(accounts)
    dialog = SignInDialog(spy, "测试大厅", runner)
    qtbot.addWidget(dialog)
    dialog.user.setCurrentIndex(dialog.user.findData("clerk1"))
    dialog.password.setText("wrong")
    dialog.ok.click()
    assert not dialog.ok.isEnabled()  # busy while the worker checks
    qtbot.waitUntil(lambda: "密码不正确" in dialog.error.text())
    assert spy.threads and spy.threads[0] is not threading.main_thread()
    assert dialog.ok.isEnabled() and dialog.result() == 0
    dialog.password.setText(PW)
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok.click()
    assert dialog.account.username == "clerk1"


def test_first_sign_in_asks_for_a_new_password(qtbot, runner, accounts, store):
    dialog = SignInDialog(accounts, "测试大厅", runner)
    qtbot.addWidget(dialog)
    dialog.user.setCurrentIndex(dialog.user.findData("new1"))
    dialog.password.setText("Temp-pass-001")
    dialog.ok.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert "首次登录" in dialog.change_reason.text()
    dialog.new_password.setText("Guide-desk-2026")
    dialog.repeat_password.setText("Guide-desk-2027")
    dialog.change.click()
    assert "不一致" in dialog.error.text()
    dialog.new_password.setText("weak")
    dialog.repeat_password.setText("weak")
    dialog.change.click()
    qtbot.waitUntil(lambda: "不符合要求" in dialog.error.text())
    assert dialog.result() == 0
    dialog.new_password.setText("Guide-desk-2026")
    dialog.repeat_password.setText("Guide-desk-2026")
    with qtbot.waitSignal(dialog.accepted):
        dialog.change.click()
    assert "user.password_changed" in _types(store)
    assert not accounts.sign_in("new1", "Guide-desk-2026").must_change_password


def test_idle_lock_hides_the_screens_and_only_the_same_user_unlocks(qtbot, runner, accounts, store):
    main = MainWindow(runner.bridge, "测试")
    qtbot.addWidget(main)
    secret = QLabel("110101199003077777 王小明")
    main.add_page("窗口", secret)
    session = SessionController(main, accounts, runner, username="clerk1", display_name="王受理",
                                role="clerk", idle_ms=200)
    main.add_status_widget(session.bar)
    main.show()
    qtbot.waitExposed(main)
    with qtbot.waitSignal(session.locked, timeout=5000):
        pass  # no input: the idle lock comes by itself
    assert main.covered and not secret.isVisible() and session.page.isVisible()
    # the rest of the program goes on: a use case still runs and commits while locked
    done = []
    runner.write(lambda: done.append(1))
    qtbot.waitUntil(lambda: done == [1])
    session.page.password.setText("wrong")
    session.page.unlock.click()
    qtbot.waitUntil(lambda: "密码不正确" in session.page.error.text())
    assert main.covered
    session.page.password.setText(PW)
    with qtbot.waitSignal(session.unlocked):
        session.page.unlock.click()
    assert not main.covered and secret.isVisible()
    qtbot.waitUntil(lambda: "session.unlocked" in _types(store))
    assert _types(store)[:2] == ["session.locked", "signin.failed"]
    session.idle.set_limit(0)  # no further idle lock during the rest of the test
    with qtbot.waitSignal(session.ended) as ended:
        main.findChild(QAction, "switch_action").trigger()
    assert ended.args == ["switch"]
    qtbot.waitUntil(lambda: _types(store)[-1] == "session.signed_out")
    session.close()


def test_manual_lock_and_sign_out(qtbot, runner, accounts, store):
    main = MainWindow(runner.bridge, "测试")
    qtbot.addWidget(main)
    main.add_page("窗口", QLabel("x"))
    session = SessionController(main, accounts, runner, username="clerk1", display_name="王受理",
                                role="clerk", idle_ms=0)
    main.add_status_widget(session.bar)
    main.findChild(QAction, "lock_action").trigger()
    assert main.covered
    qtbot.waitUntil(lambda: _types(store) == ["session.locked"])
    with qtbot.waitSignal(session.ended) as ended:
        main.findChild(QAction, "sign_out_action").trigger()
    assert ended.args == ["quit"]
    assert _types(store) == ["session.locked", "session.signed_out"]
    session.close()
