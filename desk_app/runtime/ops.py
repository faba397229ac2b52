"""Operations off the UI thread: one writer thread for use cases, pools for reads and device/print/network I/O.

``runner.write(fn, success=..., failure=..., parent=widget)`` runs ``fn`` on the single writer thread and
calls ``success(result)`` or ``failure(exc)`` back on the UI thread. Callbacks are dropped when ``parent``
has been destroyed meanwhile, so a late result never touches a deleted widget.

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
from PySide6.QtCore import QObject, Signal, Slot

from desk_app.domain.errors import KnownError
from desk_app.runtime.bridge import MessageBridge

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Delivery(QObject):
    """Lives on the UI thread; the queued signal carries a finished job's key back to it."""

    finished = Signal(object)  # the job's key (an int, but not a 32-bit C++ one)

    def __init__(self, jobs: dict[int, "_Job"]) -> None:
        super().__init__()
        self._jobs = jobs  # the Runner's table (not the Runner: a worker holds this object while it reports)
        self.finished.connect(self._on_finished)

    @Slot(object)
    def _on_finished(self, key: int) -> None:
        job = self._jobs.pop(key, None)
        if job is not None:
            job.deliver()


class _Job:
    def __init__(self, key: int, fn, success, failure, parent, bridge: MessageBridge, label: str):
        self.key, self.fn = key, fn
        self.success, self.failure, self.parent = success, failure, parent
        self.bridge, self.label = bridge, label
        self.result: Any = None
        self.exc: BaseException | None = None
        self.ran = False  # set by the worker once fn has returned or raised

    def deliver(self) -> None:
        if self.parent is not None and not shiboken6.isValid(self.parent):
            return
        if self.exc is None:
            if self.success:
                self.success(self.result)
            return
        if self.failure:
            self.failure(self.exc)
        elif isinstance(self.exc, KnownError):
            self.bridge.error.emit(self.exc.message)
        else:
            text = "".join(traceback.format_exception(self.exc))
            log.error("operation %s failed:\n%s", self.label, text)
            self.bridge.crashed.emit(text)


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


class Runner(QObject):
    """Create on the UI thread; call ``shutdown()`` before the application quits."""

    def __init__(self, bridge: MessageBridge, parent: QObject | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self._jobs: dict[int, _Job] = {}  # submitted and not yet delivered; only the UI thread changes it
        self._keys = itertools.count()
        self._delivery = _Delivery(self._jobs)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-writer")
        self._readers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="desk-reader")
        self._io = ThreadPoolExecutor(max_workers=4, thread_name_prefix="desk-io")
        self._pending: set[Future] = set()
        self._closed = False

    def write(self, fn: Callable[[], T], *, success: Callable[[T], None] | None = None,
              failure: Callable[[BaseException], None] | None = None,
              parent: QObject | None = None) -> Future | None:
        return self._submit(self._writer, fn, success, failure, parent)

    def read(self, fn: Callable[[], T], *, success: Callable[[T], None] | None = None,
             failure: Callable[[BaseException], None] | None = None,
             parent: QObject | None = None) -> Future | None:
        return self._submit(self._readers, fn, success, failure, parent)

    def io(self, fn: Callable[[], T], *, success: Callable[[T], None] | None = None,
           failure: Callable[[BaseException], None] | None = None,
           parent: QObject | None = None) -> Future | None:
        return self._submit(self._io, fn, success, failure, parent)

    def _submit(self, pool: ThreadPoolExecutor, fn, success, failure, parent) -> Future | None:
        if self._closed:
            # A timer or late signal after shut-down: the program is closing, the work is moot.
            log.info("dropped %s submitted after shutdown", getattr(fn, "__qualname__", fn))
            return None
        key = next(self._keys)
        job = _Job(key, fn, success, failure, parent, self.bridge, getattr(fn, "__qualname__", repr(fn)))
        self._jobs[key] = job
        fut = pool.submit(_execute, [job], self._delivery.finished)
        self._pending.add(fut)
        fut.add_done_callback(self._pending.discard)
        return fut

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
