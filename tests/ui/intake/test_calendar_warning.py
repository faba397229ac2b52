"""From 1 November the status bar and the supervisor console warn while next year's holidays are unpublished;
a table pulled during the day clears both without a restart (the clock is the store's, injected)."""
from __future__ import annotations

from datetime import datetime

from desk_app.domain.timeutil import CHINA_TZ
from desk_app.services.calendar import save_published_table
from desk_app.ui.supervisor.supervisor_console import SupervisorConsole
from desk_app.ui.widgets.calendar_status import CalendarStatus, calendar_check

TABLE_2027 = {"2027": {"holidays": ["2027-01-01"], "workdays": []}}


def _at(clock, when: datetime) -> None:
    clock.ms = int(when.replace(tzinfo=CHINA_TZ).timestamp() * 1000)  # also backwards, unlike Clock.set


def test_status_bar_warns_from_the_first_of_november(qtbot, ctx, hall_store, clock) -> None:
    _at(clock, datetime(2026, 10, 31, 17))
    w = CalendarStatus(calendar_check(hall_store), ctx.runner, interval_ms=60_000)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.refreshed) as sig:
        pass
    assert sig.args == [""] and w.isHidden()
    _at(clock, datetime(2026, 11, 1, 8, 30))
    with qtbot.waitSignal(w.refreshed) as sig:
        w.refresh()
    assert "2027 年" in sig.args[0] and "desk-central calendar publish --year 2027" in sig.args[0]
    assert not w.isHidden() and w.text() == "⚠ 2027 年节假日安排未发布"
    assert "calendar publish" in w.toolTip()
    save_published_table(hall_store, TABLE_2027)  # the sync agent pulled it
    with qtbot.waitSignal(w.refreshed) as sig:
        w.refresh()
    assert sig.args == [""] and w.isHidden()


def test_supervisor_console_says_so_too(qtbot, ctx, hall_store, clock) -> None:
    _at(clock, datetime(2026, 12, 2, 9))
    w = SupervisorConsole(ctx)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.calendar_notice.isVisible())
    assert "2027 年" in w.calendar_notice.text() and "信息管理员" in w.calendar_notice.text()
    save_published_table(hall_store, TABLE_2027)
    w.refresh()
    qtbot.waitUntil(lambda: not w.calendar_notice.isVisible())
