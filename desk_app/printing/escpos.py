"""Our own ESC/POS encoder: GB18030 text in the printer's Chinese mode, raster lines for what it cannot print, QR, cut.

python-escpos only switches to GB18030 when a whole string matches a narrow character range, so
punctuation-only lines and rare name characters (生僻字) come out as '?'. Here every text line is
encoded explicitly: the printer is put in Chinese mode (FS &) once, ASCII passes as single bytes,
and a line holding a character the printer's built-in font lacks is rendered with Pillow and our
fonts and sent as a raster image (GS v 0).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

ESC, GS, FS, DLE, EOT, LF = b"\x1b", b"\x1d", b"\x1c", b"\x10", b"\x04", b"\n"

INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
CHINESE_OFF = FS + b"."


@dataclass(frozen=True)
class PaperWidth:
    mm: int
    dots: int      # printable dots per line at 203 dpi
    columns: int   # Font A (12x24) half-width columns; a Chinese character takes two


WIDTHS = {58: PaperWidth(58, 384, 32), 80: PaperWidth(80, 576, 48)}


def printer_can_encode(ch: str) -> bool:
    """True when the printer's built-in font prints ``ch``: printable ASCII, or a GBK character.

    Thermal printers carry a GB2312/GBK font. GB18030's 4-byte sequences (CJK Ext-B, most of Ext-A) and the
    2-byte codes GB18030-2005 gave to former user-defined slots (e.g. 䶮 U+4DAE = FE 9F) have no glyph
    there, so lines holding them go out as images.
    """
    o = ord(ch)
    if o < 0x80:
        return 0x20 <= o < 0x7F
    return _in_gbk(ch)


@lru_cache(maxsize=8192)
def _in_gbk(ch: str) -> bool:
    try:
        ch.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def display_width(text: str) -> int:
    """Columns a line takes in Font A: ASCII one, anything else two."""
    return sum(1 if ord(c) < 0x80 else 2 for c in text)


class EscPosBuilder:
    """Collects the bytes of one print job."""

    def __init__(self, width_mm: int = 80):
        if width_mm not in WIDTHS:
            raise ValueError("width must be 58 or 80")
        self.paper = WIDTHS[width_mm]
        self._out = bytearray(INIT + CHINESE_ON)
        self._mag = (1, 1)

    # -- layout
    def align(self, how: str) -> "EscPosBuilder":
        self._out += ESC + b"a" + bytes([{"left": 0, "center": 1, "right": 2}[how]])
        return self

    def size(self, width: int = 1, height: int = 1) -> "EscPosBuilder":
        """Character magnification (GS ! n), 1–8 each way."""
        self._mag = (width, height)
        self._out += GS + b"!" + bytes([((width - 1) << 4) | (height - 1)])
        return self

    def bold(self, on: bool = True) -> "EscPosBuilder":
        self._out += ESC + b"E" + bytes([1 if on else 0])
        return self

    def feed(self, lines: int = 1) -> "EscPosBuilder":
        self._out += ESC + b"d" + bytes([lines])
        return self

    # -- text
    def text_line(self, text: str) -> "EscPosBuilder":
        """One line: GB18030 bytes when the printer can print every character, else a raster image."""
        if all(printer_can_encode(c) for c in text):
            self._out += text.encode("gb18030") + LF
        else:
            self.raster_line(text)
        return self

    def raster_line(self, text: str) -> "EscPosBuilder":
        w, h, rows = render_line_bitmap(text, self.paper.dots, 24 * self._mag[1])
        self._out += GS + b"v0" + b"\x00" + bytes([w & 0xFF, w >> 8, h & 0xFF, h >> 8]) + rows
        return self

    # -- codes
    def qr(self, payload: str, *, module: int = 6) -> "EscPosBuilder":
        data = payload.encode("utf-8")
        n = len(data) + 3
        self._out += GS + b"(k" + b"\x04\x00" + b"1A2\x00"          # model 2
        self._out += GS + b"(k" + b"\x03\x00" + b"1C" + bytes([module])  # module size
        self._out += GS + b"(k" + b"\x03\x00" + b"1E1"                # error correction M
        self._out += GS + b"(k" + bytes([n & 0xFF, n >> 8]) + b"1P0" + data  # store
        self._out += GS + b"(k" + b"\x03\x00" + b"1Q0"                # print
        self._out += LF
        return self

    def cut(self, partial: bool = True) -> "EscPosBuilder":
        self._out += GS + b"V" + bytes([66 if partial else 65]) + b"\x03"  # feed 3 then cut
        return self

    def bytes(self) -> bytes:
        return bytes(self._out) + CHINESE_OFF


# ----------------------------------------------------------------------------- raster


@lru_cache(maxsize=16)
def _pil_font(name: str, size: int):
    from PIL import ImageFont

    from desk_app.printing.fonts import truetype_path_for
    path, index = truetype_path_for(name)
    return ImageFont.truetype(str(path), size, index=index)


def render_line_bitmap(text: str, max_dots: int, height: int) -> tuple[int, int, bytes]:
    """Rasterise ``text`` (per-character font choice, so rare characters have real glyphs) for GS v 0.

    Returns (width in bytes, height in dots, packed rows: 1 = black, MSB first).
    """
    from PIL import Image, ImageDraw

    from desk_app.printing.fonts import runs
    size = max(16, height - 2)
    img = Image.new("1", (max_dots, height), 1)
    draw = ImageDraw.Draw(img)
    x = 0
    for name, run in runs(text):
        font = _pil_font(name, size)
        draw.text((x, height // 2), run, font=font, fill=0, anchor="lm")
        x += int(draw.textlength(run, font=font))
    width_dots = min(max_dots, max(8, x))
    width_bytes = (width_dots + 7) // 8
    img = img.crop((0, 0, width_bytes * 8, height))
    # PIL "1" images pack 1 = white; the printer wants 1 = black
    packed = bytes(b ^ 0xFF for b in img.tobytes())
    return width_bytes, height, packed
