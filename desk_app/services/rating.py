"""Rating use cases: ask for a rating, record the applicant's own choice or that they left, follow up negatives."""
from __future__ import annotations

from typing import Any, Iterable

from sqlalchemy import select

from desk_app.domain import rating as r
from desk_app.domain.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import hall_date
from desk_app.services.calendar import read_calendar
from desk_app.services.intake import load_case
from desk_app.store.database import Store, UnitOfWork
from desk_app.store.models import Rating
from desk_app.store.reducer import aggregate_events

FOLLOW_UP_DAYS = 15  # negative ratings are rectified within 15 working days (national 好差评 rules)


def load_rating(session: Any, rating_id: str) -> r.RatingState:
    state = r.fold_rating(aggregate_events(session, f"rating:{rating_id}"))
    if state is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到该评价记录。"), field="rating")
    return state


def request_rating(uow: UnitOfWork, case_id: str, *, window_number: int | None = None) -> r.RatingState:
    """Open a rating for the case; asking again while one is open returns the open one."""
    case = load_case(uow.session, case_id)
    open_id = uow.session.scalar(select(Rating.id).where(Rating.case_id == case_id,
                                                          Rating.status == r.REQUESTED))
    if open_id:
        return load_rating(uow.session, open_id)
    rating_id = new_id()
    uow.emit(r.RATING_REQUESTED, f"rating:{rating_id}", {
        "case_id": case_id, "case_number": case.case_number, "window_number": window_number,
        "clerk": uow.actor, "requested_at_ms": uow.now_ms()})
    return load_rating(uow.session, rating_id)


def submit_rating(uow: UnitOfWork, rating_id: str, *, level: Any, reasons: Iterable[str] = (),
                  text: str = "") -> r.RatingState:
    """Record what the applicant chose. There is no default level and no timeout path to this function."""
    level, reasons_, text_ = r.validate_rating(level, reasons, text)
    state = load_rating(uow.session, rating_id)
    r.check_submittable(state)
    now = uow.now_ms()
    today = hall_date(now)
    payload: dict[str, Any] = {"level": level, "reasons": reasons_, "text": text_, "rated_at_ms": now,
                               "rated_on": today.isoformat()}
    if level in r.NEGATIVE:
        payload["follow_up_due"] = read_calendar(uow.session).add_working_days(today, FOLLOW_UP_DAYS).isoformat()
    uow.emit(r.RATING_SUBMITTED, f"rating:{rating_id}", payload, actor="applicant")
    return load_rating(uow.session, rating_id)


def applicant_left(uow: UnitOfWork, rating_id: str) -> r.RatingState:
    """The applicant went away without rating: the case stays "pending rating"; nothing is made up."""
    state = load_rating(uow.session, rating_id)
    if state.status != r.REQUESTED:
        return state
    uow.emit(r.RATING_LEFT_PENDING, f"rating:{rating_id}", {"at_ms": uow.now_ms()})
    return load_rating(uow.session, rating_id)


def follow_up(uow: UnitOfWork, rating_id: str, note: str, *, rectified: bool = False) -> r.RatingState:
    state = load_rating(uow.session, rating_id)
    if not state.negative:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "只有差评（不满意、非常不满意）需要回访整改。"), field="rating")
    note = (note or "").strip()
    if not note:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请写明回访或整改情况。"), field="note")
    if len(note) > 300:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "情况说明最多300字。"), field="note")
    if state.follow_status == r.FOLLOW_RECTIFIED:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "该差评已整改完毕。"), field="rating")
    uow.emit(r.RATING_RECTIFIED if rectified else r.RATING_FOLLOWED_UP, f"rating:{rating_id}",
             {"note": note, "on": hall_date(uow.now_ms()).isoformat()})
    return load_rating(uow.session, rating_id)


class RatingService:
    def __init__(self, store: Store, *, actor: str = "", window_number: int | None = None):
        self.store = store
        self.actor = actor
        self.window_number = window_number

    def request(self, case_id: str) -> r.RatingState:
        with self.store.write(self.actor) as uow:
            return request_rating(uow, case_id, window_number=self.window_number)

    def submit(self, rating_id: str, *, level: Any, reasons: Iterable[str] = (), text: str = "") -> r.RatingState:
        with self.store.write(self.actor) as uow:
            return submit_rating(uow, rating_id, level=level, reasons=reasons, text=text)

    def applicant_left(self, rating_id: str) -> r.RatingState:
        with self.store.write(self.actor) as uow:
            return applicant_left(uow, rating_id)

    def follow_up(self, rating_id: str, note: str, *, rectified: bool = False) -> r.RatingState:
        with self.store.write(self.actor) as uow:
            return follow_up(uow, rating_id, note, rectified=rectified)

    def get(self, rating_id: str) -> r.RatingState:
        with self.store.read() as s:
            return load_rating(s, rating_id)

    def for_case(self, case_id: str) -> list[r.RatingState]:
        with self.store.read() as s:
            ids = s.scalars(select(Rating.id).where(Rating.case_id == case_id)).all()
            return [load_rating(s, i) for i in ids]
