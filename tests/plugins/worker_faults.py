"""A crashed xdist worker's last words: faulthandler's stacks of every thread, shown with the test it was running.

xdist reports a worker that died (a segfault in Qt, an abort in a driver) as "node down" and fails the test it
was running, but the stacks faulthandler writes go to the worker's stderr, which nobody reads. Each worker's
stderr goes to a file of its own instead, and the crash report of the failed test carries what that file holds.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

_KEY = "desk_fault_dir"
_TAIL = 20_000  # characters of a worker's stderr kept in the report: the fault's stacks are at its end


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        fault_dir = config.workerinput.get(_KEY)
        if fault_dir:
            _stderr_to(Path(fault_dir) / f"{config.workerinput['workerid']}.log")
    elif config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_Controller(), "desk-worker-faults")


def _stderr_to(path: Path) -> None:
    # The descriptor itself, before the faulthandler plugin copies it: the C-level dump writes to fd 2.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 2)
    os.close(fd)


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
        for path in paths:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if text.strip():
                report.sections.append((f"stderr of the crashed worker ({path.stem})", text[-_TAIL:]))

    def pytest_unconfigure(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
