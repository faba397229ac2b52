"""One place where scans arrive (serial scanner, keyboard wedge, simulator) and go to the screen that wants them."""
from __future__ import annotations

import time
from typing import Callable

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal

from desk_app.devices.scanner import ScanEvent
from desk_app.domain.scan_payload import ScanPayload, classify
from desk_app.runtime.relay import ThreadRelay

Handler = Callable[[ScanPayload], None]
KIND_LABELS = {"ticket": QT_TRANSLATE_NOOP("ScanRouter", "排队小票"), "case": QT_TRANSLATE_NOOP("ScanRouter", "办件编号"),
               "resident_id": QT_TRANSLATE_NOOP("ScanRouter", "身份证号"),
               "uscc": QT_TRANSLATE_NOOP("ScanRouter", "统一社会信用代码"),
               "business_licence": QT_TRANSLATE_NOOP("ScanRouter", "营业执照二维码"),
               "e_licence": QT_TRANSLATE_NOOP("ScanRouter", "电子证照二维码"),
               "appointment": QT_TRANSLATE_NOOP("ScanRouter", "预约码")}


class ScanRouter(QObject):
    """Classifies each scan and calls the newest visible handler registered for its kind.

    Serial scans arrive on the scanner's thread; a ThreadRelay is the queued hop to the UI thread.
    Kinds nobody handles (and invalid or unknown codes) go to ``unhandled`` with the Chinese message.
    """

    scanned = Signal(object)  # ScanPayload, after routing
    unhandled = Signal(str)  # Chinese message for the status bar / bridge

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._handlers: list[tuple[frozenset[str], Handler, QObject | None]] = []
        self._scan_relay = ThreadRelay(self._on_scan_received)
        self.latencies_s: list[float] = []

    def attach_scanner(self, scanner) -> None:
        """Route a device-layer scanner's callback (any thread) through the queued signal."""
        scanner.set_on_scan(self._scan_relay.send)

    def attach_wedge(self, wedge) -> None:
        wedge.set_handler(self.route_wedge)

    def route_wedge(self, code: str, into_field: bool) -> bool:
        """A keyboard-wedge scan: True when a screen took it. Otherwise the wedge types it into the text
        field it was scanned in (``into_field``); a code that field cannot use, or with no field, is explained."""
        payload = classify(code)
        if self._dispatch(payload, time.monotonic()):
            return True
        if payload.kind == "invalid" or not into_field:
            self.unhandled.emit(self._why_unused(payload))
        return False

    def register(self, kinds: set[str] | frozenset[str], handler: Handler, owner: QObject | None = None) -> None:
        """``owner`` (a screen widget): the handler is used only while it exists and, for widgets, is visible."""
        self._handlers.append((frozenset(kinds), handler, owner))

    def unregister(self, handler: Handler) -> None:
        self._handlers = [h for h in self._handlers if h[1] is not handler]

    def _live(self, owner) -> bool:
        if owner is None:
            return True
        if not shiboken6.isValid(owner):
            return False
        return owner.isVisible() if hasattr(owner, "isVisible") else True

    def _on_scan_received(self, ev: ScanEvent) -> None:
        payload = classify(ev.code)
        if not self._dispatch(payload, ev.received_at):
            self.unhandled.emit(self._why_unused(payload))

    def _dispatch(self, payload: ScanPayload, received_at: float) -> bool:
        self._handlers = [h for h in self._handlers if h[2] is None or shiboken6.isValid(h[2])]
        self.scanned.emit(payload)
        for kinds, handler, owner in reversed(self._handlers):
            if payload.kind in kinds and self._live(owner):
                handler(payload)
                self.latencies_s.append(time.monotonic() - received_at)
                del self.latencies_s[:-100]
                return True
        return False

    def _why_unused(self, payload: ScanPayload) -> str:
        """The Chinese message for a scan no screen took: what was read, and what the clerk can do."""
        shown = payload.raw.strip()
        shown = shown if len(shown) <= 40 else shown[:37] + "…"
        if payload.kind in ("invalid", "unknown"):
            text = payload.message_cn or self.tr("无法识别的条码")
            if payload.kind == "unknown" and shown:
                text += self.tr("（扫到：%1）").replace("%1", shown)
            return text + self.tr("。要把它填入某一栏，请先点一下那一栏再扫。")
        label = self.tr(KIND_LABELS[payload.kind]) if payload.kind in KIND_LABELS else self.tr("条码")
        return self.tr("扫到的是%1，当前界面用不到它：请在用它的界面再扫；要把它填入某一栏，请先点一下那一栏再扫。"
                       ).replace("%1", label)


def install_scan_routing(app, registry, parent: QObject | None = None, *, bridge=None) -> ScanRouter:
    """For app.py: one router fed by the registered serial scanner and by a keyboard wedge on ``app``;
    scans no screen takes are explained through ``bridge.warning`` (the message bar).

    Screens then call ``router.register({"ticket", "case"}, handler, owner=self)``.
    """
    from desk_app.ui.devices.wedge import KeyboardWedgeFilter

    router = ScanRouter(parent)
    if bridge is not None:
        router.unhandled.connect(bridge.warning)
    scanner = registry.get("scanner")
    if scanner is not None and hasattr(scanner, "set_on_scan"):
        router.attach_scanner(scanner)
    wedge = KeyboardWedgeFilter(router)
    app.installEventFilter(wedge)
    router.attach_wedge(wedge)
    router.wedge = wedge
    return router
