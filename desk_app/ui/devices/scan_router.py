"""One place where scans arrive (serial scanner, keyboard wedge, simulator) and go to the screen that wants them."""
from __future__ import annotations

import time
from typing import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal

from desk_app.devices.scanner import ScanEvent
from desk_app.domain.scan_payload import ScanPayload, classify
from desk_app.runtime.relay import ThreadRelay

Handler = Callable[[ScanPayload], None]


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
        wedge.scanned.connect(lambda code: self._on_scan_received(ScanEvent(code, code.encode(), time.monotonic(),
                                                                            "wedge")))

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
        self._handlers = [h for h in self._handlers if h[2] is None or shiboken6.isValid(h[2])]
        self.scanned.emit(payload)
        for kinds, handler, owner in reversed(self._handlers):
            if payload.kind in kinds and self._live(owner):
                handler(payload)
                self.latencies_s.append(time.monotonic() - ev.received_at)
                del self.latencies_s[:-100]
                return
        self.unhandled.emit(payload.message_cn or self.tr("当前界面不处理这类条码"))


def install_scan_routing(app, registry, parent: QObject | None = None) -> ScanRouter:
    """For app.py: one router fed by the registered serial scanner and by a keyboard wedge on ``app``.

    Screens then call ``router.register({"ticket", "case"}, handler, owner=self)``.
    """
    from desk_app.ui.devices.wedge import KeyboardWedgeFilter

    router = ScanRouter(parent)
    scanner = registry.get("scanner")
    if scanner is not None and hasattr(scanner, "set_on_scan"):
        router.attach_scanner(scanner)
    wedge = KeyboardWedgeFilter(router)
    app.installEventFilter(wedge)
    router.attach_wedge(wedge)
    router.wedge = wedge
    return router
