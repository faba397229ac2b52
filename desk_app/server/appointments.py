"""desk-central's booking API for an online booking system: book, cancel and list appointments of a hall.

The booking system is enrolled like a PC (`desk-central enroll --hall H`, then `POST /v1/enroll`) and calls
with its device credential. Each booking becomes an ``appointment.booked`` event of that device, pushed
through the same path as a PC's events, so every PC of the hall pulls it and folds it with the same reducer.
A booking is idempotent by the booking system's own id (``external_id``): the same request again returns
the same appointment; a different request under a used id is refused. The name, phone and ID number are
sealed with the hall's data key (server/hall_keys.py, store/pii.py) before the event is stored, exactly as a
PC seals its own bookings: the server's tables and events hold ciphertext only, and a repeated request is
compared with the booking it repeats after opening the stored values.

Capacity, the day's codes and idempotency are checked and the event recorded under named locks
(server/booking_locks.py): the hall's day and the external id, held until the event is committed; on
PostgreSQL they are advisory locks, so several desk-central processes behind a load balancer never both book
the last place of a slot or record one external id twice. Limits: a booking waits at most
``booking_locks.WAIT_S`` for another one of the same day and is then told to retry; the device's sequence
numbers are taken under a lock of this process only (a collision with another process is retried on a new
number).
"""
# No "from __future__ import annotations": FastAPI reads the route annotations (Dev is a local) at runtime.

import asyncio
from datetime import date, datetime
from typing import Any, Callable

from anyio import to_thread
from fastapi import FastAPI, Query
from pydantic import BaseModel, ConfigDict, Field

from desk_app.domain import appointment_booking as ab
from desk_app.domain import queue_appointments as qa
from desk_app.domain import validators
from desk_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desk_app.domain.hlc import Timestamp
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import CHINA_TZ, hall_date, local_datetime, ms_of
from desk_app.domain.workdays import WorkdayCalendar
from desk_app.server import audit, core
from desk_app.server.booking_locks import BookingLocks
from desk_app.server.grouppush import PushItem
from desk_app.server.hall_keys import hall_data_key
from desk_app.store import appointment_queries as aq
from desk_app.store import pii
from desk_app.store.field_crypto import FieldCipher
from desk_app.sync.protocol import WireEvent

_EXTERNAL_ID = r"^[A-Za-z0-9_.:\-]{1,64}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class BookingIn(_Strict):
    external_id: str = Field(pattern=_EXTERNAL_ID, description="预约系统自己的预约编号（重复提交按同一预约处理）")
    category: str = Field(min_length=1, max_length=4, description="业务类别前缀，如 B")
    slot_start: datetime = Field(description="时段开始时间（不带时区按北京时间）")
    name: str = Field(min_length=1, max_length=30)
    phone: str = Field(min_length=11, max_length=20)
    resident_id: str = Field(default="", max_length=18)
    item_code: str = Field(default="", max_length=40)
    item_name: str = Field(default="", max_length=100)


class CancelIn(_Strict):
    reason: str = Field(default="", max_length=100)


class BookingOut(BaseModel):
    appointment_id: str
    external_id: str
    code: str
    status: str
    category: str
    day: str
    slot_start: datetime
    slot_end: datetime
    duplicate: bool = False


class BookingList(BaseModel):
    appointments: list[BookingOut]


class SlotOut(BaseModel):
    slot_start: datetime
    slot_end: datetime
    booked: int
    capacity: int


def _out(r: Any, *, duplicate: bool = False) -> BookingOut:
    return BookingOut(appointment_id=r.id, external_id=r.external_id or "", code=r.code, status=r.status,
                      category=r.category, day=r.day, slot_start=local_datetime(r.slot_start_ms),
                      slot_end=local_datetime(r.slot_end_ms), duplicate=duplicate)


def hall_rules(db: core.ServerDB, hall_id: str) -> tuple[ab.SlotRules, dict[str, str], WorkdayCalendar]:
    """The hall's booking rules (its published settings), its active categories (prefix -> name) and its
    working-day calendar (the package's years with the published table over them)."""
    with db.read() as s:
        settings = core.latest_body(s, "settings", [hall_id]) or {}
        cats, _windows = core.published_setup(s, hall_id)
        table = core.latest_body(s, "calendar", ["", hall_id])
    get = settings.get if isinstance(settings, dict) else (lambda _k: None)
    calendar = WorkdayCalendar().with_overrides(table) if isinstance(table, dict) and table else WorkdayCalendar()
    return ab.SlotRules.from_settings(get), {c["prefix"]: c.get("name", c["prefix"]) for c in cats
                                             if isinstance(c, dict) and c.get("prefix") and c.get("active", True)}, \
        calendar


def _by_external(db: core.ServerDB, hall_id: str, external_id: str) -> Any:
    with db.read() as s:
        return aq.by_external_id(s, hall_id, external_id)


def _ms(dt: datetime) -> int:
    return ms_of(dt if dt.tzinfo is not None else dt.replace(tzinfo=CHINA_TZ))


class BookingDesk:
    """Turns booking requests into the booking system's events, one at a time per device."""

    def __init__(self, db: core.ServerDB, push: Callable[[PushItem], Any], master: bytes):
        self.db, self._push, self._master = db, push, master  # master: unwraps the halls' data keys
        self._locks: dict[str, asyncio.Lock] = {}
        self._last_wall: dict[str, int] = {}
        self._ciphers: dict[str, FieldCipher] = {}
        self._held = BookingLocks(db)

    def _cipher(self, hall_id: str) -> FieldCipher:
        """The hall's data key (made at its first enrollment; kept here unwrapped only in memory)."""
        cipher = self._ciphers.get(hall_id)
        if cipher is None:
            with self.db.write() as s:
                cipher = FieldCipher(hall_data_key(s, hall_id, self._master))
            self._ciphers[hall_id] = cipher
        return cipher

    def _lock(self, device_id: str) -> asyncio.Lock:
        return self._locks.setdefault(device_id, asyncio.Lock())

    async def _emit(self, dev: core.DeviceAuth, type_name: str, aggregate: str, payload: dict[str, Any]) -> None:
        for _attempt in range(5):
            seq, head = await to_thread.run_sync(audit.device_head, self.db, dev.device_id)
            # the device's clock never goes back, so a cancel always sorts after its booking
            wall = max(core.now_ms(), self._last_wall.get(dev.device_id, 0) + 1)
            self._last_wall[dev.device_id] = wall
            ev = WireEvent(id=new_id(), hall=dev.hall_id, device=dev.device_id, device_seq=seq + 1,
                           hlc=Timestamp(wall, 0, dev.device_id).encode(), type=type_name, schema_version=1,
                           actor="", aggregate=aggregate, payload=payload)  # the system (domain.permissions)
            # chained like a PC's events: desk-central checks every device's chain, the booking system's too
            ev = ev.model_copy(update={"chain": audit.chain_after(head, ev)})
            resp = await self._push(PushItem(dev, [ev], core.now_ms(), ()))
            result = resp.results[0] if resp.results else None
            if result is not None and result.status in ("applied", "duplicate"):
                return
            if result is not None and result.status == "rejected" and "设备序号" not in (result.reason or ""):
                raise ValidationError(f"预约未能记录：{result.reason}", field="appointment")
            # another process took the sequence number first: take the next one
        raise ConflictError("预约记录冲突，请稍后重试。", field="appointment")

    async def book(self, dev: core.DeviceAuth, req: BookingIn) -> BookingOut:
        start_ms = _ms(req.slot_start)
        # the day, not the slot: the day's codes must differ too (codes_of_day), whatever the category
        async with self._lock(dev.device_id), self._held.hold(_ext_lock(dev, req.external_id),
                                                              f"{dev.hall_id}:day:{hall_date(start_ms)}"):
            cipher = await to_thread.run_sync(self._cipher, dev.hall_id)
            old = await to_thread.run_sync(_by_external, self.db, dev.hall_id, req.external_id)
            if old is not None:
                agg = f"appointment:{old.id}"
                name, phone = (pii.open_value(cipher, agg, k, getattr(old, k) or "") for k in ("name", "phone"))
                if (old.category, old.slot_start_ms, name, phone) != (req.category, start_ms, req.name,
                                                                      _phone(req.phone)):
                    raise ConflictError(f"预约编号 {req.external_id} 已用于另一预约（{old.day} {old.category} 类），"
                                        "请换一个编号，或先取消原预约。", field="external_id")
                return _out(old, duplicate=True)
            rules, cats, calendar = await to_thread.run_sync(hall_rules, self.db, dev.hall_id)
            if req.category not in cats:
                known = "、".join(f"{p}（{n}）" for p, n in cats.items()) or "（本大厅尚未发布业务类别）"
                raise ValidationError(f"没有业务类别“{req.category}”。可预约的类别：{known}。", field="category")
            day = hall_date(start_ms)
            end_ms = next((b for a, b in ab.day_slots(day, rules) if a == start_ms), start_ms + rules.slot_min * 60_000)
            person = ab.validate_applicant(req.name, req.phone, req.resident_id)
            booked, taken = await to_thread.run_sync(self._slot_state, dev.hall_id, req.category, start_ms, day)
            ab.check_slot(start_ms, end_ms, cats[req.category], rules, core.now_ms(), booked, calendar.is_workday)
            appt_id = new_id()
            payload = ab.booked_payload(ab.new_code(day, taken), req.category, start_ms, end_ms, person,
                                        source="online", item_code=req.item_code, item_name=req.item_name,
                                        external_id=req.external_id)
            payload = pii.seal_payload(cipher, qa.APPOINTMENT_BOOKED, f"appointment:{appt_id}", payload)
            await self._emit(dev, qa.APPOINTMENT_BOOKED, f"appointment:{appt_id}", payload)
            row = await to_thread.run_sync(_by_external, self.db, dev.hall_id, req.external_id)
            return _out(row)

    def _slot_state(self, hall_id: str, category: str, start_ms: int, day: date) -> tuple[int, set[str]]:
        with self.db.read() as s:
            return aq.booked_in_slot(s, hall_id, category, start_ms), aq.codes_of_day(s, hall_id, day)

    async def cancel(self, dev: core.DeviceAuth, external_id: str, req: CancelIn) -> BookingOut:
        async with self._lock(dev.device_id), self._held.hold(_ext_lock(dev, external_id)):
            row = await to_thread.run_sync(_by_external, self.db, dev.hall_id, external_id)
            if row is None:
                raise NotFoundError(f"没有预约编号为 {external_id} 的预约。", field="external_id")
            if row.status == qa.CHECKED_IN:
                raise ConflictError(f"预约 {external_id} 已在大厅签到取号，不能取消。", field="external_id")
            if row.status == qa.CANCELLED:
                return _out(row, duplicate=True)
            await self._emit(dev, qa.APPOINTMENT_CANCELLED, f"appointment:{row.id}", {"reason": req.reason})
            return _out(await to_thread.run_sync(_by_external, self.db, dev.hall_id, external_id))


def _ext_lock(dev: core.DeviceAuth, external_id: str) -> str:
    return f"{dev.hall_id}:external:{external_id}"


def _phone(text: str) -> str:
    """The mobile as stored (normalised), to compare a repeated request with the booking it repeats."""
    return validators.validate_mobile(text) if validators.is_valid_mobile(text) else text


def register(app: FastAPI, db: core.ServerDB, push: Callable[[PushItem], Any], Dev: Any,  # noqa: N803
             master: bytes) -> None:
    """Add the booking routes to desk-central's app (``Dev``: its device-credential dependency; ``master``: the
    server master key, server/hall_keys.py)."""
    desk = BookingDesk(db, push, master)

    @app.post("/v1/appointments", response_model=BookingOut)
    async def book(req: BookingIn, dev: Dev) -> BookingOut:
        return await desk.book(dev, req)

    @app.post("/v1/appointments/{external_id}/cancel", response_model=BookingOut)
    async def cancel(external_id: str, req: CancelIn, dev: Dev) -> BookingOut:
        return await desk.cancel(dev, external_id, req)

    @app.get("/v1/appointments", response_model=BookingList)
    async def list_(dev: Dev, day: date, category: str | None = Query(default=None, max_length=4)) -> BookingList:
        def work() -> list[BookingOut]:
            with db.read() as s:
                return [_out(r) for r in aq.of_day(s, dev.hall_id, day.isoformat(), category)]
        return BookingList(appointments=await to_thread.run_sync(work))

    @app.get("/v1/appointments/slots", response_model=list[SlotOut])
    async def slots(dev: Dev, day: date, category: str = Query(min_length=1, max_length=4)) -> list[SlotOut]:
        def work() -> list[SlotOut]:
            rules, _cats, calendar = hall_rules(db, dev.hall_id)
            if not calendar.is_workday(day):
                return []  # a day off: nothing to book
            with db.read() as s:
                counts = aq.slot_counts(s, dev.hall_id, day, category)
            return [SlotOut(slot_start=local_datetime(a), slot_end=local_datetime(b), booked=counts.get(a, 0),
                            capacity=rules.capacity) for a, b in ab.day_slots(day, rules)]
        return await to_thread.run_sync(work)
