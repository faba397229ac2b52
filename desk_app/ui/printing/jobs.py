"""The document kinds the print pipeline knows, with their Chinese names (marked for lupdate, translated when shown).

Printing itself goes through ui/printing/pipeline.py and a transport in devices/ (the PDF is handed to the
system spooler: see devices/doc_printer_cups.py for why not QPrinter).
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CTX = "PrintKinds"
KIND_NAMES = {
    "ticket": QT_TRANSLATE_NOOP("PrintKinds", "排队小票"),
    "one-time-notice": QT_TRANSLATE_NOOP("PrintKinds", "一次性告知通知书"),
    "materials-receipt": QT_TRANSLATE_NOOP("PrintKinds", "收件凭证"),
    "acceptance-notice": QT_TRANSLATE_NOOP("PrintKinds", "受理通知书"),
    "supplement-notice": QT_TRANSLATE_NOOP("PrintKinds", "补齐补正通知书"),
    "rejection-decision": QT_TRANSLATE_NOOP("PrintKinds", "不予受理决定书"),
    "refusal-notice": QT_TRANSLATE_NOOP("PrintKinds", "不予受理告知书"),
    "pickup-receipt": QT_TRANSLATE_NOOP("PrintKinds", "领取回执"),
    "daily-report-cover": QT_TRANSLATE_NOOP("PrintKinds", "日报封面"),
}
A4_KIND_NAMES = {k: v for k, v in KIND_NAMES.items() if k != "ticket"}


def kind_name(kind: str) -> str:
    return QCoreApplication.translate(_CTX, KIND_NAMES[kind]) if kind in KIND_NAMES else kind
