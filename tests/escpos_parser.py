"""An ESC/POS byte parser for the tests: recovers text lines (GB18030 in Chinese mode), QR payloads, rasters, cuts."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Parsed:
    lines: list[str] = field(default_factory=list)
    qr: list[str] = field(default_factory=list)
    rasters: list[tuple[int, int, bytes]] = field(default_factory=list)  # (width bytes, height, data)
    cuts: int = 0
    sizes: list[int] = field(default_factory=list)       # GS ! n values
    chinese_mode_on: bool = False
    events: list[tuple] = field(default_factory=list)    # everything in order, e.g. ("text", "…"), ("size", n)


def parse(data: bytes) -> Parsed:
    p = Parsed()
    i, n = 0, len(data)
    chinese = False
    buf = bytearray()

    def flush_line() -> None:
        text = buf.decode("gb18030") if chinese else buf.decode("ascii")
        p.lines.append(text)
        p.events.append(("text", text))
        buf.clear()

    while i < n:
        b = data[i]
        if b == 0x0A:
            flush_line()
            i += 1
        elif b == 0x1B:  # ESC
            cmd = data[i + 1]
            if cmd == ord("@"):
                i += 2
            elif cmd in (ord("a"), ord("E"), ord("d"), ord("!"), ord("M"), ord("-")):
                p.events.append(("esc", chr(cmd), data[i + 2]))
                i += 3
            else:
                raise AssertionError(f"unknown ESC {cmd:#x} at {i}")
        elif b == 0x1C:  # FS
            cmd = data[i + 1]
            if cmd == ord("&"):
                chinese = True
                p.chinese_mode_on = True
            elif cmd == ord("."):
                chinese = False
            else:
                raise AssertionError(f"unknown FS {cmd:#x}")
            i += 2
        elif b == 0x1D:  # GS
            cmd = data[i + 1]
            if cmd == ord("!"):
                p.sizes.append(data[i + 2])
                p.events.append(("size", data[i + 2]))
                i += 3
            elif cmd == ord("V"):
                m = data[i + 2]
                p.cuts += 1
                p.events.append(("cut", m))
                i += 4 if m in (65, 66) else 3
            elif cmd == ord("(") and data[i + 2] == ord("k"):
                ln = data[i + 3] | (data[i + 4] << 8)
                body = data[i + 5:i + 5 + ln]
                if body[:3] == b"1P0":
                    payload = body[3:].decode("utf-8")
                    p.qr.append(payload)
                    p.events.append(("qr", payload))
                i += 5 + ln
            elif cmd == ord("v") and data[i + 2] == ord("0"):
                xl, xh, yl, yh = data[i + 4:i + 8]
                w, h = xl | xh << 8, yl | yh << 8
                raster = data[i + 8:i + 8 + w * h]
                assert len(raster) == w * h, "truncated raster"
                p.rasters.append((w, h, raster))
                p.events.append(("raster", w, h))
                i += 8 + w * h
            else:
                raise AssertionError(f"unknown GS {cmd:#x}")
        elif b == 0x10:  # DLE EOT n: status request
            i += 3
        else:
            buf.append(b)
            i += 1
    if buf:
        flush_line()
    return p
