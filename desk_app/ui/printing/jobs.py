"""The Chinese name of a printout kind as the UI shows it: the registry's label, translated when shown.

Printing itself goes through ui/printing/pipeline.py and a transport in devices/ (the PDF is handed to the
system spooler: see devices/doc_printer_cups.py for why not QPrinter).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.domain.printout_kinds import LABEL_CONTEXT, REGISTRY


def kind_name(kind: str) -> str:
    """An unknown kind (a printout from a newer version, synced in) shows its code rather than failing."""
    return QCoreApplication.translate(LABEL_CONTEXT, REGISTRY[kind].label) if kind in REGISTRY else kind
