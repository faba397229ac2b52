"""Run under xvfb-run: a whole case at the demo's window 1 typed by xdotool through the X server, F1 to acceptance.

``xvfb-run -a -s "-screen 0 1366x768x24" python tests/e2e/xdotool_keyboard_case_driver.py DATA_DIR`` prints one
JSON line per step (the xdotool arguments, and whether the screen reached the expected state) and a summary.
Chinese is committed as an input method would (see below). The same sequence runs in-process with Qt key events in tests/e2e/test_keyboard_case.py.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"

from driver_support import wait_for  # noqa: E402  (beside this script)

from PySide6.QtWidgets import QApplication  # noqa: E402

from desk_app.domain import intake as d  # noqa: E402



def main(data_dir: str) -> int:
    os.environ["DESK_APP_DATA"] = data_dir
    from desk_app.demo import DemoHall, _application
    app = _application()
    hall = DemoHall(app, Path(data_dir) / "demo")
    ok_all = True
    try:
        w = hall.windows
        w.show()
        for extra in w.extra:
            extra.hide()
        main_window = w.main
        main_window.activateWindow()
        desk = w.guide
        wait_for(app, lambda: "A" in desk.category_buttons())
        desk.category_buttons()["A"].click()  # the guide desk's ticket: not the clerk's part
        panel, intake, ws = w.window1.panel, w.window1.intake, w.window1
        main_window.nav.setCurrentRow(0)
        main_window.nav.setFocus()
        wait_for(app, lambda: main_window.isActiveWindow() and main_window.nav.hasFocus())

        def step(args: list[str], cond, timeout_s: float = 10.0) -> None:
            nonlocal ok_all
            subprocess.run(["xdotool", *args], check=True)
            ok = wait_for(app, cond, timeout_s)
            ok_all &= ok
            print(json.dumps({"xdotool": " ".join(args), "ok": ok,
                              "focus": type(QApplication.focusWidget()).__name__}, ensure_ascii=False), flush=True)

        step(["key", "Down"], lambda: main_window.stack.currentWidget() is ws and panel.waiting.count() >= 1)
        step(["key", "F1"], lambda: panel.current is not None)
        step(["key", "F7"], lambda: ws.pages.currentWidget() is intake and intake.case is not None
             and intake.item_search.hasFocus())
        step(["type", "--delay", "120", "sp"], lambda: intake.item_results.count() >= 1)
        step(["key", "Return"], lambda: intake.case is not None and len(intake.case.items) == 1
             and intake.item_search.text() == "")
        step(["key", "Return"], lambda: intake.name.hasFocus())
        # Chinese comes from the clerk's input method, not as key presses (xdotool cannot type it under a bare
        # Xvfb keymap): the committed text is what the IME hands the field.
        from PySide6.QtGui import QInputMethodEvent
        ime = QInputMethodEvent()
        ime.setCommitString("张三")
        QApplication.sendEvent(QApplication.focusWidget(), ime)
        print(json.dumps({"input_method": "张三", "ok": intake.name.text() == "张三"}, ensure_ascii=False))
        step(["key", "Tab"], lambda: intake.resident_id.hasFocus())
        step(["type", "--delay", "120", "11010519491231002X"], lambda: intake.resident_id.text() == "11010519491231002X")
        step(["key", "Tab"], lambda: intake.phone.hasFocus())
        step(["type", "--delay", "120", "13800138000"], lambda: intake.phone.text() == "13800138000")
        step(["key", "Return"], lambda: intake.case.applicant.get("name") == "张三" and intake.table.hasFocus())
        for _ in range(len(intake.case.materials)):
            row = intake.table.currentRow()
            step(["key", "space"], lambda row=row: intake.case.material(
                [m["material_id"] for m in intake.case.materials][row])["status"] == d.RECEIVED)
        step(["key", "ctrl+1"], lambda: intake.case.status == d.ACCEPTED and intake.documents_list.count() >= 2)
        print(json.dumps({"accepted": intake.case.status == d.ACCEPTED, "case_number": intake.case.case_number,
                          "documents": [intake.documents_list.item(i).text()
                                        for i in range(intake.documents_list.count())],
                          "all_steps_ok": ok_all}, ensure_ascii=False), flush=True)
    finally:
        hall.close()
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
