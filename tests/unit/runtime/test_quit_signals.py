"""Ctrl+C (SIGINT) and SIGTERM end the Qt event loop, so the program shuts down normally instead of hanging."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

_PROGRAM = """
import os, signal, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desk_app.runtime.quit_signals import quit_on_signals
app = QApplication([])
quit_on_signals(app)
QTimer.singleShot(300, lambda: os.kill(os.getpid(), int(sys.argv[1])))
rc = app.exec()
print("closed normally", rc)
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_quits_the_event_loop(sig) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", _PROGRAM, str(int(sig))], capture_output=True, text=True,
                          timeout=30, env=env)
    assert done.returncode == 0, done.stderr
    assert "closed normally 0" in done.stdout
