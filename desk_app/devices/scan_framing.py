"""Byte stream to barcode frames: terminators, STX/ETX, maximum length, stale partials, decoding, double scans.

Pure and clock-injected so every rule is tested without a port. Scanners are configured (by scanning the
vendor's setup codes) to end each code with CR, LF, CRLF or to wrap it in STX/ETX; ``auto`` accepts all.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

STX, ETX, CR, LF = 0x02, 0x03, 0x0D, 0x0A

Framing = Literal["auto", "cr", "lf", "crlf", "stx_etx"]


@dataclass(frozen=True)
class Frame:
    """One complete code (``text``), or a dropped piece of input (``dropped`` says why)."""

    text: str | None
    raw: bytes
    dropped: str | None = None  # "too_long" | "stale" | "undecodable" | "empty"


def _plausible_char(ch: str) -> bool:
    o = ord(ch)
    if 0x20 <= o < 0x7F:
        return True
    # CJK text (names, addresses on e-licence payloads), CJK and full-width punctuation.
    return (0x3000 <= o <= 0x303F or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
            or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x3134F or o in (0x00B7, 0x2014, 0x2026))


def decode_code(raw: bytes) -> str | None:
    """UTF-8 first (current scanners), then GB18030 (older ones set to Chinese output); None for garbage.

    GB18030 accepts almost any byte pair, so the decoded text must also look like a code: printable ASCII
    or CJK. Noise from a wrong baud rate fails that test.
    """
    for enc in ("utf-8", "gb18030"):
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        text = text.strip()
        if text and all(_plausible_char(c) for c in text):
            return text
    return None


class ScanFramer:
    """Feed bytes as they arrive; get complete frames back."""

    def __init__(self, framing: Framing = "auto", *, max_length: int = 1024,
                 inter_byte_timeout_s: float = 0.3):
        self.framing = framing
        self.max_length = max_length
        self.inter_byte_timeout_s = inter_byte_timeout_s
        self._buf = bytearray()
        self._last_byte_at: float | None = None
        self._overflowed = False
        self._in_stx = False
        self._last_was_cr = False

    @property
    def pending(self) -> bytes:
        return bytes(self._buf)

    def reset(self) -> Frame | None:
        """Forget a partial frame (port lost); returns it as dropped, if there was one."""
        out = Frame(None, bytes(self._buf), "stale") if self._buf else None
        self._buf.clear()
        self._overflowed = self._in_stx = self._last_was_cr = False
        self._last_byte_at = None
        return out

    def poll(self, now: float) -> Frame | None:
        """Drop a partial frame whose last byte is older than the inter-byte timeout (called on idle reads)."""
        if self._buf and self._last_byte_at is not None and now - self._last_byte_at > self.inter_byte_timeout_s:
            return self.reset()
        if self._overflowed and self._last_byte_at is not None and now - self._last_byte_at > self.inter_byte_timeout_s:
            self._overflowed = False
        return None

    def feed(self, data: bytes, now: float) -> list[Frame]:
        out: list[Frame] = []
        stale = self.poll(now)
        if stale:
            out.append(stale)
        for b in data:
            self._last_byte_at = now
            frame = self._byte(b)
            if frame is not None:
                out.append(frame)
        return out

    def _is_end(self, b: int, was_cr: bool) -> bool:
        f = self.framing
        if f == "cr":
            return b == CR
        if f == "lf":
            return b == LF
        if f == "crlf":
            return b == LF and was_cr
        if f == "stx_etx":
            return b == ETX
        return b in (CR, LF, ETX)

    def _byte(self, b: int) -> Frame | None:
        was_cr, self._last_was_cr = self._last_was_cr, b == CR
        if self.framing in ("auto", "stx_etx") and b == STX:
            # A new STX abandons whatever came before it.
            dropped = Frame(None, bytes(self._buf), "stale") if self._buf else None
            self._buf.clear()
            self._overflowed = False
            self._in_stx = True
            return dropped
        if self._is_end(b, was_cr):
            if self.framing == "auto" and b == LF and was_cr and not self._buf:
                return None  # the LF of a CRLF
            return self._finish()
        if self.framing == "crlf" and b == CR:
            return None
        if self.framing == "stx_etx" and not self._in_stx:
            return None  # noise between frames
        if self._overflowed:
            return None
        if len(self._buf) >= self.max_length:
            raw = bytes(self._buf)
            self._buf.clear()
            self._overflowed = True  # skip the rest up to the next terminator
            return Frame(None, raw, "too_long")
        self._buf.append(b)
        return None

    def _finish(self) -> Frame | None:
        raw = bytes(self._buf)
        self._buf.clear()
        self._in_stx = False
        if self._overflowed:
            self._overflowed = False
            return None  # tail of a frame already reported as too long
        if not raw.strip():
            return None
        text = decode_code(raw)
        if text is None:
            return Frame(None, raw, "undecodable")
        return Frame(text, raw)


class DuplicateFilter:
    """Ignores the same code read again within ``window_s`` (a trigger held or a code swiped twice)."""

    def __init__(self, window_s: float = 2.0):
        self.window_s = window_s
        self._last: dict[str, float] = {}

    def accept(self, code: str, now: float) -> bool:
        prev = self._last.get(code)
        self._last = {c: t for c, t in self._last.items() if now - t <= self.window_s}
        self._last[code] = now
        return prev is None or now - prev > self.window_s
