"""`desk-app run` and `desk-app display` start, show their first window and shut down cleanly.

Each runs in its own process, as it does in a hall: one program, one event loop.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from desk_app.app import build_core
from desk_app.store.passwords import hash_password
from desk_app.paths import resources_dir
from desk_app.services.reference import load_hall_setup

DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from desk_app.cli import main

app = QApplication(sys.argv[:1])
seen = []

def look() -> None:
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    if not visible:
        QTimer.singleShot(50, look)
        return
    for w in visible:
        seen.append(w.windowTitle() + (f"|users={w.user.count()}" if isinstance(w, QDialog) else ""))
        if isinstance(w, QDialog):
            w.reject()  # nobody signs in: the program ends
    app.quit()

QTimer.singleShot(0, look)
rc = main(sys.argv[1:])
print("SEEN", seen, "RC", rc)
"""


def _seed_hall(data_dir, *, passwords: bool = True) -> None:
    """The demo hall; outside `desk-app demo` only accounts with a password are offered, so give them one."""
    data = json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))
    if passwords:
        for u in data["users"]:
            u["password_hash"] = hash_password("Hall-Pass-2026")
    core = build_core(data_dir)
    load_hall_setup(core.store, data)
    core.close()


def _run(data_dir, *args: str) -> str:
    env = {**os.environ, "DESK_APP_DATA": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    res = subprocess.run([sys.executable, "-c", DRIVER, *args], capture_output=True, text=True, timeout=120,
                         env=env)
    assert res.returncode == 0, res.stderr[-3000:]
    return next(line for line in res.stdout.splitlines() if line.startswith("SEEN"))


def test_display_shows_the_hall_display(data_dir) -> None:
    _seed_hall(data_dir)
    out = _run(data_dir, "display")
    assert "叫号大屏" in out and out.endswith("RC 0")


def test_program_asks_who_signs_in_and_ends_when_nobody_does(data_dir) -> None:
    _seed_hall(data_dir)
    out = _run(data_dir, "run")
    assert "登录|users=6" in out and out.endswith("RC 0")  # the hall's six accounts are offered (in the demo hall)


def test_program_offers_no_password_less_account_outside_the_demo(data_dir) -> None:
    _seed_hall(data_dir, passwords=False)
    out = _run(data_dir, "run")
    assert "登录|users=0" in out and out.endswith("RC 0")
