"""The ui.language setting: every *_<lang>.qm of resources/translations installed at start, and chosen on the
administrator's page for the next start."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from desk_app.runtime.settings import Settings
from desk_app.ui import qt_setup
from desk_app.ui.admin.security_page import SecuritySettingsPage

ERRORS_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context><name>Errors</name>
  <message><source>打印机缺纸</source><translation>Printer out of paper</translation></message>
</context>
</TS>
"""


@pytest.fixture
def restore_language(qapp):
    locale = QLocale()
    yield
    for tr in getattr(qapp, "_desk_translators", []):
        qapp.removeTranslator(tr)
    qapp._desk_translators = []
    QLocale.setDefault(locale)


@pytest.fixture
def translations(tmp_path, monkeypatch):
    """The shipped desk_app_en.qm beside an errors_en.qm (another .ts of the folder), as the loader finds them."""
    folder = tmp_path / "translations"
    folder.mkdir()
    shipped = qt_setup.translations_dir() / "desk_app_en.qm"
    (folder / shipped.name).write_bytes(shipped.read_bytes())
    (folder / "errors_en.ts").write_text(ERRORS_TS, encoding="utf-8")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(folder / "errors_en.ts")], check=True)
    monkeypatch.setattr(qt_setup, "translations_dir", lambda: folder)
    return folder


def test_english_installs_every_qm_of_the_language_and_chinese_removes_them(qapp, translations, restore_language):
    installed = qt_setup.install_translations(qapp, "en")
    assert len(installed) == 3  # Qt's own qtbase_en, desk_app_en, errors_en
    assert QCoreApplication.translate("ClerkWorkspace", "叫号") == "Call"
    assert QCoreApplication.translate("Errors", "打印机缺纸") == "Printer out of paper"
    assert QLocale().name() == "en_US"
    assert qapp.applicationDisplayName() == "Government Service Center Front Desk"

    qt_setup.install_translations(qapp, "zh_CN")
    assert QCoreApplication.translate("ClerkWorkspace", "叫号") == "叫号"  # the source language
    assert QCoreApplication.translate("Errors", "打印机缺纸") == "打印机缺纸"
    assert QLocale().name() == "zh_CN"


def test_an_unknown_language_falls_back_to_chinese(qapp, translations, restore_language):
    qt_setup.install_translations(qapp, "fr")
    assert QLocale().name() == "zh_CN"
    assert QCoreApplication.translate("ClerkWorkspace", "叫号") == "叫号"


def test_the_admin_page_saves_the_language_for_the_next_start(qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.json")
    page = SecuritySettingsPage(SimpleNamespace(settings=settings))
    qtbot.addWidget(page)
    assert page.language.currentData() == "zh_CN"
    assert "下次启动" in page.language_note.text()
    page.language.setCurrentIndex(page.language.findData("en"))
    assert Settings(tmp_path / "settings.json").get("ui.language") == "en"  # saved at once, read at start
