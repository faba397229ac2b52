"""Ctrl+C in the terminal and SIGTERM close the program as its close button would, while Qt's loop runs."""
from __future__ import annotations

import signal

from PySide6.QtCore import QCoreApplication, QTimer

_WAKE_MS = 250  # Python runs a signal handler only when it runs at all: a light timer lets it


def quit_on_signals(app: QCoreApplication) -> QTimer:
    """Make SIGINT and SIGTERM quit ``app``'s event loops (then the usual shutdown runs); main thread only."""
    def _quit(_signum: int, _frame: object) -> None:
        app.quit()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _quit)
    timer = QTimer(app)
    timer.setInterval(_WAKE_MS)
    timer.timeout.connect(lambda: None)
    timer.start()
    return timer
