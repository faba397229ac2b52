"""The runner: work off the UI thread, results back on it, known errors to the bridge, bugs to the crash signal."""
from __future__ import annotations

import threading
import weakref

from PySide6.QtWidgets import QWidget

from desk_app.domain.errors import ValidationError


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


def test_widget_is_released_on_the_ui_thread_even_if_the_worker_lingers(qtbot, runner) -> None:
    """A worker that still held the job after reporting would drop the last reference to the widget and
    delete it on the worker thread (the rare teardown segfault). Hold the worker in the future's done
    callbacks until the UI thread has the result and has let go of the widget: the widget must still be
    freed here, on the UI thread."""
    w = QWidget()
    freed_on = []
    weakref.finalize(w, lambda: freed_on.append(threading.get_ident()))
    gate, ui_let_go, got = threading.Event(), threading.Event(), []
    fut = runner.io(lambda: gate.wait(5), success=got.append, parent=w)
    fut.add_done_callback(lambda _f: ui_let_go.wait(5))  # runs on the worker, after the result was reported
    gate.set()
    qtbot.waitUntil(lambda: got == [True])
    del w
    ui_let_go.set()
    qtbot.waitUntil(lambda: bool(freed_on))  # with the bug: freed when the worker lets go, on the worker
    assert freed_on == [threading.get_ident()]


def test_objects_made_by_a_failed_operation_are_freed_on_its_worker(qtbot, runner) -> None:
    """A QObject created on the worker and left in a failed call's locals belongs to that thread: it must not
    ride along in the traceback to the UI thread and be deleted there."""
    from PySide6.QtCore import QObject

    freed_on, worker = [], []

    def fail() -> None:
        doc = QObject()  # e.g. the QPdfDocument of a print job
        weakref.finalize(doc, lambda: freed_on.append(threading.get_ident()))
        worker.append(threading.get_ident())
        raise ValidationError("打印机缺纸")
    with qtbot.waitSignal(runner.bridge.error) as sig:
        runner.io(fail)
    assert sig.args == ["打印机缺纸"]
    assert freed_on == worker
