"""Run under xvfb-run: the demo hall's pickup page receives codes typed by xdotool at scanner speed.

``python tests/e2e/xdotool_scan_driver.py DATA_DIR DELAY_MS...`` prints one JSON line: what arrived where. The
keys go through the X server (xdotool's XTEST, Shift presses and all, as a keyboard-wedge scanner sends them),
not through Qt's test functions. Driven by tests/e2e/test_xdotool_scan.py; by hand:
``xvfb-run -a -s "-screen 0 1366x768x24" python tests/e2e/xdotool_scan_driver.py /tmp/d 3 5 10 30``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"

from driver_support import wait_for  # noqa: E402  (beside this script)

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desk_app.domain import intake as d  # noqa: E402

ID_WITH_X = "11010519491231002X"
PROMISED_ITEM = "11370602MB28531014400010419000001"  # 食品经营许可（新办）, 5 working days



def _type(app: QApplication, text: str, delay_ms: int) -> None:
    """xdotool in its own process while this one keeps its event loop turning (as the scanner's PC would)."""
    # One xdotool run: "\r" is typed as Return right after the code, as a scanner ends it.
    proc = subprocess.Popen(["xdotool", "type", "--delay", str(delay_ms), text + "\r"])
    wait_for(app, lambda: proc.poll() is not None, 30)


def _ready_case(clerk_intake) -> str:
    """A case ready for pickup, made by window 1's clerk (only a clerk may open and decide cases)."""
    intake = clerk_intake
    case = intake.open_case(item_codes=[PROMISED_ITEM]).case
    intake.set_applicant(case.id, {"kind": "person", "name": "张三", "resident_id": "110101199003074477",
                                   "phone": "13800138000"})
    for m in case.materials:
        intake.check_material(case.id, m["material_id"], d.RECEIVED, form=d.ORIGINAL, copies=1)
    intake.decide(case.id, d.ACCEPT)
    intake.mark_result_ready(case.id)
    return intake.get(case.id).case_number


def _scan_round(app, hall, delay_ms: int) -> dict:
    main_window, pickup = hall.windows.main, hall.windows.pickup
    out: dict = {"delay_ms": delay_ms}
    number = _ready_case(hall.windows.window1.intake.intake)
    out["case_number"] = number
    for w in (pickup.barcode, pickup.receiver_id, pickup.receiver_name):
        w.clear()
    pickup.barcode.setFocus()
    out["focused"] = wait_for(app, lambda: pickup.barcode.hasFocus() and main_window.isActiveWindow())
    _type(app, number, delay_ms)
    wait_for(app, lambda: (pickup.case is not None and pickup.case.case_number == number)
          or pickup.error_text("barcode"), 10)
    out["barcode"] = pickup.barcode.text()
    out["found"] = pickup.case is not None and pickup.case.case_number == number
    out["barcode_error"] = pickup.error_text("barcode")
    # The receiver's ID card, scanned while the case is open and the name field has the focus.
    pickup.receiver_name.setFocus()
    wait_for(app, lambda: pickup.receiver_name.hasFocus())
    name_before = pickup.receiver_name.text()
    _type(app, ID_WITH_X, delay_ms)
    wait_for(app, lambda: pickup.receiver_id.text() == ID_WITH_X, 5)
    out["receiver_id"] = pickup.receiver_id.text()
    out["receiver_name_unchanged"] = pickup.receiver_name.text() == name_before
    # A code nobody handles, scanned while no text field has the focus: a message, not silence.
    bar = main_window.message_bar
    bar.hide()
    pickup.hand_out_button.setFocus()
    wait_for(app, lambda: pickup.hand_out_button.hasFocus())
    _type(app, "QWERTY123", delay_ms)
    wait_for(app, lambda: "无法识别" in bar.text(), 5)
    out["unknown_message"] = bar.text()
    return out


def main(data_dir: str, delays: list[int]) -> int:
    os.environ["DESK_APP_DATA"] = data_dir
    from desk_app.demo import DemoHall, _application
    app = _application()
    hall = DemoHall(app, Path(data_dir) / "demo")
    try:
        hall.windows.show()
        for w in hall.windows.extra:  # the demo's side windows would take the keyboard focus
            w.hide()
        main_window = hall.windows.main
        crashes: list[str] = []
        hall.core.bridge.crashed.connect(crashes.append)
        main_window.show_page(hall.windows.pickup)
        main_window.activateWindow()
        main_window.raise_()
        rounds = [_scan_round(app, hall, delay) for delay in delays]
        # A person typing (xdotool at 300 ms a key) still reaches the focused field, key by key.
        pickup = hall.windows.pickup
        pickup.receiver_name.clear()
        pickup.receiver_name.setFocus()
        wait_for(app, lambda: pickup.receiver_name.hasFocus())
        proc = subprocess.Popen(["xdotool", "type", "--delay", "300", "wangwu"])
        wait_for(app, lambda: proc.poll() is not None, 30)
        wait_for(app, lambda: pickup.receiver_name.text() == "wangwu", 3)
        result = {"rounds": rounds, "typed_name": pickup.receiver_name.text(), "crashes": crashes}
    finally:
        QTimer.singleShot(0, app.quit)
        hall.close()
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], [int(a) for a in sys.argv[2:]]))
