"""The live hall tab follows the events: a ticket issued and called shows up, an alert is acknowledged."""
from __future__ import annotations

from desk_app.services import queue as qs
from desk_app.ui.supervisor.hall_overview import HallOverview


def _row(table, col0: str) -> list[str]:
    for i in range(table.rowCount()):
        if table.item(i, 0).text() == col0:
            return [table.item(i, c).text() for c in range(table.columnCount())]
    raise KeyError(col0)


def test_overview_tab_updates_from_events_and_acknowledges(qtbot, hall, make_ctx, clock):
    ctx = make_ctx()
    ctx.settings.set("overview.long_wait_min", 10)
    w = HallOverview(ctx)
    qtbot.addWidget(w)
    qtbot.wait_until(lambda: w.overview is not None)
    assert _row(w.windows, "1")[2] == "空闲"
    with qtbot.wait_signal(w.updated, check_params_cb=lambda v: sum(c.waiting for c in v.categories) == 2,
                           timeout=5000):
        with hall.write("guide") as uow:
            t = qs.issue_ticket(uow, "A", handed_out=True)
            qs.issue_ticket(uow, "A", handed_out=True)
    with qtbot.wait_signal(w.updated, check_params_cb=lambda v: v.windows[0].ticket_number == t.number,
                           timeout=5000):
        with hall.write("li") as uow:
            qs.call_next(uow, 1, clerk="li")
    assert _row(w.windows, "1")[2:5] == ["已叫号", "li", t.number]
    assert _row(w.categories, "A")[2] == "1"
    clock.ms += 11 * 60_000
    with qtbot.wait_signal(w.updated, check_params_cb=lambda v: bool(v.open_alerts), timeout=5000):
        w.refresh()  # what the timer does: time passed, no event
    assert "已等候 11 分钟" in w.alerts.item(0, 1).text()
    w.alerts.selectRow(0)
    w.note.setText("已增开窗口")
    with qtbot.wait_signal(w.updated, check_params_cb=lambda v: not v.open_alerts, timeout=5000):
        w.acknowledge_selected()
    assert w.alerts.item(0, 2).text() == "super1 已确认"
    assert [w.log.item(0, c).text() for c in (1, 3)] == ["super1", "已增开窗口"]


def test_acknowledge_without_selection_says_what_to_do(qtbot, hall, make_ctx):
    w = HallOverview(make_ctx())
    qtbot.addWidget(w)
    qtbot.wait_until(lambda: w.overview is not None)
    w.acknowledge_selected()
    assert "请先在提醒列表中选择" in w.error.text()
