"""Payload schemas of every event type and schema version, with the size and depth limits the PC and desk-central share.

An event the reducer cannot fold must never be stored: once it is in the log it is replicated to every
PC and breaks the fold of its aggregate everywhere. So the PC checks each payload before writing it
(``UnitOfWork.emit`` and pulled events) and desk-central checks it before storing a pushed one, with
the same models and limits. Strings are bounded (names above all), numbers are plain JSON numbers.
"""
from __future__ import annotations

import json
import math
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic import ValidationError as PydanticError

from desk_app.store.field_crypto import sealed_chars

MAX_PAYLOAD_CHARS = 64_000    # one event's payload, as canonical JSON
MAX_DEPTH = 8                 # nesting of objects and lists in a payload
MAX_JSON_INT = 2 ** 53        # beyond this a number is not exact in JavaScript nor in a float column
NAME_CHARS = 100              # any person's or organisation's name


def _s(n: int) -> Any:
    return Annotated[str, StringConstraints(max_length=n)]


def _pii(n: int) -> Any:
    """A personal field: at most ``n`` characters in the clear, or that value sealed (store/pii.py)."""
    def plain_limit(value: str) -> str:
        if len(value) > n and not value.startswith(("sm4g1:", "purged:")):
            raise ValueError(f"最多 {n} 个字符")
        return value
    return Annotated[str, StringConstraints(max_length=sealed_chars(n)), AfterValidator(plain_limit)]


Name = _s(NAME_CHARS)
PiiName = _pii(NAME_CHARS)
Id = _s(64)
Sha = _s(64)
Code = _s(60)
Prefix = _s(4)
Short = _s(200)
Text = _s(5000)
Day = Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Ms = Annotated[int, Field(ge=0, le=MAX_JSON_INT)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
WindowNo = Annotated[int, Field(ge=0, le=10_000)]


class _Payload(BaseModel):
    # strict: "1" is not a number and 1 is not a string (the folds compare and sort these values).
    model_config = ConfigDict(extra="forbid", strict=True)


# ---------------------------------------------------------------------------- queue
class TicketIssued(_Payload):
    day: Day
    category: Prefix
    seq: Count
    number: _s(12)
    issued_at_ms: Ms
    priority_group: _s(40) = ""
    appointment_id: Optional[Id] = None
    handed_out: bool = True
    appt_slot_ms: Optional[Ms] = None


class TicketAt(_Payload):
    at_ms: Optional[Ms] = None
    reason: Short = ""


class TicketAction(_Payload):
    window: Optional[WindowNo] = None
    at_ms: Optional[Ms] = None
    clerk: Code = ""
    reason: Short = ""
    lane: _s(20) = ""


class TicketTransferred(TicketAction):
    to_category: Optional[Prefix] = None
    to_window: Optional[WindowNo] = None
    to_clerk: Code = ""


class WindowEvent(_Payload):
    number: WindowNo
    window: Optional[WindowNo] = None
    reason: Short = ""
    categories: Optional[Annotated[list[Prefix], Field(max_length=100)]] = None


class QueueDayCategory(_Payload):
    category: Prefix


class QueueDayClosed(_Payload):
    at_ms: Optional[Ms] = None


class AppointmentBooked(_Payload):
    code: Code
    category: Prefix
    slot_start_ms: Ms
    slot_end_ms: Ms
    source: _s(20) = ""
    name: PiiName = ""
    phone: _pii(20) = ""
    resident_id: _pii(18) = ""
    item_code: Code = ""
    item_name: Name = ""
    external_id: _s(100) = ""


class AppointmentCheckedIn(_Payload):
    ticket_id: Optional[Id] = None
    on_time: bool = True


class AppointmentCancelled(_Payload):
    reason: Short = ""
    at_ms: Optional[Ms] = None


class AppointmentPiiPurged(_Payload):
    purged_on: Day
    day: Optional[Day] = None  # the slot's day
    retention_years: Annotated[int, Field(ge=1, le=100)]


# ---------------------------------------------------------------------------- rating, complaint
class RatingRequested(_Payload):
    case_id: Optional[Id] = None
    case_number: Code = ""
    window_number: Optional[WindowNo] = None
    clerk: Code = ""
    requested_at_ms: Optional[Ms] = None


class RatingSubmitted(_Payload):
    level: Annotated[int, Field(ge=1, le=5)]
    reasons: Annotated[list[_s(40)], Field(max_length=30)] = []
    text: _s(150) = ""
    rated_at_ms: Optional[Ms] = None
    rated_on: Optional[Day] = None
    follow_up_due: Optional[Day] = None


class RatingAt(_Payload):
    at_ms: Optional[Ms] = None


class RatingFollowUp(_Payload):
    note: _s(300)
    on: Optional[Day] = None


class ComplaintRecorded(_Payload):
    number: Code
    category: _s(40) = ""
    description: Text = ""
    complainant_name: PiiName = ""
    phone: _pii(30) = ""
    ticket_id: Optional[Id] = None
    ticket_number: _s(12) = ""
    case_id: Optional[Id] = None
    case_number: Code = ""
    window_number: Optional[WindowNo] = None
    recorded_at_ms: Optional[Ms] = None
    recorded_on: Optional[Day] = None
    due_date: Optional[Day] = None


class ComplaintProgressed(_Payload):
    note: _s(300) = ""
    handler: Code = ""
    on: Optional[Day] = None


class ComplaintResolved(_Payload):
    resolution: _s(500) = ""
    satisfied: Optional[bool] = None
    resolved_on: Optional[Day] = None


class ComplaintPiiPurged(_Payload):
    purged_on: Day
    resolved_on: Optional[Day] = None
    retention_years: Annotated[int, Field(ge=1, le=100)]


# ---------------------------------------------------------------------------- attachments, printouts
class AttachmentAdded(_Payload):
    size: Annotated[int, Field(ge=0, le=MAX_JSON_INT)]
    media_type: _s(100) = ""
    filename: _s(255) = ""
    case_id: Optional[Id] = None
    material_id: Optional[Id] = None
    kind: _s(20) = ""
    created_at_ms: Optional[Ms] = None
    attachments: Annotated[list[Sha], Field(max_length=20)] = []


class PrintoutIssued(_Payload):
    kind: _s(40)
    number: Code
    case_id: Optional[Id] = None
    word: _s(40) = ""
    year: Annotated[int, Field(ge=0, le=9999)] = 0
    series: _s(60) = ""
    seq: Count = 0
    sha256: Sha = ""
    copies: Count = 0
    printer: Short = ""
    at_ms: Optional[Ms] = None
    data: dict[str, Any] = {}


class PrintoutReprinted(_Payload):
    sha256: Sha = ""
    copies: Count = 0
    printer: Short = ""
    at_ms: Optional[Ms] = None


# ---------------------------------------------------------------------------- cases
Items = Annotated[list[dict[str, Any]], Field(max_length=100)]
Materials = Annotated[list[dict[str, Any]], Field(max_length=1000)]


class _CaseEvent(_Payload):
    window_number: Optional[WindowNo] = None


class CaseOpened(_CaseEvent):
    case_number: Code
    ticket_id: Optional[Id] = None
    ticket_number: _s(12) = ""
    opened_at_ms: Optional[Ms] = None
    opened_on: _s(10) = ""
    items: Items = []
    materials: Materials = []
    catalog_version: Short = ""


class CaseItemsSet(_CaseEvent):
    items: Items
    materials: Materials
    catalog_version: Short = ""


class Applicant(_Payload):
    kind: Literal["person", "organisation"]
    name: PiiName
    resident_id: _pii(40) = ""
    id_index: _s(64) = ""  # blind index of resident_id (HMAC-SM3), for "earlier cases of this person"
    uscc: _s(40) = ""
    legal_rep: PiiName = ""
    phone: _pii(30) = ""


class Agent(_Payload):
    name: PiiName
    resident_id: _pii(40) = ""
    phone: _pii(30) = ""
    power_of_attorney: bool = False


class CaseApplicantSet(_CaseEvent):
    applicant: Applicant
    agent: Optional[Agent] = None


class CaseMaterialChecked(_CaseEvent):
    material_id: Id
    status: _s(20)
    form: _s(20) = ""
    copies: Count = 0
    reason_code: _s(40) = ""
    reason_text: _s(200) = ""


class CaseCorrected(_CaseEvent):
    material_id: Id
    note: _s(200) = ""
    was: _s(40) = ""


class CaseAttachmentLinked(_CaseEvent):
    material_id: Id
    sha256: Sha
    filename: _s(255) = ""


class CaseDecided(_CaseEvent):
    outcome: _s(20)
    decided_on: Optional[Day] = None
    reasons: Text = ""
    legal_basis: Text = ""
    refer_to: _s(500) = ""
    deadline: Optional[Day] = None
    lines: Materials = []
    due_date: Optional[Day] = None
    promised_days: Optional[Count] = None
    delivery_method: _s(20) = ""
    deferred: Annotated[list[Id], Field(max_length=1000)] = []
    after_deferral: bool = False
    review_body: _s(200) = ""
    court: _s(200) = ""


class CaseSupplementReceived(_CaseEvent):
    material_id: Id
    form: _s(20) = ""
    copies: Count = 1
    supplied_on: Optional[Day] = None


class CaseExtended(_CaseEvent):
    reason: _s(200)
    extra_days: Annotated[int, Field(ge=1, le=366)]
    new_due_date: Day
    extended_on: Optional[Day] = None


class CaseResultReady(_CaseEvent):
    result_name: _s(2000) = ""
    ready_on: Optional[Day] = None


class CaseResultDelivered(_CaseEvent):
    method: _s(20)
    receiver_kind: _s(20) = ""
    receiver_name: PiiName = ""
    receiver_id_masked: _s(40) = ""
    tracking_number: _s(40) = ""
    delivered_on: Optional[Day] = None
    delivered_at: _s(8) = ""


class CaseDocumentIssued(_CaseEvent):
    kind: _s(40)
    document_number: Code = ""
    sha256: Sha = ""
    reprint: bool = False
    printed_on: Optional[Day] = None


class CasePiiPurged(_CaseEvent):
    purged_on: Day
    closed_on: Optional[Day] = None
    retention_years: Annotated[int, Field(ge=1, le=100)]


class CaseClosedElsewhere(_CaseEvent):
    event_ids: Annotated[list[Id], Field(max_length=1000)]


# ---------------------------------------------------------------------------- accounts, audit
class SignIn(_Payload):
    username: Code
    at_ms: Optional[Ms] = None
    unlock: bool = False
    reason: _s(40) = ""
    failures: Count = 0
    locked_until_ms: Optional[Ms] = None


class Session(_Payload):
    username: Code
    at_ms: Optional[Ms] = None
    idle: bool = False


class PasswordChanged(_Payload):
    password_hash: _s(400)
    changed_at_ms: Optional[Ms] = None


class PiiViewed(_Payload):
    case_id: Optional[Id] = None
    case_number: Code = ""
    field: _s(40) = ""
    at_ms: Optional[Ms] = None


class AuditExported(_Payload):
    what: _s(100) = ""
    rows: Count = 0
    target: Short = ""
    at_ms: Optional[Ms] = None


class PrintJobReported(_Payload):
    print_id: Id
    state: Literal["sent", "printed", "failed", "unknown"]
    printer: Short = ""
    transport: _s(40) = ""
    job: _s(500) = ""
    message: _s(300) = ""
    at_ms: Optional[Ms] = None


class AlertAcknowledged(_Payload):
    day: Day
    kind: _s(40)
    subject: Short = ""
    text: _s(500) = ""
    at_ms: Optional[Ms] = None
    note: _s(500) = ""


class PcHeartbeat(_Payload):
    at_ms: Ms
    clock_offset_ms: Optional[Annotated[int, Field(ge=-MAX_JSON_INT, le=MAX_JSON_INT)]] = None
    label: _s(60) = ""


class SettingsChanged(_Payload):
    changes: Any = None   # what the settings page showed (bounded by the size and depth limits)
    at_ms: Optional[Ms] = None


_T = TicketAction
SCHEMAS: dict[tuple[str, int], type[_Payload]] = {
    ("ticket.issued", 1): TicketIssued,
    ("ticket.handed_out", 1): TicketAt,
    ("ticket.print_failed", 1): TicketAt,
    ("ticket.called", 1): _T,
    ("ticket.recalled", 1): _T,
    ("ticket.no_show", 1): _T,
    ("ticket.served_again", 1): _T,
    ("ticket.service_started", 1): _T,
    ("ticket.held", 1): _T,
    ("ticket.resumed", 1): _T,
    ("ticket.transferred", 1): TicketTransferred,
    ("ticket.finished", 1): _T,
    ("ticket.closed_end_of_day", 1): TicketAt,
    ("window.paused", 1): WindowEvent,
    ("window.resumed", 1): WindowEvent,
    ("window.categories_changed", 1): WindowEvent,
    ("queue_day.category_closed", 1): QueueDayCategory,
    ("queue_day.category_reopened", 1): QueueDayCategory,
    ("queue_day.closed", 1): QueueDayClosed,
    ("appointment.booked", 1): AppointmentBooked,
    ("appointment.checked_in", 1): AppointmentCheckedIn,
    ("appointment.cancelled", 1): AppointmentCancelled,
    ("appointment.pii_purged", 1): AppointmentPiiPurged,
    ("rating.requested", 1): RatingRequested,
    ("rating.submitted", 1): RatingSubmitted,
    ("rating.left_pending", 1): RatingAt,
    ("rating.followed_up", 1): RatingFollowUp,
    ("rating.rectified", 1): RatingFollowUp,
    ("complaint.recorded", 1): ComplaintRecorded,
    ("complaint.progressed", 1): ComplaintProgressed,
    ("complaint.resolved", 1): ComplaintResolved,
    ("complaint.pii_purged", 1): ComplaintPiiPurged,
    ("attachment.added", 1): AttachmentAdded,
    ("printout.issued", 1): PrintoutIssued,
    ("printout.reprinted", 1): PrintoutReprinted,
    ("printout.job_reported", 1): PrintJobReported,
    ("alert.acknowledged", 1): AlertAcknowledged,
    ("pc.heartbeat", 1): PcHeartbeat,
    ("case.opened", 1): CaseOpened,
    ("case.items_set", 1): CaseItemsSet,
    ("case.applicant_set", 1): CaseApplicantSet,
    ("case.material_checked", 1): CaseMaterialChecked,
    ("case.corrected", 1): CaseCorrected,
    ("case.attachment_linked", 1): CaseAttachmentLinked,
    ("case.decided", 1): CaseDecided,
    ("case.supplement_received", 1): CaseSupplementReceived,
    ("case.extended", 1): CaseExtended,
    ("case.result_ready", 1): CaseResultReady,
    ("case.result_delivered", 1): CaseResultDelivered,
    ("case.document_issued", 1): CaseDocumentIssued,
    ("case.closed_elsewhere", 1): CaseClosedElsewhere,
    ("case.pii_purged", 1): CasePiiPurged,
    ("signin.succeeded", 1): SignIn,
    ("signin.failed", 1): SignIn,
    ("signin.locked_out", 1): SignIn,
    ("session.signed_out", 1): Session,
    ("session.locked", 1): Session,
    ("session.unlocked", 1): Session,
    ("user.password_changed", 1): PasswordChanged,
    ("audit.pii_viewed", 1): PiiViewed,
    ("audit.exported", 1): AuditExported,
    ("audit.settings_changed", 1): SettingsChanged,
}


def json_problem(value: Any, depth: int = 0) -> str:
    """Why ``value`` is not plain, portable JSON (NaN, ±Infinity, a lone surrogate, a huge integer,
    nesting deeper than MAX_DEPTH), or "" when it is."""
    if depth > MAX_DEPTH:
        return f"嵌套超过 {MAX_DEPTH} 层"
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return "" if -MAX_JSON_INT <= value <= MAX_JSON_INT else "数值超出范围"
    if isinstance(value, float):
        return "" if math.isfinite(value) else "含有 NaN 或无穷大"
    if isinstance(value, str):
        return "" if _utf8_ok(value) else "含有无效的字符（孤立代理项）"
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str) or not _utf8_ok(k):
                return "字段名无效"
            why = json_problem(v, depth + 1)
            if why:
                return why
        return ""
    if isinstance(value, (list, tuple)):
        for v in value:
            why = json_problem(v, depth + 1)
            if why:
                return why
        return ""
    return f"含有非 JSON 类型 {type(value).__name__}"


def _utf8_ok(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def payload_problem(type_name: str, schema_version: int, payload: Any) -> str:
    """The reason this payload may not be stored, or "" when it matches its type's schema and limits."""
    why = json_problem(payload)
    if why:
        return f"事件 {type_name} 的内容无效：{why}。"
    size = len(json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    if size > MAX_PAYLOAD_CHARS:
        return f"事件 {type_name} 的内容过大（{size} 字符，上限 {MAX_PAYLOAD_CHARS}）。"
    model = SCHEMAS.get((type_name, schema_version))
    if model is None:
        return f"事件 {type_name} 没有结构版本 {schema_version} 的定义。"
    try:
        model.model_validate(payload)
    except PydanticError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err.get("loc", ())) or "payload"
        return f"事件 {type_name} 的字段 {where} 不符合格式：{_message(err)}。"
    return ""


def _message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "string_too_long":
        return f"最多 {ctx.get('max_length')} 个字符"
    if kind == "missing":
        return "缺少此字段"
    if kind == "extra_forbidden":
        return "不认识的字段"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"类型错误（{kind}）"
    if kind == "value_error" and ctx.get("error"):
        return str(ctx["error"])  # our own validators' Chinese text
    return str(err.get("msg", kind))[:120]


__all__ = ["SCHEMAS", "MAX_PAYLOAD_CHARS", "MAX_DEPTH", "MAX_JSON_INT", "NAME_CHARS", "json_problem",
           "payload_problem"]
