"""Which monitor shows the applicant screen and the hall display: chosen by screen name, following hot-plugging.

Rule per role: the screen whose name is configured (``applicant.screen`` / ``display.screen``); if none
is configured or it is not plugged in, the first screen that is not the primary one; else the primary.
When monitors are plugged or unplugged (QGuiApplication.screenAdded/screenRemoved) the choice is made
again and followed windows move, so the applicant screen comes back to its monitor when it returns.
"""
from __future__ import annotations

from typing import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

ROLES = ("applicant", "display")


def pick_screen(screens: list[QScreen], primary: QScreen | None, wanted: str) -> QScreen | None:
    if wanted:
        for s in screens:
            if s.name() == wanted:
                return s
    for s in screens:
        if s is not primary and s != primary:
            return s
    return primary if primary in screens else (screens[0] if screens else None)


class ScreenChooser(QObject):
    screen_changed = Signal(str, object)  # role, QScreen or None

    def __init__(self, wanted: dict[str, str] | None = None, parent: QObject | None = None, *,
                 screens: Callable[[], list[QScreen]] | None = None,
                 primary: Callable[[], QScreen | None] | None = None):
        super().__init__(parent)
        app = QGuiApplication.instance()
        self._screens = screens or QGuiApplication.screens
        self._primary = primary or QGuiApplication.primaryScreen
        self._wanted = dict(wanted or {})
        self._chosen: dict[str, QScreen | None] = {}
        self._followed: list[tuple[QWidget, str, bool]] = []
        app.screenAdded.connect(self._on_app_screen_added)
        app.screenRemoved.connect(self._on_app_screen_removed)
        app.primaryScreenChanged.connect(self._on_app_screen_added)
        self.refresh()

    def screen_names(self) -> list[str]:
        return [s.name() for s in self._screens()]

    def set_wanted(self, role: str, name: str) -> None:
        self._wanted[role] = name
        self.refresh()

    def screen_for(self, role: str) -> QScreen | None:
        return self._chosen.get(role)

    def follow(self, window: QWidget, role: str, *, fullscreen: bool = True) -> None:
        """Keep ``window`` on the screen of ``role`` (full screen on it by default)."""
        self._followed.append((window, role, fullscreen))
        self._place(window, role, fullscreen)

    def _place(self, window: QWidget, role: str, fullscreen: bool) -> None:
        screen = self._chosen.get(role)
        if screen is None or not shiboken6.isValid(window):
            return
        handle = window.windowHandle()
        if handle is not None:
            handle.setScreen(screen)
        window.setGeometry(screen.geometry() if fullscreen else window.geometry().translated(
            screen.geometry().topLeft() - window.geometry().topLeft()))
        if fullscreen and window.isVisible():
            window.showFullScreen()

    def refresh(self, gone: QScreen | None = None) -> None:
        screens = [s for s in self._screens() if s is not gone]
        primary = self._primary()
        if primary is gone:
            primary = screens[0] if screens else None
        for role in set(ROLES) | set(self._wanted):
            new = pick_screen(screens, primary, self._wanted.get(role, ""))
            if self._chosen.get(role) is not new or role not in self._chosen:
                self._chosen[role] = new
                self.screen_changed.emit(role, new)
                for w, r, fs in list(self._followed):
                    if r == role:
                        self._place(w, r, fs)
        self._followed = [f for f in self._followed if shiboken6.isValid(f[0])]

    def _on_app_screen_added(self, _screen: QScreen) -> None:
        self.refresh()

    def _on_app_screen_removed(self, screen: QScreen) -> None:
        # Qt emits screenRemoved before dropping the screen from screens(): leave it out explicitly.
        self.refresh(gone=screen)
        QTimer.singleShot(0, self.refresh)
