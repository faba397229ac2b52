"""Appointments (预约): booking and check-in events, the fold, reading a typed or scanned code, and the check-in window."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlparse

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from desk_app.domain.events import Event, ordered, register
from desk_app.domain.timeutil import hall_day, local_datetime

APPOINTMENT_BOOKED = register("appointment.booked", "appointment").name
APPOINTMENT_CHECKED_IN = register("appointment.checked_in", "appointment").name
APPOINTMENT_CANCELLED = register("appointment.cancelled", "appointment").name
APPOINTMENT_PII_PURGED = register("appointment.pii_purged", "appointment").name  # retention: the booker is erased

BOOKED = "booked"
CHECKED_IN = "checked_in"
CANCELLED = "cancelled"

_CODE = re.compile(r"^[A-Z0-9]{6,16}$")


@dataclass(frozen=True)
class AppointmentState:
    id: str
    hall_id: str
    code: str
    category: str
    day: str
    slot_start_ms: int
    slot_end_ms: int
    status: str = BOOKED
    ticket_id: str | None = None
    conflicts: tuple[str, ...] = ()  # ids of check-in events that lost to an earlier one
    name: str = ""            # the booker: shown to the guide at check-in, never on the hall display
    phone: str = ""
    resident_id: str = ""
    item_code: str = ""
    item_name: str = ""
    source: str = ""          # guide_desk | online | demo
    external_id: str = ""     # the online booking system's id (idempotency)
    pii_purged_on: str | None = None  # the retention purge erased the booker (services/retention.py)


_PERSON = ("name", "phone", "resident_id", "item_code", "item_name", "source", "external_id")


def fold_appointment(events: list[Event]) -> AppointmentState | None:
    state: AppointmentState | None = None
    for ev in ordered(events):
        p = ev.payload
        if ev.type == APPOINTMENT_BOOKED and state is None:
            state = AppointmentState(
                id=ev.aggregate_id, hall_id=ev.hall, code=p["code"], category=p["category"],
                day=hall_day(p["slot_start_ms"]), slot_start_ms=p["slot_start_ms"],
                slot_end_ms=p["slot_end_ms"], **{k: str(p.get(k) or "") for k in _PERSON})
        elif state is None:
            continue
        elif ev.type == APPOINTMENT_CHECKED_IN:
            if state.status == BOOKED:
                state = replace(state, status=CHECKED_IN, ticket_id=p.get("ticket_id"))
            else:  # two guide desks checked in the same code offline: the earlier one wins
                state = replace(state, conflicts=(*state.conflicts, ev.id))
        elif ev.type == APPOINTMENT_CANCELLED and state.status == BOOKED:
            state = replace(state, status=CANCELLED)
        elif ev.type == APPOINTMENT_PII_PURGED:
            # whatever its status: the slot is long past; what was booked stays, who booked it goes
            state = replace(state, name="", phone="", resident_id="", pii_purged_on=p.get("purged_on"))
    return state


def normalize_code(raw: str) -> str:
    """The appointment code from what was typed or scanned (plain code, "YY:code" or a link with ?code=)."""
    text = (raw or "").strip()
    if text.lower().startswith(("http://", "https://")):
        qs = parse_qs(urlparse(text).query)
        text = (qs.get("code") or qs.get("yycode") or [""])[0]
    for prefix in ("YY:", "yy:", "APPT:", "appt:"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    code = text.replace(" ", "").replace("-", "").upper()
    if not _CODE.match(code):
        shown = raw.strip()[:20] if raw and raw.strip().isprintable() else "（不可显示的字符）"
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "无法识别的预约码：{shown}。请核对后重新输入或扫描预约短信中的二维码。"),
                              shown=shown,
                              field="appointment_code")
    return code


@dataclass(frozen=True)
class CheckInDecision:
    on_time: bool  # False: late, queued in walk-in order


def check_in_decision(appt: AppointmentState | None, code: str, now_ms: int,
                      early_min: int, late_min: int) -> CheckInDecision:
    """Whether the appointment may check in now, and whether it keeps its appointment place."""
    if appt is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "预约码 {code} 不存在。请核对预约码，或按普通号取号。"), code=code, field="appointment_code")
    if appt.status == CHECKED_IN:
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "预约码 {code} 已签到使用过，不能重复取号。"), code=code, field="appointment_code")
    if appt.status == CANCELLED:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "预约码 {code} 的预约已取消。请按普通号取号。"), code=code, field="appointment_code")
    today = hall_day(now_ms)
    start = local_datetime(appt.slot_start_ms)
    if appt.day < today:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "预约码 {code} 是 {day} 的预约，已过期。请按普通号取号或重新预约。"),
                              code=code, day=appt.day,
                              field="appointment_code")
    if now_ms < appt.slot_start_ms - early_min * 60_000:
        raise ValidationError(
            QT_TRANSLATE_NOOP("Errors", "预约码 {code} 的预约时段为 {day} {start:%H:%M}，最早可提前 {early_min} 分钟签到。请稍后再来。"),
            code=code, day=appt.day, start=start, early_min=early_min,
            field="appointment_code")
    return CheckInDecision(on_time=now_ms <= appt.slot_start_ms + late_min * 60_000)
