"""Rare name characters (生僻字) render with a real glyph on screen, through the fonts the program ships."""
from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication

from desk_app.ui.qt_setup import install_font

RARE = "䶮𠮷㛃"  # Ext-A, Ext-B, Ext-A: seen in applicants' names


def _glyph_runs(text: str, font: QFont):
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return layout.glyphRuns()


def test_rare_characters_have_glyphs(qapp):
    install_font(qapp)
    font = QApplication.font()
    assert len(font.families()) >= 3, font.families()  # the main font and both fallbacks
    for ch in RARE:
        runs = _glyph_runs(ch, font)
        assert runs, ch
        for run in runs:
            raw = run.rawFont()
            # glyph 0 is .notdef, the box; a real glyph comes from one of our own fonts, not from the system.
            assert all(g != 0 for g in run.glyphIndexes()), (ch, raw.familyName())
            assert raw.familyName() in font.families(), (ch, raw.familyName())
            assert raw.supportsCharacter(ord(ch)), ch
