"""Status-bar warning shown while a year the hall needs (next year from 1 November) has no published holidays."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from desk_app.domain.errors import KnownError
from desk_app.domain.workdays import missing_years


class CalendarStatus(QLabel):
    """``CalendarStatus(check, runner)``: ``check()`` returns (missing years, full Chinese warning); it reads the
    database, so it runs on the runner's readers, at start and every ``interval_ms`` (a table pulled during the
    day clears the warning within that time). Hidden while nothing is missing."""

    refreshed = Signal(str)  # the full warning now shown ("" = none), after each check

    def __init__(self, check: Callable[[], tuple[list[int], str]], runner: Any, *, interval_ms: int = 60_000,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("calendarWarning")
        self.setStyleSheet("color: #c0392b; font-weight: bold;")
        self._check, self._runner = check, runner
        self._busy = False
        self.hide()
        self._timer = QTimer(self, interval=max(1000, interval_ms))
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        op = self._runner.read(self._check, success=self._show, failure=self._failed, parent=self)
        if op is not None:
            op.on_bug(self._failed)  # the runner showed the bug

    def _failed(self, _exc: KnownError | None = None) -> None:
        self._busy = False  # the next tick tries again; a failing read must not warn wrongly

    def _show(self, result: tuple[list[int], str]) -> None:
        self._busy = False
        years, text = result
        if years:
            self.setText(self.tr("⚠ %1 年节假日安排未发布").replace("%1", self.tr("、").join(str(y) for y in years)))
            self.setToolTip(text)
            self.show()
        else:
            self.clear()
            self.setToolTip("")
            self.hide()
        self.refreshed.emit(text if years else "")


def calendar_check(store: Any) -> Callable[[], tuple[list[int], str]]:
    """The check for a PC's store: the hall calendar as published when it runs, today from the store's clock."""
    from desk_app.domain.timeutil import hall_date
    from desk_app.domain.workdays import calendar_warning
    from desk_app.services.calendar import hall_calendar

    def check() -> tuple[list[int], str]:
        today, calendar = hall_date(store.now_ms()), hall_calendar(store)
        return missing_years(calendar, today), calendar_warning(calendar, today)
    return check
