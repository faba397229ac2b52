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

Kind = Literal["ticket", "case", "resident_id", "uscc", "business_licence", "e_licence", "appointment",
               "invalid", "unknown"]

TICKET_PREFIX = "DESKT:"
CASE_RE = re.compile(r"^[A-Z0-9]{2,12}-\d{8}-\d{1,3}-\d{3,6}$")
APPOINTMENT_RE = re.compile(r"^YY\d{8}$")
RESIDENT_ID_SHAPE = re.compile(r"^\d{17}[\dXx]$")
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
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
    """GB 11643 check digit (ISO 7064 MOD 11-2) and a plausible birth date.

    Local helper until desk_app.domain.validators provides one.
    """
    try:
        from desk_app.domain import validators  # type: ignore[attr-defined]
        fn = getattr(validators, "is_valid_resident_id", None) or getattr(validators, "resident_id_ok", None)
    except ImportError:
        fn = None
    if fn is not None:
        return bool(fn(text))
    if not RESIDENT_ID_SHAPE.match(text):
        return False
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(c) * w for c, w in zip(text[:17], weights))
    if "10X98765432"[total % 11] != text[17].upper():
        return False
    y, m, d = int(text[6:10]), int(text[10:12]), int(text[12:14])
    return 1900 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31


def uscc_ok(text: str) -> bool:
    """GB 32100 check character of an 18-character unified social credit code."""
    if not USCC_SHAPE.match(text):
        return False
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(text[:17], weights))
    return USCC_CHARS[(31 - total % 31) % 31] == text[17]


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
        return ScanPayload("invalid", norm, raw, "身份证号校验位不正确，可能是误读：请重新扫描或核对证件后手工输入")
    upper = text.upper()
    if len(upper) == 18 and USCC_SHAPE.match(upper):
        if uscc_ok(upper):
            return ScanPayload("uscc", upper, raw, uscc=upper)
        return ScanPayload("invalid", upper, raw, "统一社会信用代码校验码不正确：请重新扫描或核对营业执照后手工输入")
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
