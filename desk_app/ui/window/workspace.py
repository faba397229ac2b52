"""A clerk's window: the queue panel and the intake screen, switching to intake when service starts."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from desk_app.ui.context import ScreenContext
from desk_app.ui.window.intake.screen import IntakeScreen
from desk_app.ui.window.window_panel import WindowPanel


class ClerkWorkspace(QWidget):
    """``ClerkWorkspace(ctx)``: 叫号 and 受理 as two pages; the window's function keys work on both."""

    def __init__(self, ctx: ScreenContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.panel = WindowPanel(ctx)
        self.intake = IntakeScreen(ctx)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.panel)
        self.pages.addWidget(self.intake)
        self.queue_tab = QPushButton(self.tr("叫号"), checkable=True, checked=True)
        self.intake_tab = QPushButton(self.tr("收件受理"), checkable=True)
        self.walk_in = QPushButton(self.tr("无号办件"))
        self.walk_in.setToolTip(self.tr("申请人没有排队号时直接开办件"))
        group = QButtonGroup(self)
        for i, b in enumerate((self.queue_tab, self.intake_tab)):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            group.addButton(b, i)
        group.idClicked.connect(self.pages.setCurrentIndex)
        self.pages.currentChanged.connect(lambda i: group.button(i).setChecked(True))
        self.walk_in.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.walk_in.clicked.connect(self._on_walk_in_clicked)
        self.reprint = QPushButton(self.tr("补打文书"))
        self.reprint.setToolTip(self.tr("查找办件，重打它已出具的文书（标明补打）") + " (Ctrl+R)")
        self.reprint.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reprint.clicked.connect(self.open_reprint)
        # Window-wide like F1-F8 (focus in the navigation list too); only the shown window's workspace answers.
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self.open_reprint, context=Qt.ShortcutContext.WindowShortcut)
        for b in (self.queue_tab, self.intake_tab, self.walk_in, self.reprint):
            b.setProperty("compact", True)  # app.qss: the tab row stays short, the checklist needs the height
        tabs = QHBoxLayout()
        tabs.addWidget(self.queue_tab)
        tabs.addWidget(self.intake_tab)
        tabs.addStretch(1)
        tabs.addWidget(self.reprint)
        tabs.addWidget(self.walk_in)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.addLayout(tabs)
        lay.addWidget(self.pages, 1)
        self.panel.service_started.connect(self._on_panel_service_started)
        self.intake.finished.connect(self._on_intake_finished)

    def _on_panel_service_started(self, ticket_id: str, number: str) -> None:
        self.intake.open_for_ticket(ticket_id, number)
        self.pages.setCurrentWidget(self.intake)
        self.intake.take_focus()  # F7 and straight on typing the item: the panel that had the keys is hidden

    def _on_walk_in_clicked(self) -> None:
        self.intake.open_walk_in()
        self.pages.setCurrentWidget(self.intake)
        self.intake.take_focus()

    def _on_intake_finished(self, _case_id: str) -> None:
        # The applicant is done: finish the ticket being served and go back to calling.
        if self.panel.current is not None:
            self.panel.trigger("finish")
        self.pages.setCurrentWidget(self.panel)
        self.panel.setFocus()

    def open_reprint(self):
        from desk_app.ui.printing.reprint_screen import open_reprint
        case = self.intake.case
        return open_reprint(self.ctx, self, case.case_number if case is not None else "")

    def take_focus(self) -> None:
        """For the main window, when this page is chosen: the queue panel (F1…), or the intake form."""
        if self.pages.currentWidget() is self.panel:
            self.panel.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.intake.take_focus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        # Function keys not used by the intake form bubble up to here: the queue panel handles them.
        self.panel.keyPressEvent(event)
