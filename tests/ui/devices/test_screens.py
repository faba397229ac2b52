"""Choosing applicant/display screens by name with two offscreen monitors, and following unplugging."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

CONFIG = {
    "synchronousWindowSystemEvents": True,
    "windowFrameMargins": False,
    # Offscreen orders screens by name and the first is primary: DP-1 is the clerk's monitor.
    "screens": [
        {"name": "DP-1", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "dpr": 1.0},
        {"name": "HDMI-1", "x": 1366, "y": 0, "width": 1024, "height": 600, "logicalDpi": 96, "dpr": 1.0},
    ],
}

SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtWidgets import QApplication, QWidget
    from desk_app.ui.devices.screens import ScreenChooser
    app = QApplication(sys.argv)
    out = {"names": [s.name() for s in app.screens()]}
    gone = []
    chooser = ScreenChooser({"applicant": "HDMI-1", "display": "NOT-PLUGGED"},
                            screens=lambda: [s for s in app.screens() if s.name() not in gone])
    changes = []
    chooser.screen_changed.connect(lambda role, s: changes.append([role, s.name() if s else None]))
    w = QWidget()
    w.show()
    chooser.follow(w, "applicant")
    out["applicant"] = chooser.screen_for("applicant").name()
    out["display"] = chooser.screen_for("display").name()
    out["window_x"] = w.geometry().x()
    # Unplug the applicant monitor: Qt's signal, with that screen gone from the list.
    touch = next(s for s in app.screens() if s.name() == "HDMI-1")
    gone.append("HDMI-1")
    app.screenRemoved.emit(touch)
    out["after_unplug"] = chooser.screen_for("applicant").name()
    out["window_x_after_unplug"] = w.geometry().x()
    gone.clear()
    app.screenAdded.emit(touch)
    out["after_replug"] = chooser.screen_for("applicant").name()
    out["window_x_after_replug"] = w.geometry().x()
    out["changes"] = changes
    print(json.dumps(out))
""")


def test_two_screens_by_name_and_hotplug(tmp_path: Path):
    cfg = tmp_path / "screens.json"
    cfg.write_text(json.dumps(CONFIG))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={cfg}")
    res = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parents[3])
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert out["names"] == ["DP-1", "HDMI-1"]
    assert out["applicant"] == "HDMI-1"
    assert out["display"] == "HDMI-1"  # wanted monitor absent: the first non-primary one
    assert out["window_x"] == 1366
    assert out["after_unplug"] == "DP-1" and out["window_x_after_unplug"] == 0
    assert out["after_replug"] == "HDMI-1" and out["window_x_after_replug"] == 1366
    assert ["applicant", "DP-1"] in out["changes"]
