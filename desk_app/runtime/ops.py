"""Operations off the UI thread: one writer thread for use cases, pools for reads and device/print/network I/O.

``runner.write(fn, success=..., failure=..., parent=widget)`` runs ``fn`` on the single writer thread and
calls ``success(result)`` or ``failure(exc)`` back on the UI thread. Callbacks are dropped when ``parent``
has been destroyed meanwhile, so a late result never touches a deleted widget.
"""
from __future__ import annotations

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
    """Lives on the UI thread; the queued signal carries a finished job back to it."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._on_finished)

    @Slot(object)
    def _on_finished(self, job: "_Job") -> None:
        job.deliver()


class _Job:
    def __init__(self, success, failure, parent, bridge: MessageBridge, label: str):
        self.success, self.failure, self.parent = success, failure, parent
        self.bridge, self.label = bridge, label
        self.result: Any = None
        self.exc: BaseException | None = None

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


class Runner(QObject):
    """Create on the UI thread; call ``shutdown()`` before the application quits."""

    def __init__(self, bridge: MessageBridge, parent: QObject | None = None):
        super().__init__(parent)
        self.bridge = bridge
        self._delivery = _Delivery()
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
        job = _Job(success, failure, parent, self.bridge, getattr(fn, "__qualname__", repr(fn)))

        def run() -> None:
            try:
                job.result = fn()
            except BaseException as exc:  # delivered to the UI thread, never swallowed
                job.exc = exc
            self._delivery.finished.emit(job)

        fut = pool.submit(run)
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
