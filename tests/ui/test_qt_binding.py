"""Guard against a PySide6 build that frees None/True: 6.12.0 on Python 3.11 over-decrefs them and aborts the app.

Runs in a child process, because the failure is a fatal abort of the interpreter.
"""
from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
class O(QObject):
    s = Signal(object)
app = QApplication(sys.argv)
o = O(); o.s.connect(lambda x: None)
label = QLabel()
before = sys.getrefcount(None), sys.getrefcount(True)
for _ in range(60000):  # more than the None/True refcounts a 3.11 process starts with
    label.setText("x"); label.setVisible(False); o.s.emit(None)
after = sys.getrefcount(None), sys.getrefcount(True)
print(after[0] - before[0], after[1] - before[1])
"""


def test_void_calls_and_emits_do_not_leak_references_to_none_or_true() -> None:
    res = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert res.returncode == 0, res.stderr[-2000:]
    none_delta, true_delta = map(int, res.stdout.split())
    assert abs(none_delta) < 100 and abs(true_delta) < 100
