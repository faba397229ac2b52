"""Crash reports: uncaught exceptions on any thread and hard faults are logged, saved as a report and shown."""
from __future__ import annotations

import faulthandler
import logging
import platform
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from desk_app import __version__
from desk_app.runtime.bridge import MessageBridge

log = logging.getLogger(__name__)
KEEP_REPORTS = 50  # a PC that crashes in a loop must not fill its disk


class CrashReporter:
    """Installs sys.excepthook, threading.excepthook and faulthandler; uninstall() puts the previous ones back.

    An exception nobody caught is our bug: it is logged with its context, written to a report file a clerk can
    send, and the bridge's ``crashed`` signal shows the crash dialog. The program keeps running (a slot that
    raised has only lost its own call), so what the clerk entered stays on screen.
    """

    def __init__(self, crash_dir: Path, bridge: MessageBridge | None = None):
        self.crash_dir = crash_dir
        self.bridge = bridge
        self._previous: tuple | None = None
        self._fault_file = None

    def install(self) -> CrashReporter:
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        self._previous = (sys.excepthook, threading.excepthook, faulthandler.is_enabled())
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception
        # A segfault in Qt or a driver leaves no Python traceback: faulthandler writes every thread's stack here.
        self._fault_file = open(self.crash_dir / "faults.log", "a", encoding="utf-8")  # noqa: SIM115 (kept open)
        faulthandler.enable(self._fault_file, all_threads=True)
        return self

    def uninstall(self) -> None:
        if self._previous is None:
            return
        sys.excepthook, threading.excepthook, was_enabled = self._previous
        self._previous = None
        faulthandler.disable()
        if was_enabled and sys.__stderr__ is not None:
            # The process's own stderr: sys.stderr may be a replacement by then (pytest's capture file, which
            # is how a segfault in a later test left no trace), and a windowed program has none at all.
            faulthandler.enable(sys.__stderr__, all_threads=True)
        if self._fault_file is not None:
            self._fault_file.close()
            self._fault_file = None

    def report(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
               where: str) -> Path:
        """Log the bug, save its report and show it; returns the report's path."""
        now = datetime.now()
        path = self.crash_dir / f"crash-{now:%Y%m%d-%H%M%S-%f}.txt"
        body = "".join(traceback.format_exception(exc_type, exc, tb))
        text = (f"报告文件：{path}\n"
                f"desk_app {__version__} · Python {platform.python_version()} · {platform.platform()}\n"
                f"时间：{now:%Y-%m-%d %H:%M:%S} · 位置：{where}\n\n{body}")
        log.error("uncaught exception in %s:\n%s", where, body)
        try:
            path.write_text(text, encoding="utf-8")
            self._prune()
        except OSError:  # the disk is full or gone: the log line above is all we can keep
            log.exception("could not write the crash report")
        if self.bridge is not None:
            self.bridge.crashed.emit(text)  # queued: safe from any thread
        return path

    def _prune(self) -> None:
        reports = sorted(self.crash_dir.glob("crash-*.txt"))
        for old in reports[:-KEEP_REPORTS]:
            old.unlink(missing_ok=True)

    def _on_exception(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report(exc_type, exc, tb, "主线程")
        if sys.stderr is not None:  # also where a terminal sees it (a windowless program has no stderr)
            traceback.print_exception(exc_type, exc, tb, file=sys.stderr)

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        self.report(args.exc_type, args.exc_value, args.exc_traceback, f"线程 {name}")
