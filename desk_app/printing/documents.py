"""The data each printout kind is filled with: TypedDict schemas, the normalisation every document gets, ID masking.

Which kinds there are, and the keys each must have, is the registry in domain/printout_kinds.py. A caller
(services/printout_data.py's builders) makes a plain dict of the shape below and hands it to
``render_pdf(kind, data)``. Keys marked ``NotRequired`` may be left out. Dates are ISO strings
("2026-11-23") or ``datetime.date``; the renderer prints them in Chinese form (2026年11月23日).
Everything is Chinese text as it should appear, except the ``id_number`` (masked here, never printed
whole) and codes.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, NotRequired, TypedDict

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.domain.printout_kinds import printout_kind
from desk_app.domain.validators import mask_resident_id

# ----------------------------------------------------------------------------- common parts


class HallInfo(TypedDict):
    name: str                      # 某某市政务服务中心
    department: str                # the department whose seal the document carries
    phone: NotRequired[str]        # enquiry phone; the template's enquiry.phone when absent
    code: NotRequired[str]         # short hall code, used in document numbers


class Applicant(TypedDict):
    name: str                      # person or organisation; may contain rare characters (生僻字)
    id_number: NotRequired[str]    # resident ID or USCC: printed masked, at most the last 4 characters
    id_type: NotRequired[str]      # 居民身份证 (default) / 统一社会信用代码 ...
    agent_name: NotRequired[str]   # 代理人, when an agent acts for the applicant
    agent_id_number: NotRequired[str]
    phone: NotRequired[str]


class ServiceItemInfo(TypedDict):
    name: str
    code: str                      # 实施编码
    type: NotRequired[str]         # 即办件 / 承诺件
    promised_days: NotRequired[int]  # 承诺办结时限, working days (0: on the spot)
    legal_days: NotRequired[int]     # 法定办结时限, working days


class Copy(TypedDict):
    count: int
    to: str                        # where the copy goes: 申请人, 窗口存档 ...


class CommonDocument(TypedDict):
    """Fields every A4 document carries (DOMAIN.md "Printed documents")."""

    hall: HallInfo
    document_number: str           # from PrintService (unique per hall and year); "样张" in samples
    case_number: NotRequired[str]  # printed as Code128; required for case documents
    case_id: NotRequired[str]
    applicant: NotRequired[Applicant]
    item: NotRequired[ServiceItemInfo]
    clerk: str
    window: int | str
    date: str | date               # the document's date (the seal date)
    progress_url: NotRequired[str]  # QR payload; the template's progress.url pattern when absent
    copies: NotRequired[list[Copy]]  # overrides the template's copies


# ----------------------------------------------------------------------------- per kind


class MaterialRequirement(TypedDict, total=False):
    original_or_copy: str          # 原件 / 复印件 / 原件和复印件 / 原件或复印件
    copies: int
    paper_size: str                # A4 ...
    issuing_body: str              # 出具单位


class NoticeMaterial(TypedDict):
    name: str
    problem: NotRequired[str]      # 缺少 (missing) / 需补正 (defective)
    reason: NotRequired[str]       # why it is defective / what is wrong
    requirement: NotRequired[MaterialRequirement]


class OneTimeNotice(CommonDocument):
    """一次性告知通知书: every missing or defective material at once; one notice per case."""

    materials: list[NoticeMaterial]
    deadline: str | date           # 补齐补正 deadline


class ReceiptMaterial(TypedDict):
    name: str
    copies_required: int
    copies_received: int
    form: str                      # 原件 / 复印件 / 原件和复印件 / 电子
    remarks: NotRequired[str]


class MaterialsReceipt(CommonDocument):
    """收件凭证."""

    materials: list[ReceiptMaterial]


class AcceptanceNotice(CommonDocument):
    """受理通知书."""

    accepted_on: str | date
    promised_date: str | date      # promised completion date (working days counted by the caller)
    delivery: str                  # 窗口领取 / 邮寄 / 电子送达 ...
    progress_hint: NotRequired[str]


class SupplementNotice(CommonDocument):
    """补齐补正（容缺受理）通知书: the deferred materials and their deadline."""

    materials: list[NoticeMaterial]
    deadline: str | date
    accepted_on: NotRequired[str | date]


class RejectionReason(TypedDict):
    text: str
    legal_basis: NotRequired[str]


class RejectionDecision(CommonDocument):
    """不予受理决定书: reasons with legal basis, review (60 days) and litigation (6 months) rights."""

    reasons: list[RejectionReason]
    review_body: str               # 复议机关, e.g. 某某市人民政府
    court: str                     # 人民法院


class RefusalNotice(CommonDocument):
    """不属于受理范围告知书: refused at once, naming who handles it instead."""

    reason: str
    handled_by: str                # department or channel that handles the matter


class HandedItem(TypedDict):
    name: str
    count: int
    remarks: NotRequired[str]


class Receiver(TypedDict):
    name: str
    id_number: NotRequired[str]
    is_agent: NotRequired[bool]


class PickupReceipt(CommonDocument):
    """出件（领取）回执."""

    items: list[HandedItem]
    receiver: Receiver
    handed_at: str | datetime


class ReportFigure(TypedDict):
    label: str
    value: str | int


class DailyReportCover(CommonDocument):
    """日报封面."""

    report_date: str | date
    figures: list[ReportFigure]
    prepared_by: NotRequired[str]


class Ticket(TypedDict):
    """排队小票 (58/80 mm thermal, or a small PDF)."""

    hall: HallInfo
    ticket_number: str             # A023
    ticket_id: str                 # the QR payload carries it
    category: str                  # 综合业务
    waiting_ahead: int
    issued_at: str | datetime
    tag: NotRequired[str]          # 绿色通道 / 预约 / ""


_CLAUSE_END = "。．.；;，,、：:！!？? 　"


def clause(value: Any) -> str:
    """Text set inside a template's sentence: its own closing punctuation would double the template's
    (a reason typed as "…职权范围。" printed "…职权范围。，不属于…")."""
    return str(value or "").strip().rstrip(_CLAUSE_END)


def mask_id(value: str | None) -> str:
    """At most the last 4 characters of an ID number are ever printed."""
    return mask_resident_id(value or "")


def cn_date(value: Any) -> str:
    """2026-11-23 → 2026年11月23日 (dates and datetimes; anything else is printed as given)."""
    if isinstance(value, datetime):
        return f"{value.year}年{value.month}月{value.day}日 {value:%H:%M}"
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    text = str(value or "")
    try:
        if len(text) == 10:
            d = date.fromisoformat(text)
            return f"{d.year}年{d.month}月{d.day}日"
        if len(text) >= 16 and text[10] in "T ":
            dt = datetime.fromisoformat(text)
            return f"{dt.year}年{dt.month}月{dt.day}日 {dt:%H:%M}"
    except ValueError:
        pass
    return text


def year_of(value: Any) -> int:
    if isinstance(value, (date, datetime)):
        return value.year
    try:
        return int(str(value)[:4])
    except ValueError:
        return date.today().year


def check(kind: str, data: dict[str, Any]) -> None:
    """Refuse an incomplete document before anything is printed (a legal act must be complete)."""
    required = printout_kind(kind).required
    missing = [k for k in required if data.get(k) in (None, "", [])
               and not (k in ("materials", "waiting_ahead") and data.get(k) is not None)]
    if missing:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文书内容不完整，缺少：{missing}。请补全后再打印。"),
                              missing='、'.join(missing), field=missing[0])
    hall = data.get("hall") or {}
    if not hall.get("name"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文书缺少大厅名称，请在大厅设置中填写。"), field="hall.name")
