"""What the Xvfb driver scripts share (they run as scripts, so this sits beside them and is imported by name)."""
from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication


def wait_for(app: QApplication, cond, timeout_s: float = 10.0) -> bool:
    """Run the event loop until ``cond()`` holds or the time is up; returns whether it holds."""
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        app.processEvents()
        if cond():
            return True
        time.sleep(0.01)
    return bool(cond())
