"""The demo reaches the supervisor's new screens: the live hall, the statistics over a simulated history."""
from __future__ import annotations

from desk_app.demo import fill_demo_history


def test_demo_history_fills_the_statistics_and_the_overview_is_live(qtbot, hall) -> None:
    sup = hall.windows.supervisor
    tabs = [sup.tabs.tabText(i) for i in range(sup.tabs.count())]
    assert tabs[0] == "大厅实况" and "统计报表" in tabs
    qtbot.waitUntil(lambda: sup.overview.overview is not None, timeout=5000)
    assert {w.number for w in sup.overview.overview.windows} >= {1, 2, 3}
    done = []
    fill_demo_history(hall.core, days=3, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    assert done[0].tickets > 100
    view = sup.report_view
    view.kind.setCurrentIndex(3)  # 自定义
    view.start.setDate(view.start.date().addDays(-7))
    with qtbot.waitSignal(view.shown, timeout=10000) as shown:
        view.query()
    assert shown.args[0].report.total.tickets_issued == done[0].tickets
    assert view.cell_text("合计", "tickets_issued") == str(done[0].tickets)
