"""Booking rules for appointments: the day's slots and their capacity, who books, the code handed out."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Callable

from desk_app.domain import validators
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError, ValidationError
from desk_app.domain.timeutil import hall_date, local_datetime, ms_of

_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class SlotRules:
    """The hall's booking hours (e.g. "09:00-12:00,13:30-17:00"), slot length, bookings a slot takes per
    category, and how many days ahead one may book. Read from settings (PC) or the published settings (server)."""
    hours: tuple[tuple[time, time], ...] = ((time(9), time(12)), (time(13, 30), time(17)))
    slot_min: int = 30
    capacity: int = 4
    days_ahead: int = 7

    @classmethod
    def from_settings(cls, get: Any) -> "SlotRules":
        """``get(key)`` reads a setting (None when absent); a malformed value falls back to the default."""
        base = cls()

        def num(key: str, default: int, low: int, high: int) -> int:
            try:
                v = int(get(key))
            except (KeyError, TypeError, ValueError):
                return default
            return v if low <= v <= high else default
        try:
            hours = parse_hours(str(get("queue.appointment_hours")))
        except (KeyError, TypeError, ValidationError):
            hours = base.hours
        return cls(hours=hours, slot_min=num("queue.appointment_slot_min", base.slot_min, 5, 240),
                   capacity=num("queue.appointment_capacity", base.capacity, 0, 500),
                   days_ahead=num("queue.appointment_days_ahead", base.days_ahead, 0, 90))


def parse_hours(text: str) -> tuple[tuple[time, time], ...]:
    out = []
    for part in text.replace("，", ",").split(","):
        m = _HOURS.match(part)
        if not m:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "预约时间段“{part}”格式不对，应写成 09:00-12:00，多段用逗号分开。"),
                                  part=part.strip(),
                                  field="queue.appointment_hours")
        h1, m1, h2, m2 = (int(x) for x in m.groups())
        if not (h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60) or (h1, m1) >= (h2, m2):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "预约时间段“{part}”的结束时间应晚于开始时间。"),
                                  part=part.strip(),
                                  field="queue.appointment_hours")
        out.append((time(h1, m1), time(h2, m2)))
    return tuple(out)


def day_slots(day: date, rules: SlotRules) -> list[tuple[int, int]]:
    """The bookable slots of ``day``: (start, end) in Unix ms, hall-local times, in order."""
    slots = []
    step = timedelta(minutes=rules.slot_min)
    for start, end in rules.hours:
        t, stop = datetime.combine(day, start), datetime.combine(day, end)
        while t + step <= stop:
            slots.append((ms_of(t), ms_of(t + step)))
            t += step
    return slots


@dataclass(frozen=True)
class Applicant:
    name: str
    phone: str
    resident_id: str = ""


def validate_applicant(name: str, phone: str, resident_id: str = "") -> Applicant:
    """The booker's name and mobile (needed to reach them), the ID number optional (checked when given)."""
    name = re.sub(r"\s+", " ", (name or "").strip())
    if not name:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请填写预约人姓名。"), field="name")
    if len(name) > 30 or any(c.isdigit() for c in name):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "姓名应为 30 个字以内，不含数字。请核对后重新输入。"), field="name")
    phone = validators.validate_mobile(phone, field="phone")
    rid = validators.validate_resident_id(resident_id, field="resident_id") if (resident_id or "").strip() else ""
    return Applicant(name, phone, rid)


def check_slot(slot_start_ms: int, slot_end_ms: int, category: str, rules: SlotRules, now_ms: int,
               booked_in_slot: int, is_workday: Callable[[date], bool] | None = None) -> None:
    """Refuse a slot that is not one of the day's, already over, too far ahead, on a day off, or full.

    ``is_workday``: the hall's working-day calendar (weekends and statutory holidays off, 调休 days on); it
    refuses a year it has no table for rather than guess."""
    day = hall_date(slot_start_ms)
    today = hall_date(now_ms)
    if day < today or slot_end_ms <= now_ms:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "该时段已经过去，请选择以后的时段。"), field="slot")
    if day > today + timedelta(days=rules.days_ahead):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "最多可预约 {days_ahead} 天以内的时段，请选择更早的日期。"),
                              days_ahead=rules.days_ahead, field="slot")
    if is_workday is not None and not is_workday(day):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{day:%m月%d日}不是工作日（周末或法定节假日），不能预约。请选择工作日。"),
                              day=day, field="slot")
    if (slot_start_ms, slot_end_ms) not in day_slots(day, rules):
        start = local_datetime(slot_start_ms)
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{start:%Y-%m-%d %H:%M} 不是本大厅的预约时段，请在时段列表中选择。"),
                              start=start, field="slot")
    if booked_in_slot >= rules.capacity:
        start = local_datetime(slot_start_ms)
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "{start:%m月%d日 %H:%M} 的{category}类预约已满（每个时段 {capacity} 人），"
                                                        "请选择其他时段。"), start=start, category=category,
                            capacity=rules.capacity, field="slot")


def new_code(day: date, taken: set[str], rnd: random.Random | None = None) -> str:
    """An appointment code "YY" + MMDD + 4 digits (what the barcode scanner recognises as an appointment)."""
    r = rnd or random.SystemRandom()
    for _ in range(200):
        code = f"YY{day:%m%d}{r.randrange(10_000):04d}"
        if code not in taken:
            return code
    raise ConflictError(QT_TRANSLATE_NOOP("Errors", "当天的预约码已用尽，请联系管理员。"), field="appointment_code")


def demo_code(day: date, n: int = 1) -> str:
    """The demo hall's n-th appointment of ``day`` (seeded by the demo; the simulated scanner's sample)."""
    return f"YY{day:%m%d}{n:04d}"


def booked_payload(code: str, category: str, slot_start_ms: int, slot_end_ms: int, person: Applicant, *,
                   source: str, item_code: str = "", item_name: str = "", external_id: str = "") -> dict[str, Any]:
    """The ``appointment.booked`` payload, the same from the guide desk and from desk-central's booking API."""
    payload: dict[str, Any] = {"code": code, "category": category, "slot_start_ms": slot_start_ms,
                               "slot_end_ms": slot_end_ms, "source": source}
    extra = {"name": person.name, "phone": person.phone, "resident_id": person.resident_id,
             "item_code": item_code, "item_name": item_name[:100], "external_id": external_id}
    payload.update({k: v for k, v in extra.items() if v})
    return payload
