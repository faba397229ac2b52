"""The runner: work off the UI thread, results back on it, known errors to the bridge, bugs to the crash signal."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QWidget

from desk_app.domain.errors import ValidationError
from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner


@pytest.fixture
def runner(qapp):
    r = Runner(MessageBridge())
    yield r
    r.shutdown()


def test_result_comes_back_on_the_ui_thread(qtbot, runner) -> None:
    seen = {}
    runner.write(lambda: threading.current_thread().name,
                 success=lambda name: seen.update(worker=name, here=threading.current_thread().name))
    qtbot.waitUntil(lambda: "worker" in seen)
    assert seen["worker"].startswith("desk-writer")
    assert seen["here"] == threading.current_thread().name


def test_known_error_without_handler_goes_to_bridge(qtbot, runner) -> None:
    def fail():
        raise ValidationError("身份证号校验位错误")
    with qtbot.waitSignal(runner.bridge.error) as sig:
        runner.write(fail)
    assert sig.args == ["身份证号校验位错误"]


def test_bug_goes_to_crash_signal(qtbot, runner) -> None:
    with qtbot.waitSignal(runner.bridge.crashed) as sig:
        runner.read(lambda: 1 / 0)
    assert "ZeroDivisionError" in sig.args[0]


def test_callback_dropped_when_parent_destroyed(qtbot, runner) -> None:
    w = QWidget()
    called = []
    gate = threading.Event()
    runner.io(lambda: gate.wait(5), success=called.append, parent=w)
    w.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(w))
    gate.set()
    qtbot.waitUntil(runner.idle)
    qtbot.wait(50)  # let the queued delivery run; it must do nothing
    assert called == []
