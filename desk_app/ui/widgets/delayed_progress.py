"""Progress shown only after ~600 ms: cancellable operations (DelayedProgress), .with_progress() ones (ProgressIndicator)."""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desk_app.domain.errors import KnownError
from desk_app.runtime.ops import PROGRESS_AFTER_MS

SHOW_AFTER_MS = PROGRESS_AFTER_MS  # one figure for every delayed indication


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
        op = runner.io(lambda: fn(state), success=self._done, failure=self._error, parent=self)
        if op is not None:
            op.on_bug(self._close)  # a bug does not reach _error: the dialog must go all the same

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

    def _error(self, exc: KnownError) -> None:
        self._close()
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(exc)


class ProgressIndicator(QObject):
    """Shows the runner's ``.with_progress(label)`` operations: a busy dialog over the operation's window once
    the runner says it is still running (after SHOW_AFTER_MS), closed when it ends. One per runner."""

    def __init__(self, runner: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.dialogs: dict[object, QProgressDialog] = {}
        runner.progress_due.connect(self._on_runner_progress_due)
        runner.progress_over.connect(self._on_runner_progress_over)

    def _on_runner_progress_due(self, key: object, owner: Any, label: str) -> None:
        window = owner.window() if isinstance(owner, QWidget) else None
        dialog = QProgressDialog(label, "", 0, 0, window)  # busy, no cancel: the operation cannot be stopped
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.show()
        self.dialogs[key] = dialog

    def _on_runner_progress_over(self, key: object) -> None:
        dialog = self.dialogs.pop(key, None)
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
