"""A crashed xdist worker's last words: faulthandler's stacks of every thread, shown with the test it was running.

xdist reports a worker that died (a segfault in Qt, an abort in a driver) as "node down" and fails the test it
was running, but the stacks faulthandler writes go to the worker's stderr, which nobody reads. Each worker's
stderr goes to a file of its own instead, and the crash report of the failed test carries what that file holds.
"""
from __future__ import annotations

import faulthandler
import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

_KEY = "desk_fault_dir"
_TAIL = 20_000  # characters of a worker's stderr kept in the report: the fault's stacks are at its end


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        fault_dir = config.workerinput.get(_KEY)
        if fault_dir:
            config.pluginmanager.register(_Worker(Path(fault_dir) / f"{config.workerinput['workerid']}.log"),
                                          "desk-worker-faults")
    elif config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_Controller(), "desk-worker-faults")


class _Worker:
    def __init__(self, path: Path) -> None:
        self.file = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the worker's whole life
        os.dup2(self.file.fileno(), 2)  # Python's own fatal errors write to fd 2

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        # Before every test: a test that ran the program's crash reporter left faulthandler on whatever fd 2
        # was when it uninstalled, and during a test fd 2 is pytest's capture file, lost with the worker.
        faulthandler.enable(self.file, all_threads=True)


class _Controller:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="desk-worker-faults-"))

    def pytest_configure_node(self, node) -> None:
        node.workerinput[_KEY] = str(self.dir)

    @pytest.hookimpl(tryfirst=True)
    def pytest_handlecrashitem(self, crashitem: str, report: pytest.TestReport, sched) -> None:
        worker = getattr(getattr(report, "node", None), "gateway", None)
        name = getattr(worker, "id", None)
        paths = [self.dir / f"{name}.log"] if name else sorted(self.dir.glob("*.log"))
        status = _exit_status(worker)
        if status:
            report.sections.append(("exit of the crashed worker", status))
        for path in paths:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if text.strip():
                report.sections.append((f"stderr of the crashed worker ({path.stem})", text[-_TAIL:]))

    def pytest_unconfigure(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def _exit_status(gateway) -> str:
    """How the worker process ended: killed by a signal faulthandler cannot catch (SIGKILL, SIGTERM) leaves no
    stacks, and then this is all there is to go on."""
    popen = getattr(getattr(gateway, "_io", None), "popen", None)
    if popen is None:
        return ""
    try:
        code = popen.wait(timeout=5)
    except Exception as exc:  # noqa: BLE001 - still running (its channel broke), or no longer ours to wait for
        return f"the worker process did not end: {exc!r}"
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"
