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
    with qtbot.waitSignal(runner.bridge.known_error) as sig:
        runner.write(fail)
    assert sig.args[0].message == "身份证号校验位错误"


def test_a_known_error_reaches_the_failure_callback_and_not_the_crash_signal(qtbot, runner) -> None:
    failed, crashes = [], []
    runner.bridge.crashed.connect(crashes.append)
    runner.write(lambda: (_ for _ in ()).throw(ValidationError("打印机缺纸")), failure=failed.append)
    qtbot.waitUntil(lambda: bool(failed))
    assert [e.message for e in failed] == ["打印机缺纸"] and crashes == []


def test_a_bug_is_logged_with_its_context_and_raises_the_crash_signal_never_the_failure(qtbot, runner,
                                                                                        caplog) -> None:
    failed, bugs = [], []
    w = QWidget()

    def buggy_job():
        return {}["missing"]
    with qtbot.waitSignal(runner.bridge.crashed) as sig:
        runner.read(buggy_job, failure=failed.append, parent=w).on_bug(lambda: bugs.append(True))
    assert "KeyError" in sig.args[0] and "buggy_job" in sig.args[0] and "QWidget" in sig.args[0]
    assert failed == [] and bugs == [True]
    (record,) = [r for r in caplog.records if r.name == "desk_app.runtime.ops"]
    assert record.levelname == "ERROR" and "buggy_job" in record.getMessage() and "KeyError" in record.getMessage()


def test_a_bug_is_reported_even_when_its_widget_has_gone(qtbot, runner) -> None:
    w = QWidget()
    gate = threading.Event()
    bugs = []

    def job():
        gate.wait(5)
        raise RuntimeError("late bug")
    runner.io(job, parent=w).on_bug(lambda: bugs.append(True))
    w.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(w))
    with qtbot.waitSignal(runner.bridge.crashed) as sig:
        gate.set()
    assert "late bug" in sig.args[0] and bugs == []  # reported, but nothing touches the deleted widget


def test_with_a_crash_reporter_a_bug_in_a_job_leaves_a_report(qtbot, runner, tmp_path) -> None:
    from desk_app.runtime.crash import CrashReporter
    runner.crash_reporter = CrashReporter(tmp_path, runner.bridge)  # not installed: only its report()
    with qtbot.waitSignal(runner.bridge.crashed) as sig:
        runner.write(lambda: 1 / 0)
    (report,) = tmp_path.glob("crash-*.txt")
    assert "ZeroDivisionError" in report.read_text(encoding="utf-8") and "<lambda>" in sig.args[0]


def test_with_progress_is_announced_only_while_the_operation_still_runs(qtbot, runner, monkeypatch) -> None:
    from desk_app.runtime import ops
    monkeypatch.setattr(ops, "PROGRESS_AFTER_MS", 30)
    due, over, got = [], [], []
    runner.progress_due.connect(lambda key, parent, label: due.append((key, label)))
    runner.progress_over.connect(over.append)
    gate = threading.Event()
    op = runner.write(lambda: gate.wait(5), success=got.append).with_progress("正在保存……")
    qtbot.waitUntil(lambda: bool(due))
    assert due == [(op.key, "正在保存……")] and over == []
    gate.set()
    qtbot.waitUntil(lambda: bool(got))
    assert over == [op.key]
    fast = runner.write(lambda: 1, success=got.append).with_progress("很快")
    qtbot.waitUntil(lambda: len(got) == 2)
    # However slow the machine, nothing is announced for an operation that has ended, nor left open.
    assert fast.key not in runner._jobs and {k for k, _ in due} <= set(over)


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
    with qtbot.waitSignal(runner.bridge.known_error) as sig:
        runner.io(fail)
    assert sig.args[0].message == "打印机缺纸"
    assert freed_on == worker
