"""Scanner speed through the X server: xdotool types the pickup code and an X-terminated ID on the demo's pickup page."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DELAYS_MS = (3, 5, 10, 30)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (shutil.which("xvfb-run") and shutil.which("xdotool")),
                       reason="needs xvfb-run and xdotool (./dev.sh test installs both)"),
]


def test_codes_typed_at_scanner_speed_arrive_whole(tmp_path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), DESK_APP_DATA=str(tmp_path))
    env.pop("QT_QPA_PLATFORM", None)  # the driver opens real X windows on the virtual screen
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", sys.executable,
         str(ROOT / "tests" / "e2e" / "xdotool_scan_driver.py"), str(tmp_path), *map(str, DELAYS_MS)],
        env=env, capture_output=True, text=True, timeout=150)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert proc.returncode == 0 and lines, proc.stderr[-3000:]
    result = json.loads(lines[-1])
    assert result["crashes"] == []
    for r in result["rounds"]:
        assert r["focused"], r
        assert r["barcode"] == r["case_number"] and r["found"] and not r["barcode_error"], r
        assert r["receiver_id"] == "11010519491231002X" and r["receiver_name_unchanged"], r
        assert "无法识别的条码" in r["unknown_message"] and "QWERTY123" in r["unknown_message"], r
    assert [r["delay_ms"] for r in result["rounds"]] == list(DELAYS_MS)
    assert result["typed_name"] == "wangwu"  # a person's typing still lands in the field
