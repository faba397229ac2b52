"""Complaints at the 办不成事 window: what could not get done, linked to a ticket or case, followed to resolution."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Iterable

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.domain.events import Event, ordered, register

COMPLAINT_RECORDED = register("complaint.recorded", "complaint").name
COMPLAINT_PROGRESSED = register("complaint.progressed", "complaint").name
COMPLAINT_RESOLVED = register("complaint.resolved", "complaint").name
COMPLAINT_PII_PURGED = register("complaint.pii_purged", "complaint").name  # retention: the complainant is erased

CATEGORIES = {
    "not_done": "事项未能办成",
    "runs": "多次跑动",
    "passing": "推诿扯皮",
    "no_basis": "要求提供无依据材料",
    "slow": "超时未办结",
    "attitude": "服务态度",
    "system": "系统或设备故障",
    "other": "其他",
}
RECORDED = "recorded"
IN_PROGRESS = "in_progress"
RESOLVED = "resolved"
STATUS_LABELS = {RECORDED: "已登记", IN_PROGRESS: "办理中", RESOLVED: "已办结"}
MAX_TEXT = 500


@dataclass(frozen=True)
class ComplaintState:
    id: str
    hall_id: str
    number: str
    status: str
    category: str
    description: str
    complainant_name: str = ""
    phone: str = ""
    ticket_id: str | None = None
    ticket_number: str = ""
    case_id: str | None = None
    case_number: str = ""
    window_number: int | None = None
    recorded_by: str = ""
    recorded_at_ms: int = 0
    recorded_on: str = ""
    due_date: str | None = None
    handler: str = ""
    progress: tuple[dict[str, Any], ...] = ()
    resolution: str = ""
    resolved_on: str | None = None
    satisfied: bool | None = None
    pii_purged_on: str | None = None  # the retention purge erased the complainant (services/retention.py)


def validate_complaint(category: str, description: str) -> tuple[str, str]:
    if category not in CATEGORIES:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请选择反映问题的类别。"), field="category")
    description = (description or "").strip()
    if not description:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请写明没有办成的事情和经过。"), field="description")
    if len(description) > MAX_TEXT:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "问题描述最多{max_text}字。"), max_text=MAX_TEXT, field="description")
    return category, description


def fold_complaint(events: Iterable[Event]) -> ComplaintState | None:
    state: ComplaintState | None = None
    for ev in ordered(list(events)):
        p = ev.payload
        if ev.type == COMPLAINT_RECORDED:
            if state is None:
                state = ComplaintState(
                    id=ev.aggregate_id, hall_id=ev.hall, number=p["number"], status=RECORDED,
                    category=p["category"], description=p["description"],
                    complainant_name=p.get("complainant_name", ""), phone=p.get("phone", ""),
                    ticket_id=p.get("ticket_id"), ticket_number=p.get("ticket_number", ""),
                    case_id=p.get("case_id"), case_number=p.get("case_number", ""),
                    window_number=p.get("window_number"), recorded_by=ev.actor,
                    recorded_at_ms=p.get("recorded_at_ms", 0), recorded_on=p.get("recorded_on", ""),
                    due_date=p.get("due_date"))
            continue
        if ev.type == COMPLAINT_PII_PURGED:
            if state is not None and state.status == RESOLVED:  # only a resolved complaint is purged
                state = replace(state, complainant_name="", phone="", pii_purged_on=p.get("purged_on"))
            continue
        if state is None or state.status == RESOLVED:
            continue  # a resolution is final; later notes from offline PCs do not reopen it
        if ev.type == COMPLAINT_PROGRESSED:
            state = replace(state, status=IN_PROGRESS, handler=p.get("handler", state.handler),
                            progress=state.progress + ({**p, "actor": ev.actor},))
        elif ev.type == COMPLAINT_RESOLVED:
            state = replace(state, status=RESOLVED, resolution=p["resolution"],
                            resolved_on=p.get("resolved_on"), satisfied=p.get("satisfied"))
    return state
