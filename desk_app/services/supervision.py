"""Supervisor lists: negative ratings with their follow-up deadline, and overdue or due-soon cases."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desk_app.domain import intake as d
from desk_app.domain import rating as r
from desk_app.domain.timeutil import hall_date
from desk_app.domain.workdays import WorkdayCalendar
from desk_app.services.calendar import hall_calendar, read_calendar
from desk_app.services.intake import DUE_SOON_DAYS
from desk_app.store import pii
from desk_app.store.database import Store
from desk_app.store.models import Case, Rating


@dataclass(frozen=True)
class NegativeRatingRow:
    rating_id: str
    case_id: str
    case_number: str
    level: int
    level_label: str
    reasons: tuple[str, ...]
    text: str
    window_number: int | None
    clerk: str
    follow_up_due: str | None
    follow_status: str
    late: bool   # past its follow-up deadline and not rectified


@dataclass(frozen=True)
class CaseAlertRow:
    case_id: str
    case_number: str
    kind: str        # overdue | due_soon | supplement_overdue
    kind_label: str
    status: str
    applicant_name: str
    item_names: str
    due_date: str | None
    supplement_deadline: str | None
    window_number: int | None
    extension_reason: str


ALERT_LABELS = {"overdue": "已超期", "due_soon": "即将到期", "supplement_overdue": "容缺逾期未补正"}


def negative_ratings(session, hall_id: str, today: date, *, include_rectified: bool = False
                     ) -> list[NegativeRatingRow]:
    q = select(Rating).where(Rating.hall_id == hall_id, Rating.level.in_(sorted(r.NEGATIVE)))
    if not include_rectified:
        q = q.where(Rating.follow_status != r.FOLLOW_RECTIFIED)
    rows = session.scalars(q.order_by(Rating.follow_up_due, Rating.rated_at_ms)).all()
    out = []
    for row in rows:
        late = (row.follow_status != r.FOLLOW_RECTIFIED and row.follow_up_due is not None
                and today.isoformat() > row.follow_up_due)
        reason_names = r.REASONS.get(row.level, {})
        out.append(NegativeRatingRow(row.id, row.case_id, row.case_number, row.level, r.LEVELS[row.level],
                                     tuple(reason_names.get(x, x) for x in row.reasons), row.text,
                                     row.window_number, row.clerk, row.follow_up_due, row.follow_status, late))
    return out


def case_alerts(session, hall_id: str, today: date, calendar: WorkdayCalendar, *,
                soon_days: int = DUE_SOON_DAYS) -> list[CaseAlertRow]:
    """Cases past their promised date, due within ``soon_days`` working days, or deferred past the deadline."""
    today_iso = today.isoformat()
    soon = calendar.add_working_days(today, soon_days).isoformat()
    rows = session.scalars(select(Case).where(
        Case.hall_id == hall_id, Case.status.in_(sorted(d.IN_PROGRESS)),
        (Case.due_date <= soon) | ((Case.status == d.ACCEPTED_DEFERRED) & (Case.supplement_deadline < today_iso)))
        .order_by(Case.due_date)).all()
    out = []
    for c in rows:
        kinds = []
        if c.status == d.ACCEPTED_DEFERRED and c.supplement_deadline and c.supplement_deadline < today_iso:
            kinds.append("supplement_overdue")
        if c.due_date and c.due_date < today_iso:
            kinds.append("overdue")
        elif c.due_date and c.due_date <= soon:
            kinds.append("due_soon")
        for kind in kinds:
            name = pii.open_value(pii.cipher_of(session), f"case:{c.id}", "applicant_name", c.applicant_name)
            out.append(CaseAlertRow(c.id, c.case_number, kind, ALERT_LABELS[kind], c.status, name,
                                    c.item_names, c.due_date, c.supplement_deadline, c.window_number,
                                    c.extension_reason))
    order = {"supplement_overdue": 0, "overdue": 1, "due_soon": 2}
    return sorted(out, key=lambda a: (order[a.kind], a.due_date or "", a.case_number))


class SupervisionService:
    def __init__(self, store: Store):
        self.store = store

    def today(self) -> date:
        return hall_date(self.store.now_ms())

    def negative_ratings(self, *, include_rectified: bool = False) -> list[NegativeRatingRow]:
        with self.store.read() as s:
            return negative_ratings(s, self.store.hall_id, self.today(), include_rectified=include_rectified)

    def calendar_notice(self) -> str:
        """"" unless a year the hall needs now (next year from 1 November) has no published holidays."""
        from desk_app.domain.workdays import calendar_warning
        return calendar_warning(hall_calendar(self.store), self.today())

    def case_alerts(self, *, soon_days: int = DUE_SOON_DAYS) -> list[CaseAlertRow]:
        with self.store.read() as s:
            return case_alerts(s, self.store.hall_id, self.today(), read_calendar(s), soon_days=soon_days)
