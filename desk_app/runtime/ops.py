"""Operations off the UI thread: one writer thread for use cases, pools for reads and device/print/network I/O.

``runner.write(fn, success=..., failure=..., parent=widget)`` runs ``fn`` on the single writer thread and
calls ``success(result)`` or ``failure(exc)`` back on the UI thread. Callbacks are dropped when ``parent``
has been destroyed meanwhile, so a late result never touches a deleted widget.

One error path: ``failure`` receives only a ``KnownError`` (without one, the bridge's ``known_error`` shows it).
Anything else is our bug: logged with its traceback and the operation's context, saved as a crash report when a
CrashReporter is attached, and raised as the bridge's ``crashed`` signal (the crash dialog); never swallowed,
never handed to ``failure``. ``runner.write(...).with_progress(label)`` announces a progress indication
(``progress_due``) when the operation is still running after ``PROGRESS_AFTER_MS``, and ``progress_over``
when it ends; the UI's ProgressIndicator shows it.

Every reference a job holds (``fn``'s closure, the callbacks, ``parent``: usually a widget) is released on
the UI thread: the Runner keeps the job, the worker borrows it and lets go before it reports back. A worker
that dropped the last reference to a widget's wrapper would delete the widget on the worker thread, which
corrupts Qt's state and crashes the UI thread later (e.g. in the next processEvents).
"""
from __future__ import annotations

import itertools
import logging
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desk_app.domain.errors import KnownError
from desk_app.runtime.bridge import MessageBridge

log = logging.getLogger(__name__)
T = TypeVar("T")
PROGRESS_AFTER_MS = 600  # Anki's figure: quicker operations flash no dialog


class _Delivery(QObject):
    """Lives on the UI thread; the queued signal carries a finished job's key back to it."""

    finished = Signal(object)  # the job's key (an int, but not a 32-bit C++ one)

    def __init__(self, jobs: dict[int, "_Job"], progress_over: Signal) -> None:
        super().__init__()
        self._jobs = jobs  # the Runner's table (not the Runner: a worker holds this object while it reports)
        self._progress_over = progress_over
        self.finished.connect(self._on_finished)

    @Slot(object)
    def _on_finished(self, key: int) -> None:
        job = self._jobs.pop(key, None)
        if job is None:
            return
        if job.progress_timer is not None:
            job.progress_timer.stop()
            job.progress_timer.deleteLater()
        if job.progress_shown:  # before the callbacks: a message they show must not sit under the dialog
            self._progress_over.emit(key)
        job.deliver()


class _Job:
    def __init__(self, key: int, fn, success, failure, parent, runner: "Runner", label: str):
        self.key, self.fn = key, fn
        self.success, self.failure, self.parent = success, failure, parent
        self.runner, self.label = runner, label
        self.result: Any = None
        self.exc: BaseException | None = None
        self.ran = False  # set by the worker once fn has returned or raised
        self.progress_timer: QTimer | None = None
        self.progress_shown = False
        self.on_bug: Callable[[], None] | None = None

    def deliver(self) -> None:
        alive = self.parent is None or shiboken6.isValid(self.parent)
        if self.exc is not None and not isinstance(self.exc, KnownError):
            # A bug is reported even when its widget is gone: dropping it would hide it.
            self.runner.report_bug(self.exc, self.context())
            if alive and self.on_bug is not None:
                self.on_bug()
        elif not alive:
            return
        elif self.exc is None:
            if self.success:
                self.success(self.result)
        elif self.failure:
            self.failure(self.exc)
        else:
            self.runner.bridge.known_error.emit(self.exc)

    def context(self) -> str:
        where = type(self.parent).__name__ if self.parent is not None else "-"
        return f"operation {self.label} (for {where})"


def _clear_locals(exc: BaseException) -> None:
    """What the failed calls had in their locals was made on the worker (a QPdfDocument, a session): free it
    there, not on the UI thread. The tracebacks keep their text; the job keeps everything it was given."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:  # the exception and what it was raised from
        seen.add(id(e))
        traceback.clear_frames(e.__traceback__)
        e = e.__cause__ or e.__context__


def _execute(borrowed: list[_Job], finished) -> None:
    """Worker side. ``borrowed`` holds the job once; the Runner's table keeps it too, so after the job is
    taken out and ``del``-ed here, the UI thread holds the only references and frees them."""
    job = borrowed.pop()
    try:
        job.result = job.fn()
    except BaseException as exc:  # delivered to the UI thread, never swallowed
        _clear_locals(exc)
        job.exc = exc
    job.ran = True
    key = job.key
    del job  # before reporting: once the UI thread may take the job, this thread must hold nothing of it
    finished.emit(key)


class Operation:
    """What ``write``/``read``/``io`` return: the job's Future (``result()``, ``done()``...) and ``with_progress``."""

    def __init__(self, runner: "Runner", key: int, future: Future):
        self._runner, self.key, self.future = runner, key, future

    def with_progress(self, label: str) -> "Operation":
        """Show ``label`` with a busy indication if the operation is still running after PROGRESS_AFTER_MS."""
        self._runner._progress_later(self.key, label)
        return self

    def on_bug(self, fn: Callable[[], None]) -> "Operation":
        """After the runner has reported a bug in this operation, ``fn`` puts the screen back in a usable state
        (re-enables a button, ends a busy state); neither ``success`` nor ``failure`` runs then."""
        job = self._runner._jobs.get(self.key)
        if job is not None:  # delivery is on this (the UI) thread, so it cannot have happened in between
            job.on_bug = fn
        return self

    def __getattr__(self, name: str) -> Any:
        return getattr(self.future, name)


class Runner(QObject):
    """Create on the UI thread; call ``shutdown()`` before the application quits."""

    progress_due = Signal(object, object, str)  # (key, parent or None, label): show a busy indication
    progress_over = Signal(object)  # key: the operation has ended, close its indication

    def __init__(self, bridge: MessageBridge, parent: QObject | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self.crash_reporter: Any = None  # a runtime.crash.CrashReporter once installed: bugs get a report file
        self._jobs: dict[int, _Job] = {}  # submitted and not yet delivered; only the UI thread changes it
        self._keys = itertools.count()
        self._delivery = _Delivery(self._jobs, self.progress_over)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-writer")
        self._readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="desk-reader")
        self._io = ThreadPoolExecutor(max_workers=4, thread_name_prefix="desk-io")
        self._pending: set[Future] = set()
        self._closed = False

    def write(self, fn: Callable[[], T], *, success: Callable[[T], None] | None = None,
              failure: Callable[[KnownError], None] | None = None,
              parent: QObject | None = None) -> Operation | None:
        return self._submit(self._writer, fn, success, failure, parent)

    def read(self, fn: Callable[[], T], *, success: Callable[[T], None] | None = None,
             failure: Callable[[KnownError], None] | None = None,
             parent: QObject | None = None) -> Operation | None:
        return self._submit(self._readers, fn, success, failure, parent)

    def io(self, fn: Callable[[], T], *, success: Callable[[T], None] | None = None,
           failure: Callable[[KnownError], None] | None = None,
           parent: QObject | None = None) -> Operation | None:
        return self._submit(self._io, fn, success, failure, parent)

    def _submit(self, pool: ThreadPoolExecutor, fn, success, failure, parent) -> Operation | None:
        if self._closed:
            # A timer or late signal after shut-down: the program is closing, the work is moot.
            log.info("dropped %s submitted after shutdown", getattr(fn, "__qualname__", fn))
            return None
        key = next(self._keys)
        job = _Job(key, fn, success, failure, parent, self, getattr(fn, "__qualname__", repr(fn)))
        self._jobs[key] = job
        fut = pool.submit(_execute, [job], self._delivery.finished)
        self._pending.add(fut)
        fut.add_done_callback(self._pending.discard)
        return Operation(self, key, fut)

    def _progress_later(self, key: int, label: str) -> None:
        job = self._jobs.get(key)
        if job is None or job.progress_timer is not None:  # already delivered, or asked twice
            return
        timer = QTimer(self, singleShot=True, interval=PROGRESS_AFTER_MS)
        timer.timeout.connect(lambda: self._progress_now(key, label))
        job.progress_timer = timer
        timer.start()

    def _progress_now(self, key: int, label: str) -> None:
        job = self._jobs.get(key)
        if job is None or (job.parent is not None and not shiboken6.isValid(job.parent)):
            return
        job.progress_shown = True
        self.progress_due.emit(key, job.parent, label)

    def report_bug(self, exc: BaseException, where: str) -> None:
        """Our bug: logged with its traceback and context, a crash report when a reporter is attached, and the
        crash signal. The work on screen stays: only the failed operation is lost."""
        if self.crash_reporter is not None:
            self.crash_reporter.report(type(exc), exc, exc.__traceback__, where)  # logs and emits ``crashed``
            return
        text = "".join(traceback.format_exception(exc))
        log.error("bug in %s:\n%s", where, text)
        self.bridge.crashed.emit(f"{where}\n\n{text}")

    def idle(self) -> bool:
        """True when no operation is queued or running (tests wait on this)."""
        return not self._pending

    def shutdown(self) -> None:
        self._closed = True
        for pool in (self._writer, self._readers, self._io):
            pool.shutdown(wait=True, cancel_futures=True)
        # Jobs cancelled before they ran will never be delivered: release them here, on the UI thread. Those
        # that ran are still delivered if the event loop runs again, as before.
        for key in [k for k, job in self._jobs.items() if not job.ran]:
            del self._jobs[key]
