"""Ending a screen test's runner: let delivered results settle first, then stop the workers."""
from __future__ import annotations

import time


def drain_and_shut_down(qapp, runner, timeout_s: float = 5.0) -> None:
    """Drain before shutting down: a result delivered after shutdown would make its widget submit a refresh."""
    deadline = time.monotonic() + timeout_s
    quiet = 0
    while time.monotonic() < deadline and quiet < 3:
        qapp.processEvents()
        quiet = quiet + 1 if runner.idle() else 0
    runner.shutdown()
