"""Ratings (好差评): five levels given by the applicant, never by default, and the follow-up of negative ones."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError, ValidationError
from desk_app.domain.events import Event, ordered, register

RATING_REQUESTED = register("rating.requested", "rating").name
RATING_SUBMITTED = register("rating.submitted", "rating").name
RATING_LEFT_PENDING = register("rating.left_pending", "rating").name
RATING_FOLLOWED_UP = register("rating.followed_up", "rating").name
RATING_RECTIFIED = register("rating.rectified", "rating").name

LEVELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
NEGATIVE = frozenset({1, 2})
MAX_TEXT = 150

# Reason codes offered per level (the applicant may pick several).
REASONS: dict[int, dict[str, str]] = {
    5: {"warm": "服务热情周到", "fast": "办事高效快捷", "once": "一次办好", "clear": "指引清晰明白",
        "env": "环境舒适便利"},
    4: {"warm": "服务热情周到", "fast": "办事高效快捷", "clear": "指引清晰明白", "env": "环境舒适便利"},
    3: {"wait": "等候时间较长", "process": "流程有待简化", "explain": "解释不够清楚", "other": "其他"},
    2: {"attitude": "服务态度不好", "wait": "等候时间过长", "runs": "多次跑动", "unclear": "材料要求不清楚",
        "slow": "办理效率低", "other": "其他"},
    1: {"attitude": "服务态度恶劣", "runs": "多次跑动仍未办成", "passing": "推诿扯皮", "slow": "超时未办结",
        "unclear": "一次性告知不到位", "fee": "违规收费", "other": "其他"},
}

REQUESTED = "requested"
PENDING_RATING = "pending"   # the applicant left without rating: never a default level
SUBMITTED = "submitted"

# Follow-up states of negative ratings
FOLLOW_OPEN = "open"
FOLLOW_IN_PROGRESS = "in_progress"
FOLLOW_RECTIFIED = "rectified"


@dataclass(frozen=True)
class RatingState:
    id: str
    hall_id: str
    case_id: str
    case_number: str
    status: str
    window_number: int | None = None
    clerk: str = ""
    requested_at_ms: int = 0
    level: int | None = None
    reasons: tuple[str, ...] = ()
    text: str = ""
    rated_at_ms: int = 0
    rated_on: str | None = None
    follow_up_due: str | None = None
    follow_status: str = ""
    follow_ups: tuple[dict[str, Any], ...] = ()
    conflicts: tuple[dict[str, Any], ...] = ()

    @property
    def negative(self) -> bool:
        return self.level in NEGATIVE


def validate_rating(level: Any, reasons: Iterable[str], text: str) -> tuple[int, list[str], str]:
    """The applicant's own choice, checked. There is deliberately no default for ``level``."""
    if type(level) is not int or level not in LEVELS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请选择评价等级（1至5）。"), field="level")
    allowed = REASONS[level]
    reasons = list(dict.fromkeys(reasons))
    bad = [r for r in reasons if r not in allowed]
    if bad:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "所选评价原因与评价等级不符，请重新选择。"), field="reasons")
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "评价内容最多{max_text}字，当前{text_count}字。"),
                              max_text=MAX_TEXT, text_count=len(text), field="text")
    if level in NEGATIVE and not reasons and not text:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请选择不满意的原因或填写意见，以便我们整改。"), field="reasons")
    return level, reasons, text


def check_submittable(state: RatingState) -> None:
    if state.status == SUBMITTED:
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "办件 {case_number} 已评价，不能重复评价。"),
                            case_number=state.case_number, field="level")


def fold_rating(events: Iterable[Event]) -> RatingState | None:
    state: RatingState | None = None
    for ev in ordered(list(events)):
        p = ev.payload
        if ev.type == RATING_REQUESTED:
            if state is None:
                state = RatingState(id=ev.aggregate_id, hall_id=ev.hall, case_id=p["case_id"],
                                    case_number=p.get("case_number", ""), status=REQUESTED,
                                    window_number=p.get("window_number"), clerk=p.get("clerk", ev.actor),
                                    requested_at_ms=p.get("requested_at_ms", 0))
            continue
        if state is None:
            continue
        if ev.type == RATING_SUBMITTED:
            if state.status == SUBMITTED:  # one rating per request: the first by HLC wins
                state = replace(state, conflicts=state.conflicts + ({"event_id": ev.id, "type": ev.type},))
                continue
            negative = p["level"] in NEGATIVE
            state = replace(state, status=SUBMITTED, level=p["level"], reasons=tuple(p.get("reasons", [])),
                            text=p.get("text", ""), rated_at_ms=p.get("rated_at_ms", 0),
                            rated_on=p.get("rated_on"), follow_up_due=p.get("follow_up_due") if negative else None,
                            follow_status=FOLLOW_OPEN if negative else "")
        elif ev.type == RATING_LEFT_PENDING:
            if state.status == REQUESTED:  # a later real rating still wins over "left"
                state = replace(state, status=PENDING_RATING)
        elif ev.type == RATING_FOLLOWED_UP:
            if state.negative and state.follow_status != FOLLOW_RECTIFIED:
                state = replace(state, follow_status=FOLLOW_IN_PROGRESS,
                                follow_ups=state.follow_ups + ({**p, "actor": ev.actor},))
        elif ev.type == RATING_RECTIFIED:
            if state.negative:
                state = replace(state, follow_status=FOLLOW_RECTIFIED,
                                follow_ups=state.follow_ups + ({**p, "actor": ev.actor, "rectified": True},))
    return state
