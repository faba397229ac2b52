"""A cancellable long operation on a worker: its progress dialog appears only if it takes longer than ~600 ms."""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desk_app.domain.errors import KnownError

SHOW_AFTER_MS = 600


class Cancelled(KnownError):
    """The user pressed 取消: the operation stopped and wrote nothing."""


class ProgressState:
    """Shared with the worker: it reports (done, total) and learns of a cancel; plain attributes, no Qt."""

    def __init__(self) -> None:
        self.done = 0
        self.total = 0
        self.cancel = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        if self.cancel.is_set():
            raise Cancelled(QCoreApplication.translate("DelayedProgress", "已取消，未生成文件。"))
        self.done, self.total = done, total


class DelayedProgress(QObject):
    """``DelayedProgress(runner, label, fn, parent)``: runs ``fn(state)`` through ``runner.io``;
    ``finished(result)``, ``failed(exc)`` or ``cancelled()`` follow on the UI thread."""

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, runner: Any, label: str, fn: Callable[[ProgressState], Any], parent: QWidget):
        super().__init__(parent)
        self.state = ProgressState()
        self.dialog: QProgressDialog | None = None
        self._label, self._parent = label, parent
        self._show_timer = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self._show)
        self._poll = QTimer(self, interval=100)
        self._poll.timeout.connect(self._update)
        self._show_timer.start()
        state = self.state
        runner.io(lambda: fn(state), success=self._done, failure=self._error, parent=self)

    def _show(self) -> None:
        self.dialog = QProgressDialog(self._label, self.tr("取消"), 0, 0, self._parent)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.show()
        self._poll.start()

    def _update(self) -> None:
        if self.dialog is not None and self.state.total:
            self.dialog.setMaximum(self.state.total)
            self.dialog.setValue(self.state.done)

    def cancel(self) -> None:
        self.state.cancel.set()

    def _close(self) -> None:
        self._show_timer.stop()
        self._poll.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _done(self, result: Any) -> None:
        self._close()
        self.finished.emit(result)

    def _error(self, exc: BaseException) -> None:
        self._close()
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(exc)
