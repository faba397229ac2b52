"""QApplication set-up: the bundled CJK font (so a bare Linux shows no boxes), Qt's Chinese translations, the style sheet."""
from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from desk_app.paths import resources_dir

log = logging.getLogger(__name__)
FONT_FAMILY = "WenQuanYi Micro Hei"
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


def install_translations(app: QApplication) -> None:
    """Qt's own dialogs in Chinese (确定/取消...), plus our .qm if a non-default language is shipped."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        tr = QTranslator(app)
        if tr.load(name, qt_dir):
            app.installTranslator(tr)
            break
    ours = QTranslator(app)
    if ours.load(QLocale(), "desk_app", "_", str(resources_dir() / "translations")):
        app.installTranslator(ours)


def install_style(app: QApplication) -> None:
    qss = resources_dir() / "style" / "app.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def setup_application(app: QApplication) -> None:
    app.setApplicationName("desk_app")
    app.setApplicationDisplayName("政务服务中心前台系统")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "desk-app.png")))
    install_font(app)
    install_translations(app)
    install_style(app)
