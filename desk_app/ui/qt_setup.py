"""QApplication set-up: the bundled CJK font (so a bare Linux shows no boxes), the UI language, the style sheet."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from desk_app.domain.settings_schema import UI_LANGUAGES
from desk_app.paths import resources_dir

log = logging.getLogger(__name__)
FONT_FAMILY = "WenQuanYi Micro Hei"
DEFAULT_LANGUAGE = UI_LANGUAGES[0]  # the source language of every tr() text
# The rare-character subsets the printouts use (printing/fonts.py): without them a name such as 䶮 or 𠮷 shows
# as a box on a PC with no CJK font of its own, although it prints.
FALLBACK_FONT_FILES = ("HanaMinA-fallback.ttf", "HanaMinB-fallback.ttf")


def _register(filename: str) -> list[str]:
    fid = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / filename))
    if fid < 0:
        log.warning("bundled font %s could not be loaded", filename)
        return []
    return QFontDatabase.applicationFontFamilies(fid)


def install_font(app: QApplication) -> str:
    """Register the shipped fonts and make them the application font (main, then fallbacks); returns the main family."""
    families = _register("wqy-microhei.ttc")
    family = families[0] if families else FONT_FAMILY
    if not families:
        log.warning("bundled CJK font could not be loaded; Chinese may show as boxes")
    fallbacks = [f for name in FALLBACK_FONT_FILES for f in _register(name)]
    font = QFont(family, 11)
    font.setFamilies([family, *fallbacks])  # Qt tries them in order for each character
    app.setFont(font)
    return family


def install_translations(app: QApplication, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Qt's own dialogs (确定/取消...) and every ``*_<language>.qm`` we ship, replacing those of an earlier call.

    Chinese is the source language: for zh_CN only Qt's own translations load. Called again with the
    ``ui.language`` setting once the settings are read; translations apply to widgets built after it.
    """
    language = language if language in UI_LANGUAGES else DEFAULT_LANGUAGE
    for old in getattr(app, "_desk_translators", []):
        app.removeTranslator(old)
    QLocale.setDefault(QLocale(language))
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in (f"qtbase_{language}", f"qt_{language}"):
        tr = QTranslator(app)
        if tr.load(name, qt_dir):
            installed.append(tr)
            break
    # ours: desk_app_<lang>.qm (the screens) and errors_<lang>.qm (messages from domain, services, devices)
    for qm in sorted(translations_dir().glob(f"*_{language}.qm")):
        tr = QTranslator(app)
        if tr.load(str(qm)):
            installed.append(tr)
        else:
            log.warning("translation %s could not be loaded", qm)
    for tr in installed:
        app.installTranslator(tr)
    app._desk_translators = installed
    app.setApplicationDisplayName(QCoreApplication.translate("Application", "政务服务中心前台系统"))
    return installed


def translations_dir() -> Path:
    return resources_dir() / "translations"


def install_style(app: QApplication) -> None:
    qss = resources_dir() / "style" / "app.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def setup_application(app: QApplication) -> None:
    app.setApplicationName("desk_app")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "desk-app.png")))
    install_font(app)
    install_translations(app)
    install_style(app)
