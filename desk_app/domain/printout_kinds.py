"""The one registry of printout kinds: each document and the ticket, with its code, case tie, required keys and label.

Every other module names a kind through the constants below (a typo fails at import, not on a clerk's desk),
asks the registry what a kind needs, and lists kinds only through ``KINDS`` / ``A4_KINDS`` / ``CASE_KINDS``.
A kind's code is also its template's file name (printouts/<code>.toml) and is stored with every printout.
Adding a kind: an entry here, its template, its data builder (services/printout_data.py), its sample
(printing/samples.py) and its test.
"""
from __future__ import annotations

from dataclasses import dataclass

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError

LABEL_CONTEXT = "PrintKinds"  # the translation context of every label below

TICKET = "ticket"
ONE_TIME_NOTICE = "one-time-notice"
MATERIALS_RECEIPT = "materials-receipt"
ACCEPTANCE_NOTICE = "acceptance-notice"
SUPPLEMENT_NOTICE = "supplement-notice"
REJECTION_DECISION = "rejection-decision"
REFUSAL_NOTICE = "refusal-notice"
PICKUP_RECEIPT = "pickup-receipt"
DAILY_REPORT_COVER = "daily-report-cover"

# What every A4 document carries (DOMAIN.md "Printed documents"), and a case document besides.
COMMON_KEYS = ("hall", "document_number", "clerk", "window", "date")
CASE_KEYS = ("case_number", "applicant", "item")


@dataclass(frozen=True)
class PrintoutKind:
    code: str
    label: str               # Chinese, marked for lupdate in LABEL_CONTEXT
    case: bool               # belongs to a case: its case number is barcoded and the PDF archived with the case
    keys: tuple[str, ...]    # what its data must have beyond COMMON_KEYS (and CASE_KEYS for a case document)
    thermal: bool = False    # the queue ticket: a thermal slip, never numbered or archived as a document

    @property
    def required(self) -> tuple[str, ...]:
        """Every key a document of this kind is refused without (a legal act must be complete)."""
        if self.thermal:
            return self.keys
        return self.keys + COMMON_KEYS + (CASE_KEYS if self.case else ())


_ALL = (
    PrintoutKind(TICKET, QT_TRANSLATE_NOOP("PrintKinds", "排队小票"), case=False, thermal=True,
                 keys=("hall", "ticket_number", "ticket_id", "category", "waiting_ahead", "issued_at")),
    PrintoutKind(ONE_TIME_NOTICE, QT_TRANSLATE_NOOP("PrintKinds", "一次性告知通知书"), case=True,
                 keys=("materials", "deadline")),
    PrintoutKind(MATERIALS_RECEIPT, QT_TRANSLATE_NOOP("PrintKinds", "收件凭证"), case=True, keys=("materials",)),
    PrintoutKind(ACCEPTANCE_NOTICE, QT_TRANSLATE_NOOP("PrintKinds", "受理通知书"), case=True,
                 keys=("accepted_on", "promised_date", "delivery")),
    PrintoutKind(SUPPLEMENT_NOTICE, QT_TRANSLATE_NOOP("PrintKinds", "补齐补正通知书"), case=True,
                 keys=("materials", "deadline")),
    PrintoutKind(REJECTION_DECISION, QT_TRANSLATE_NOOP("PrintKinds", "不予受理决定书"), case=True,
                 keys=("reasons", "review_body", "court")),
    PrintoutKind(REFUSAL_NOTICE, QT_TRANSLATE_NOOP("PrintKinds", "不予受理告知书（非本部门）"), case=True,
                 keys=("reason", "handled_by")),
    PrintoutKind(PICKUP_RECEIPT, QT_TRANSLATE_NOOP("PrintKinds", "领取回执"), case=True,
                 keys=("items", "receiver", "handed_at")),
    PrintoutKind(DAILY_REPORT_COVER, QT_TRANSLATE_NOOP("PrintKinds", "日报封面"), case=False,
                 keys=("report_date", "figures")),
)
REGISTRY: dict[str, PrintoutKind] = {k.code: k for k in _ALL}

KINDS: tuple[str, ...] = tuple(REGISTRY)
A4_KINDS: tuple[str, ...] = tuple(k.code for k in _ALL if not k.thermal)
CASE_KINDS: frozenset[str] = frozenset(k.code for k in _ALL if k.case)


def printout_kind(code: str) -> PrintoutKind:
    """The registered kind of ``code``; an unknown one is refused with the list of kinds there are."""
    try:
        return REGISTRY[code]
    except KeyError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "未知的文书种类：{kind}。可用：{kinds}"), kind=code,
                              kinds="、".join(KINDS), field="kind") from None
