"""The A4 printer test page: which printer and document kind, a Chinese text sample, a frame and a 10 mm scale."""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desk_app.printing.fonts import draw_string, main_font


def render_test_page(*, printer: str, kind_label: str, hall_name: str = "", when: str = "") -> bytes:
    main_font()  # registers the CJK fonts before the canvas uses them
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=1)
    c.setTitle("打印测试页")
    w, h = A4
    c.rect(10 * mm, 10 * mm, w - 20 * mm, h - 20 * mm)  # a frame cut off at one side shows a margin problem
    draw_string(c, w / 2, h - 40 * mm, "打印测试页", 28, align="center")
    lines = [f"打印机：{printer or '系统默认打印机'}", f"用于：{kind_label}", f"大厅：{hall_name}" if hall_name else "",
             f"时间：{when}" if when else "", "",
             "汉字样张：政务服务中心 受理通知书 一次性告知通知书 䶮 𠇔",
             "数字与字母：0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ",
             "下方刻度每格 10 毫米：量一下，确认没有缩放。"]
    y = h - 60 * mm
    for line in lines:
        if line:
            draw_string(c, 25 * mm, y, line, 13)
        y -= 9 * mm
    for i in range(11):  # a 100 mm scale
        x = 25 * mm + i * 10 * mm
        c.line(x, y, x, y - (6 * mm if i % 5 == 0 else 4 * mm))
    c.line(25 * mm, y, 125 * mm, y)
    c.showPage()
    c.save()
    return buf.getvalue()
