"""Validators for resident ID numbers (GB 11643), unified social credit codes (GB 32100) and mainland mobile numbers."""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.domain.timeutil import CHINA_TZ

# --------------------------------------------------------------------------- resident ID (GB 11643-1999)
# ISO 7064 MOD 11-2: weight of position i (1-based from the left, 17 digits) is 2^(18-i) mod 11.
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK = "10X98765432"
# Province-level codes (first two digits); 83 is the Taiwan residence-permit range, 91 the 2023
# foreigner's permanent-residence ID card that shares the 18-digit layout and check digit.
_PROVINCES = frozenset({
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
    50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
})
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")


def _squash(text: str) -> str:
    """NFKC (full-width digits from Chinese IMEs become ASCII) and drop spaces and dashes people type."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\s\-]", "", text)


def resident_id_check_digit(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def _today() -> date:
    return datetime.now(CHINA_TZ).date()


def validate_resident_id(text: str, *, today: date | None = None, field: str = "resident_id") -> str:
    """Return the normalised 18-character ID number (upper-case X) or raise ValidationError."""
    value = _squash(text).upper()
    if not value:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请填写身份证号。"), field=field)
    if len(value) != 18:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "身份证号应为 18 位，当前为 {value_count} 位。请核对后重新输入。"),
                              value_count=len(value), field=field)
    if not _ID_SHAPE.match(value):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "身份证号前 17 位应为数字，最后一位为数字或 X。请核对后重新输入。"), field=field)
    if int(value[:2]) not in _PROVINCES:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "身份证号前两位不是有效的省级行政区划代码。请核对后重新输入。"), field=field)
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "身份证号中的出生日期（第 7–14 位）不是有效日期。请核对后重新输入。"),
                              field=field) from None
    if born.year < 1900 or born > (today or _today()):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "身份证号中的出生日期（第 7–14 位）不合理（早于 1900 年或晚于今天）。请核对后重新输入。"),
                              field=field)
    if resident_id_check_digit(value[:17]) != value[17]:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "身份证号校验位不正确，可能有数字输错。请对照证件逐位核对。"), field=field)
    return value


def is_valid_resident_id(text: str, *, today: date | None = None) -> bool:
    try:
        validate_resident_id(text, today=today)
    except ValidationError:
        return False
    return True


def mask_resident_id(value: str) -> str:
    """Mask an ID number so at most its last 4 characters show (tickets, displays, printouts)."""
    value = (value or "").strip()
    if len(value) <= 4:
        return "*" * len(value)
    return "*" * (len(value) - 4) + value[-4:]


# --------------------------------------------------------------------------- USCC (GB 32100-2015)
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def uscc_check_character(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters."""
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def validate_uscc(text: str, *, field: str = "uscc") -> str:
    """Return the normalised 18-character unified social credit code or raise ValidationError."""
    value = _squash(text).upper()
    if not value:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请填写统一社会信用代码。"), field=field)
    if len(value) != 18:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "统一社会信用代码应为 18 位，当前为 {value_count} 位。请核对营业执照后重新输入。"),
                              value_count=len(value),
                              field=field)
    bad = sorted({c for c in value if c not in _USCC_VALUE})
    if bad:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "统一社会信用代码含有不允许的字符：{bad}（代码中不使用 I、O、Z、S、V）。请核对营业执照后重新输入。"),
                              bad='、'.join(bad), field=field)
    if not value[2:8].isdigit():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "统一社会信用代码第 3–8 位应为登记管理机关行政区划码（数字）。请核对后重新输入。"),
                              field=field)
    if uscc_check_character(value[:17]) != value[17]:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "统一社会信用代码校验位不正确，可能有字符输错。请对照营业执照逐位核对。"), field=field)
    return value


def is_valid_uscc(text: str) -> bool:
    try:
        validate_uscc(text)
    except ValidationError:
        return False
    return True


# --------------------------------------------------------------------------- mainland mobile numbers
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def validate_mobile(text: str, *, field: str = "mobile") -> str:
    """Return the 11-digit mainland mobile number (``+86``, spaces, dashes and brackets removed)."""
    value = re.sub(r"[()（）]", "", _squash(text))
    if not value:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请填写手机号码。"), field=field)
    for prefix in ("+86", "0086", "86"):
        if value.startswith(prefix) and len(value) == 11 + len(prefix):
            value = value[len(prefix):]
            break
    if not value.isdigit() or len(value) != 11:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "手机号码应为 11 位数字（可带 +86）。请核对后重新输入。"), field=field)
    if not _MOBILE.match(value):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "手机号码应以 13–19 开头。请核对后重新输入。"), field=field)
    return value


def is_valid_mobile(text: str) -> bool:
    try:
        validate_mobile(text)
    except ValidationError:
        return False
    return True
