"""`desk-app run`: sign in with a password, the role's screens open, "切换用户" returns to the sign-in dialog."""
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
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow
from desk_app.cli import main

app = QApplication(sys.argv[:1])
seen = []
step = {"n": 0}

def look() -> None:
    visible = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    dialogs = [w for w in visible if isinstance(w, QDialog)]
    mains = [w for w in visible if isinstance(w, QMainWindow)]
    if step["n"] == 0 and dialogs:
        d = dialogs[0]
        seen.append("dialog:" + d.windowTitle())
        d.user.setCurrentIndex(d.user.findData(sys.argv[-1]))
        d.password.setText("Hall-Pass-2026")
        d.ok.click()
        step["n"] = 1
    elif step["n"] == 1 and mains and not dialogs:
        m = mains[0]
        seen.append("pages:" + ",".join(m.nav.item(i).text() for i in range(m.nav.count())))
        m.findChild(QAction, "switch_action").trigger()
        step["n"] = 2
    elif step["n"] == 2 and dialogs:
        seen.append("dialog:" + dialogs[0].windowTitle())
        dialogs[0].reject()
        return
    QTimer.singleShot(50, look)

QTimer.singleShot(0, look)
rc = main(sys.argv[1:-1])
print("SEEN", seen, "RC", rc)
"""


def _run(data_dir, username: str) -> str:
    data = json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))
    for u in data["users"]:
        u["password_hash"] = hash_password("Hall-Pass-2026")
    core = build_core(data_dir)
    load_hall_setup(core.store, data)
    core.close()
    env = {**os.environ, "DESK_APP_DATA": str(data_dir), "QT_QPA_PLATFORM": "offscreen"}
    res = subprocess.run([sys.executable, "-c", DRIVER, "run", username], capture_output=True, text=True,
                         timeout=120, env=env)
    assert res.returncode == 0, res.stderr[-3000:]
    return next(line for line in res.stdout.splitlines() if line.startswith("SEEN"))


def test_admin_signs_in_gets_the_admin_screens_and_switches_user(data_dir) -> None:
    out = _run(data_dir, "admin1")
    assert "dialog:登录" in out and "pages:账号与安全,打印设置,外设" in out
    assert "dialog:切换用户" in out and out.endswith("RC 0")
