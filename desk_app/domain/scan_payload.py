"""What a scanned code is: our ticket QR, our case barcode, an ID number, a USCC or licence link, an appointment.

Pure domain. Check characters are verified, so a misread ID number is never taken for a person.
Ticket QR format (agreed with the ticket printout): ``DESKT:<ticket uuid>``.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, unquote, urlsplit

from desk_app.domain import validators
from desk_app.domain.errors import ValidationError

Kind = Literal["ticket", "case", "resident_id", "uscc", "business_licence", "e_licence", "appointment",
               "invalid", "unknown"]

TICKET_PREFIX = "DESKT:"
CASE_RE = re.compile(r"^[A-Z0-9]{2,12}-\d{8}-\d{1,3}-\d{3,6}$")
APPOINTMENT_RE = re.compile(r"^YY\d{8}$")
RESIDENT_ID_SHAPE = re.compile(r"^\d{17}[\dXx]$")
USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
# Business licences carry a QR to the national credit publicity system; the USCC is in the link.
BUSINESS_LICENCE_HOSTS = ("gsxt.gov.cn",)
# Provincial e-licence (电子证照) links: hosts/paths containing these markers. Halls can extend the list.
E_LICENCE_MARKERS = ("dzzz", "elicense", "e-license", "elicence", "zzk")


@dataclass(frozen=True)
class ScanPayload:
    kind: Kind
    value: str  # normalised: ticket uuid, case number, ID number, USCC, the URL, appointment code
    raw: str
    message_cn: str = ""  # for invalid/unknown: what is wrong
    uscc: str | None = None  # for business-licence links that carry one


def resident_id_ok(text: str) -> bool:
    """GB 11643 check digit, region and birth date (domain.validators)."""
    return validators.is_valid_resident_id(text)


def uscc_ok(text: str) -> bool:
    """GB 32100 check character of an 18-character unified social credit code (domain.validators)."""
    return validators.is_valid_uscc(text)


def _invalid_message(fn, text: str) -> str:
    try:
        fn(text)
    except ValidationError as exc:
        return "扫到的" + exc.message + "（也可能是扫码误读，请重新扫描）"
    return ""


def _uscc_in(text: str) -> str | None:
    for m in re.finditer(r"[0-9A-HJ-NPQRTUWXY]{18}", text.upper()):
        if uscc_ok(m.group(0)):
            return m.group(0)
    return None


def classify(raw: str) -> ScanPayload:
    text = raw.strip()
    if not text:
        return ScanPayload("unknown", "", raw, "扫到的内容为空，请重新扫码")
    if text.upper().startswith(TICKET_PREFIX):
        body = text[len(TICKET_PREFIX):]
        try:
            return ScanPayload("ticket", str(uuid.UUID(body)), raw)
        except ValueError:
            return ScanPayload("invalid", text, raw, "排队小票二维码内容不完整，请让申请人出示完整小票或手工输入号码")
    if CASE_RE.match(text):
        return ScanPayload("case", text, raw)
    if APPOINTMENT_RE.match(text):
        return ScanPayload("appointment", text, raw)
    if RESIDENT_ID_SHAPE.match(text):
        norm = text.upper()
        if resident_id_ok(norm):
            return ScanPayload("resident_id", norm, raw)
        return ScanPayload("invalid", norm, raw, _invalid_message(validators.validate_resident_id, norm))
    upper = text.upper()
    if len(upper) == 18 and USCC_SHAPE.match(upper):
        if uscc_ok(upper):
            return ScanPayload("uscc", upper, raw, uscc=upper)
        return ScanPayload("invalid", upper, raw, _invalid_message(validators.validate_uscc, upper))
    if re.match(r"^https?://", text, re.I):
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
        if any(host == h or host.endswith("." + h) for h in BUSINESS_LICENCE_HOSTS):
            code = _uscc_in(unquote(parts.query) + " " + unquote(parts.path))
            if code is None and any(k.lower() == "uniscid" for k, _ in parse_qsl(parts.query)):
                return ScanPayload("invalid", text, raw, "营业执照二维码中的统一社会信用代码校验不通过，请核对营业执照")
            return ScanPayload("business_licence", text, raw, uscc=code)
        lowered = (host + parts.path).lower()
        if any(m in lowered for m in E_LICENCE_MARKERS):
            return ScanPayload("e_licence", text, raw)
        return ScanPayload("unknown", text, raw, "无法识别的网址二维码：不是营业执照或电子证照，请核对后手工处理")
    return ScanPayload("unknown", text, raw, "无法识别的条码：不是本系统的小票、办件编号、身份证号、统一社会信用代码或预约码")
