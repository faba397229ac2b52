"""Uncaught exceptions on the UI thread and on workers become a saved report and the crash dialog's signal."""
from __future__ import annotations

import faulthandler
import sys
import threading

import pytest

from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.crash import KEEP_REPORTS, CrashReporter


@pytest.fixture
def reporter(qapp, tmp_path):
    bridge = MessageBridge()
    rep = CrashReporter(tmp_path / "crash", bridge).install()
    yield rep, bridge
    rep.uninstall()


def _raise(message: str):
    try:
        raise RuntimeError(message)
    except RuntimeError:
        return sys.exc_info()


def test_main_thread_exception_is_saved_and_shown(reporter, qtbot):
    rep, bridge = reporter
    assert sys.excepthook == rep._on_exception and faulthandler.is_enabled()
    with qtbot.wait_signal(bridge.crashed) as blocker:
        sys.excepthook(*_raise("slot failed"))
    text = blocker.args[0]
    assert "RuntimeError: slot failed" in text and "主线程" in text
    reports = list(rep.crash_dir.glob("crash-*.txt"))
    assert len(reports) == 1 and reports[0].read_text(encoding="utf-8") == text
    assert str(reports[0]) in text  # the clerk's copied report says where the file is


def test_worker_thread_exception_reaches_the_ui(reporter, qtbot):
    rep, bridge = reporter

    def work():
        raise ValueError("worker bug")
    with qtbot.wait_signal(bridge.crashed) as blocker:
        t = threading.Thread(target=work, name="printer-worker")
        t.start()
        t.join()
    assert "ValueError: worker bug" in blocker.args[0] and "printer-worker" in blocker.args[0]


def test_uninstall_restores_the_previous_hooks(qapp, tmp_path):
    before = (sys.excepthook, threading.excepthook)
    rep = CrashReporter(tmp_path / "c").install()
    rep.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_old_reports_are_pruned(reporter):
    rep, _ = reporter
    for i in range(KEEP_REPORTS + 5):
        rep.report(*_raise(f"n{i}"), "测试")
    assert len(list(rep.crash_dir.glob("crash-*.txt"))) == KEEP_REPORTS


def test_a_full_disk_still_logs_and_shows(reporter, qtbot, monkeypatch, caplog):
    rep, bridge = reporter
    monkeypatch.setattr(type(rep.crash_dir), "write_text", lambda *a, **k: (_ for _ in ()).throw(OSError(28, "full")))
    with qtbot.wait_signal(bridge.crashed):
        rep.report(*_raise("disk full"), "测试")
    assert "disk full" in caplog.text


def test_after_uninstall_a_segfault_still_reaches_the_process_stderr(tmp_path):
    """Uninstalled while sys.stderr was a replacement (pytest's capture, a GUI's), faulthandler went there and a
    later segfault left no trace at all."""
    import subprocess
    script = (
        "import faulthandler, sys, pathlib\n"
        "from desk_app.runtime.crash import CrashReporter\n"
        "faulthandler.enable()\n"
        "rep = CrashReporter(pathlib.Path(sys.argv[1]), None).install()\n"
        "sys.stderr = open(sys.argv[1] + '.stderr', 'w')\n"
        "rep.uninstall()\n"
        "faulthandler._sigsegv()\n")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "crash")], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode != 0 and "Fatal Python error: Segmentation fault" in done.stderr
