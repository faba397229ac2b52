"""Queue ticket ESC/POS bytes: GB18030 text in Chinese mode (punctuation-only lines too), raster for what the printer
cannot print, large number, QR payload, cut — recovered by an independent parser."""
from __future__ import annotations

import pytest

from desk_app.printing.escpos import EscPosBuilder, printer_can_encode, render_line_bitmap
from desk_app.printing.samples import sample
from desk_app.printing.ticket import render_ticket_escpos

from tests.escpos_parser import parse


@pytest.mark.parametrize("width", [58, 80])
def test_ticket_bytes_recover_text_qr_and_cut(width):
    data = sample("ticket")
    parsed = parse(render_ticket_escpos(data, width_mm=width))
    assert parsed.chinese_mode_on
    assert "示例市政务服务中心" in parsed.lines
    assert "A023" in parsed.lines
    assert "业务类别：综合业务" in parsed.lines
    assert "您前面还有 7 人等候" in parsed.lines
    assert "取号时间：2026年11月23日 09:41" in parsed.lines
    assert "【绿色通道】" in parsed.lines
    assert "咨询电话：0535-12345" in parsed.lines
    # windows re-serve no-shows the same day (过号受理): the ticket must not send people to queue again
    assert not any("重新排队" in line for line in parsed.lines)
    assert "过号当天仍可办理，无需重新取号，" in parsed.lines and "请持本票到叫号窗口说明。" in parsed.lines
    assert parsed.qr == [f"ticket:{data['ticket_id']}"]
    assert parsed.cuts == 1 and parsed.events[-1][0] == "cut"
    assert not parsed.rasters
    # the number is printed large: a magnification (GS !) is in force right before it
    i = parsed.events.index(("text", "A023"))
    size = next(e[1] for e in reversed(parsed.events[:i]) if e[0] == "size")
    assert (size >> 4) + 1 >= 3 and (size & 0x0F) + 1 >= 3


def test_punctuation_only_line_is_sent_as_gb18030_text():
    b = EscPosBuilder(80)
    b.text_line("——————————").text_line("，。！？……").text_line("【】《》“”")
    parsed = parse(b.bytes())
    assert parsed.lines == ["——————————", "，。！？……", "【】《》“”"]
    assert b"?" not in b.bytes()


@pytest.mark.parametrize("name", ["王䶮", "张𠇔", "𡒄"])
def test_rare_character_line_goes_out_as_a_raster_image(name):
    data = sample("ticket")
    data["hall"] = dict(data["hall"], name=f"{name}便民服务中心")
    parsed = parse(render_ticket_escpos(data, width_mm=58))
    assert not any(name in line for line in parsed.lines)  # never as text the printer would print as '?'
    assert len(parsed.rasters) == 1
    w, h, rows = parsed.rasters[0]
    assert h >= 24 and 0 < w <= 384 // 8
    assert any(rows)  # something black was drawn
    assert "A023" in parsed.lines  # the rest is still text


def test_raster_has_the_glyph_not_a_box():
    from desk_app.printing import fonts
    assert fonts.font_for_char("𡒄") is not None
    missing = next(chr(c) for c in range(0x2A6DF, 0x20000, -1) if fonts.font_for_char(chr(c)) is None)
    _, _, with_rare = render_line_bitmap("𡒄", 384, 24)
    _, _, notdef = render_line_bitmap(missing, 384, 24)  # what a box (.notdef) looks like
    assert with_rare != notdef and any(with_rare)


def test_printer_can_encode():
    assert printer_can_encode("中") and printer_can_encode("，") and printer_can_encode("A")
    assert not printer_can_encode("䶮") and not printer_can_encode("𠇔") and not printer_can_encode("\x07")
