"""Screenshots of every screen of the demo hall at 1366×768 under Xvfb, in the states that used to overflow.

``xvfb-run -a -s "-screen 0 1366x768x24" python tests/e2e/screens_1366_driver.py DATA_DIR OUT_DIR`` writes one
PNG per screen and state (the whole X screen, so what is cut off is seen cut off) and prints one JSON line
per shot: the main window's geometry and whether the status bar lies inside the screen.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "xcb"

from driver_support import wait_for  # noqa: E402  (beside this script)

from PySide6.QtWidgets import QApplication  # noqa: E402

from desk_app.domain import intake as d  # noqa: E402

BIG_ITEMS = ["11370602MB28531014400010419000001", "11370602004381302M400011301100001"]  # 6 + 6 materials



def main(data_dir: str, out_dir: str) -> int:
    os.environ["DESK_APP_DATA"] = data_dir
    from desk_app.demo import DemoHall, _application
    app = _application()
    hall = DemoHall(app, Path(data_dir) / "demo")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    w = hall.windows
    main_window = w.main
    screen = app.primaryScreen()

    def shot(name: str) -> None:
        wait_for(app, lambda: False, 0.4)  # let layouts settle and paint
        screen.grabWindow(0).save(str(out / f"{name}.png"))
        sb = main_window.statusBar()
        bottom = sb.mapToGlobal(sb.rect().bottomLeft()).y()
        print(json.dumps({"shot": name, "geometry": main_window.geometry().getRect(),
                          "min_hint": [main_window.minimumSizeHint().width(), main_window.minimumSizeHint().height()],
                          "status_bar_bottom": bottom, "screen_h": screen.geometry().height(),
                          "status_bar_visible": bottom < screen.geometry().height()}, ensure_ascii=False),
              flush=True)

    try:
        w.show()
        for extra in w.extra:
            extra.hide()
        main_window.showMaximized()
        main_window.setGeometry(screen.availableGeometry())  # no window manager under Xvfb to maximise it
        wait_for(app, lambda: main_window.isVisible(), 5)
        for title, page in (("guide", w.guide), ("window1_queue", w.window1), ("pickup", w.pickup),
                            ("complaint", w.complaint), ("supervisor", w.supervisor)):
            main_window.show_page(page)
            shot(title)

        ws = w.window1
        intake = ws.intake
        main_window.show_page(ws)
        ws.pages.setCurrentWidget(intake)
        intake.open_walk_in()
        wait_for(app, lambda: intake.case is not None)
        intake.intake.set_items(intake.case.id, BIG_ITEMS)
        intake.load_case_number(intake.case.case_number)
        wait_for(app, lambda: intake.case is not None and len(intake.case.materials) >= 10)
        shot("intake_checklist")
        t = intake.table
        print(json.dumps({"table": t.geometry().getRect(), "table_min": t.minimumHeight(),
                          "group": t.parentWidget().geometry().getRect(),
                          "group_min": t.parentWidget().minimumSizeHint().height(),
                          "summary": intake.materials_summary.geometry().getRect(),
                          "actions": intake.actions_area.geometry().getRect(),
                          "actions_min": intake.actions_area.minimumSizeHint().height(),
                          "right": intake.actions_area.parentWidget().geometry().getRect()}))
        intake.name.setText("")
        intake.resident_id.setText("110101199003074478")
        intake.submit_applicant()
        wait_for(app, lambda: bool(intake.error_text("resident_id")) or bool(intake.error_text("name")))
        shot("intake_field_errors")
        intake.name.setText("张三")
        intake.resident_id.setText("110101199003074477")
        intake.phone.setText("13800138000")
        intake.submit_applicant()
        wait_for(app, lambda: intake.case is not None and bool(intake.case.applicant))
        case_id = intake.case.id
        for m in intake.case.materials:
            intake.intake.check_material(case_id, m["material_id"], d.RECEIVED, form=d.ORIGINAL, copies=1)
        intake.load_case_number(intake.case.case_number)
        wait_for(app, lambda: intake.case is not None and not intake.case.by_status(d.PENDING))
        intake.decide(d.ACCEPT)
        wait_for(app, lambda: intake.case is not None and intake.case.status == d.ACCEPTED)
        shot("intake_accepted")
        intake.extend_reason.clear()
        intake.extend()
        wait_for(app, lambda: bool(intake.error_text("reason")))
        shot("intake_extend_error")
    finally:
        hall.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
