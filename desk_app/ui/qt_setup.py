"""QApplication set-up: the bundled CJK font (so a bare Linux shows no boxes), Qt's Chinese translations, the style sheet."""
from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desk_app.paths import resources_dir

log = logging.getLogger(__name__)
FONT_FAMILY = "WenQuanYi Micro Hei"


def install_font(app: QApplication) -> str:
    """Register the shipped font and make it the application font; returns the family used."""
    fid = QFontDatabase.addApplicationFont(str(resources_dir() / "fonts" / "wqy-microhei.ttc"))
    families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
    family = families[0] if families else FONT_FAMILY
    if fid < 0:
        log.warning("bundled CJK font could not be loaded; Chinese may show as boxes")
    font = QFont(family, 11)
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
    install_font(app)
    install_translations(app)
    install_style(app)
