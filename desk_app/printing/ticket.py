"""The queue ticket: ESC/POS bytes for 58/80 mm thermal printers, or a small PDF (preview, system printers)."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from desk_app.domain.printout_kinds import TICKET
from desk_app.printing.documents import check, cn_date
from desk_app.printing.escpos import EscPosBuilder
from desk_app.printing.templates import fill, load_template


def ticket_context(data: dict[str, Any], tpl: dict[str, Any]) -> dict[str, Any]:
    hall = data.get("hall") or {}
    return {
        "hall_name": hall.get("name", ""),
        "department": hall.get("department", ""),
        "enquiry_phone": hall.get("phone") or tpl.get("enquiry", {}).get("phone", ""),
        "ticket_number": data["ticket_number"],
        "ticket_id": data["ticket_id"],
        "category": data.get("category", ""),
        "waiting_ahead": data.get("waiting_ahead", 0),
        "issued_at": cn_date(data.get("issued_at", "")),
        "tag": data.get("tag", ""),
    }


def ticket_lines(data: dict[str, Any], tpl: dict[str, Any]) -> dict[str, Any]:
    """The ticket's text, filled: header, number label, body lines, tag line, footer lines, QR payload."""
    ctx = ticket_context(data, tpl)
    return {
        "header": fill(tpl.get("header", "{hall_name}"), ctx),
        "number_label": fill(tpl.get("number_label", ""), ctx),
        "number": ctx["ticket_number"],
        "tag": fill(tpl.get("tag_line", "【{tag}】"), ctx) if ctx["tag"] else "",
        "lines": [fill(x, ctx) for x in tpl.get("lines", [])],
        "footer": [fill(x, ctx) for x in tpl.get("footer", [])],
        "qr": fill(tpl.get("qr", "ticket:{ticket_id}"), ctx),
        "qr_hint": fill(tpl.get("qr_hint", ""), ctx),
    }


def render_ticket_escpos(data: dict[str, Any], *, width_mm: int = 80,
                         template_dir: Path | str | None = None) -> bytes:
    """The ESC/POS bytes of one ticket (see documents.Ticket for ``data``)."""
    check(TICKET, data)
    t = ticket_lines(data, load_template(TICKET, template_dir))
    big = 4 if width_mm == 80 else 3
    b = EscPosBuilder(width_mm)
    b.align("center").size(2, 2).text_line(t["header"]).size(1, 1)
    if t["number_label"]:
        b.text_line(t["number_label"])
    b.size(big, big).bold(True).text_line(t["number"]).bold(False).size(1, 1)
    if t["tag"]:
        b.size(2, 1).text_line(t["tag"]).size(1, 1)
    b.align("left")
    for line in t["lines"]:
        b.text_line(line)
    b.align("center").qr(t["qr"], module=6 if width_mm == 80 else 5)
    if t["qr_hint"]:
        b.text_line(t["qr_hint"])
    for line in t["footer"]:
        b.text_line(line)
    b.feed(2).cut()
    return b.bytes()


def ticket_pdf(data: dict[str, Any], tpl: dict[str, Any], width_mm: int = 80) -> bytes:
    """The ticket as a PDF page of the paper's width (for preview or a system printer)."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from desk_app.printing import fonts
    from desk_app.printing.codes import draw_qr

    fonts.main_font()
    t = ticket_lines(data, tpl)
    w = width_mm * mm
    h = (110 + 5 * (len(t["lines"]) + len(t["footer"]))) * mm
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(w, h), invariant=1, initialFontName=fonts.MAIN)
    c.setTitle(f"排队小票 {t['number']}")
    y = h - 10 * mm
    cx = w / 2
    fonts.draw_string(c, cx, y, t["header"], 12, align="center")
    y -= 8 * mm
    fonts.draw_string(c, cx, y, t["number_label"], 9, align="center")
    y -= 16 * mm
    fonts.draw_string(c, cx, y, t["number"], 40, align="center")
    y -= 9 * mm
    if t["tag"]:
        fonts.draw_string(c, cx, y, t["tag"], 12, align="center")
        y -= 7 * mm
    for line in t["lines"]:
        fonts.draw_string(c, 5 * mm, y, line, 9)
        y -= 5 * mm
    qs = 28 * mm
    y -= qs
    draw_qr(c, cx - qs / 2, y, t["qr"], size=qs)
    y -= 5 * mm
    fonts.draw_string(c, cx, y, t["qr_hint"], 8, align="center")
    y -= 6 * mm
    for line in t["footer"]:
        fonts.draw_string(c, cx, y, line, 8, align="center")
        y -= 4.5 * mm
    c.showPage()
    c.save()
    return buf.getvalue()
