"""Making screens fit 1366×768: a scroll area that grows with its content, and scrolling a message into view."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class FittingScrollArea(QScrollArea):
    """Scrolls vertically only; asks for its content's full height, so it scrolls only when the screen is short."""

    def sizeHint(self):  # noqa: N802 - Qt override
        hint = super().sizeHint()
        inner = self.widget()
        if inner is not None:
            # QScrollArea caps its hint at 24 lines; the layout should give it all its content asks for.
            hint.setHeight(inner.sizeHint().height() + 2 * self.frameWidth())
        return hint


def fitting_scroll_area(inner: QWidget) -> FittingScrollArea:
    area = FittingScrollArea()
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields inside, never to the frame itself
    area.viewport().setAutoFillBackground(False)
    inner.setAutoFillBackground(False)
    return area


def reveal(widget: QWidget) -> None:
    """Scroll every scroll area around ``widget`` so that it shows (an error label just made visible).

    Deferred: the label's geometry is known only once its layout has run."""
    def run() -> None:
        import shiboken6
        if not shiboken6.isValid(widget) or widget.isHidden():
            return
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea) and parent.widget() is not None:
                parent.ensureWidgetVisible(widget, 0, 8)
            parent = parent.parentWidget()
    QTimer.singleShot(0, run)
