"""The printout fonts: wqy-microhei for everything, Hanazono subsets for rare characters (生僻字), chosen per character.

reportlab embeds every TrueType font as a subset of the glyphs used, so a PDF looks the same on every PC.
The fallback fonts are loaded only when a text needs them (they are large; most documents never do).
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

MAIN = "WQYMicroHei"
# (registered name, file): tried in order for a character the main font lacks.
FALLBACKS: tuple[tuple[str, str], ...] = (
    ("HanaMinA", "HanaMinA-fallback.ttf"),
    ("HanaMinB", "HanaMinB-fallback.ttf"),
)

_original_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab writes ToUnicode entries as <%04X>, which truncates Ext-B code points (U+21484 became U+2148):
    copy/paste and search of rare names broke. Write UTF-16BE (surrogate pairs) as the PDF spec says."""
    text = _original_to_unicode(fontname, subset)
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            utf16 = chr(v).encode("utf-16-be").hex().upper()
            text = text.replace("<%02X> <%04X>" % (i, v), "<%02X> <%s>" % (i, utf16), 1)
    return text


ttfonts.makeToUnicodeCMap = _to_unicode_cmap

_original_get_table = ttfonts.TTFontFile.get_table


def _cached_get_table(self, tag: str) -> bytes:
    """Subsetting copies the whole 'glyf' table (4 MB for wqy-microhei) out of the font on every document;
    the font file never changes, so keep each table once per loaded font."""
    cache = self.__dict__.setdefault("_desk_tables", {})
    table = cache.get(tag)
    if table is None:
        table = cache[tag] = _original_get_table(self, tag)
    return table


ttfonts.TTFontFile.get_table = _cached_get_table

_lock = threading.Lock()
_loaded: dict[str, TTFont] = {}


def fonts_dir() -> Path:
    from desk_app.paths import resources_dir
    return resources_dir() / "fonts"


def _register(name: str, path: Path, **kw) -> TTFont:
    with _lock:
        font = _loaded.get(name)
        if font is None:
            font = TTFont(name, str(path), **kw)
            pdfmetrics.registerFont(font)
            _loaded[name] = font
        return font


def main_font() -> TTFont:
    """Register (once per process) and return the main CJK font."""
    font = _loaded.get(MAIN)
    return font or _register(MAIN, fonts_dir() / "wqy-microhei.ttc", subfontIndex=0)


def _fallback(index: int) -> TTFont | None:
    name, filename = FALLBACKS[index]
    font = _loaded.get(name)
    if font is None:
        path = fonts_dir() / filename
        if not path.exists():
            return None
        font = _register(name, path)
    return font


@lru_cache(maxsize=4096)
def font_for_char(ch: str) -> str | None:
    """The registered font name that has a real glyph for ``ch`` (None: no font has it)."""
    if ch in "\n\r\t " or ord(ch) in main_font().face.charToGlyph:
        return MAIN
    for i in range(len(FALLBACKS)):
        font = _fallback(i)
        if font is not None and ord(ch) in font.face.charToGlyph:
            return font.fontName
    return None


def has_glyph(ch: str) -> bool:
    return font_for_char(ch) is not None


def runs(text: str) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, text) runs; characters no font has stay in the main font."""
    out: list[tuple[str, str]] = []
    main_map = main_font().face.charToGlyph
    for ch in text:
        name = MAIN if ord(ch) in main_map or ch in "\n\r\t" else (font_for_char(ch) or MAIN)
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + ch)
        else:
            out.append((name, ch))
    return out


def markup(text: str) -> str:
    """Paragraph markup for ``text``: XML-escaped, rare characters wrapped in <font name=…> runs, newlines as <br/>."""
    parts = []
    for name, run in runs(str(text)):
        body = escape(run).replace("\n", "<br/>")
        parts.append(body if name == MAIN else f'<font name="{name}">{body}</font>')
    return "".join(parts)


def draw_string(canvas, x: float, y: float, text: str, size: float, *, align: str = "left") -> float:
    """Draw ``text`` on a reportlab canvas switching fonts per character; returns the width drawn."""
    pieces = runs(text)
    width = sum(pdfmetrics.stringWidth(t, n, size) for n, t in pieces)
    if align == "center":
        x -= width / 2
    elif align == "right":
        x -= width
    for name, t in pieces:
        canvas.setFont(name, size)
        canvas.drawString(x, y, t)
        x += pdfmetrics.stringWidth(t, name, size)
    return width


def truetype_path_for(name: str) -> tuple[Path, int]:
    """File and face index of a registered font name (for Pillow, which rasterises ticket lines)."""
    if name == MAIN:
        return fonts_dir() / "wqy-microhei.ttc", 0
    for n, filename in FALLBACKS:
        if n == name:
            return fonts_dir() / filename, 0
    raise KeyError(name)


def warm_up(*, fallbacks: bool = True) -> None:
    """Load the fonts now (app start, on a worker) so the first document of the day prints without the wait:
    the main font takes ~80 ms to parse, each fallback font about as much again."""
    main_font()
    if fallbacks:
        for i in range(len(FALLBACKS)):
            _fallback(i)
