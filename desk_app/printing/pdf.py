"""A4 printouts with reportlab: header on every page, sections laid out from the template, page N of M, reprint mark."""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle,
)

from desk_app.domain.printout_kinds import printout_kind
from desk_app.printing import fonts
from desk_app.printing.codes import draw_code128, draw_qr
from desk_app.printing.documents import check, clause, cn_date, mask_id
from desk_app.printing.templates import find_file, fill, load_template

HEADER_H = 40 * mm
FOOTER_H = 12 * mm


# ----------------------------------------------------------------------------- context


def _days(n: Any) -> str:
    if n in (None, ""):
        return "________"
    n = int(n)
    return "当场办结" if n == 0 else f"{n}个工作日"


def _requirement_text(req: dict[str, Any] | None) -> str:
    if not req:
        return ""
    parts = []
    if req.get("original_or_copy"):
        parts.append(str(req["original_or_copy"]))
    if req.get("copies"):
        parts.append(f"{req['copies']}份")
    if req.get("paper_size"):
        parts.append(f"{req['paper_size']}纸张")
    if req.get("issuing_body"):
        parts.append(f"出具单位：{req['issuing_body']}")
    return "；".join(parts)


def build_context(kind: str, data: dict[str, Any], tpl: dict[str, Any]) -> dict[str, Any]:
    """The flat placeholder dictionary of a document (the names docs/printouts.md lists)."""
    hall = data.get("hall") or {}
    applicant = data.get("applicant") or {}
    item = data.get("item") or {}
    receiver = data.get("receiver") or {}
    ctx: dict[str, Any] = {
        "title": tpl.get("title", ""),
        "hall_name": hall.get("name", ""),
        "department": hall.get("department") or hall.get("name", ""),
        "enquiry_phone": hall.get("phone") or tpl.get("enquiry", {}).get("phone", ""),
        "document_number": data.get("document_number", ""),
        "case_number": data.get("case_number", ""),
        "applicant_name": applicant.get("name", ""),
        "applicant_id": mask_id(applicant.get("id_number")),
        "applicant_id_type": applicant.get("id_type") or "居民身份证",
        "agent_name": applicant.get("agent_name", ""),
        "agent_id": mask_id(applicant.get("agent_id_number")),
        "item_name": item.get("name", ""),
        "item_code": item.get("code", ""),
        "item_type": item.get("type") or ("即办件" if item.get("promised_days") == 0 else "承诺件"),
        "promised_text": _days(item.get("promised_days")),
        "legal_text": _days(item.get("legal_days")),
        "clerk": data.get("clerk", ""),
        "window": data.get("window", ""),
        "date": cn_date(data.get("date", "")),
        "material_count": len(data.get("materials") or []),
        "receiver_name": receiver.get("name", ""),
        "receiver_id": mask_id(receiver.get("id_number")),
        "receiver_role": "代理人" if receiver.get("is_agent") else "申请人本人",
    }
    for key in ("deadline", "accepted_on", "promised_date", "handed_at", "report_date"):
        if key in data:
            ctx[key] = cn_date(data[key])
    for key in ("delivery", "review_body", "court", "prepared_by"):
        if key in data:
            ctx[key] = data[key]
    for key in ("reason", "handled_by"):  # set inside the template's sentences
        if key in data:
            ctx[key] = clause(data[key])
    # the daily report covers one window or the whole hall
    ctx["scope"] = data.get("scope") or (f"{ctx['window']}号窗口" if ctx["window"] else "")
    # No case, no progress to check (e.g. the daily report): no QR unless the caller gives an address.
    ctx["progress_url"] = data.get("progress_url") or (
        fill(tpl.get("progress", {}).get("url", ""), ctx) if ctx["case_number"] else "")
    ctx["progress_hint"] = data.get("progress_hint") or tpl.get("progress", {}).get("hint", "")
    return ctx


# ----------------------------------------------------------------------------- styles


@lru_cache(maxsize=8)
def _styles(size: float, leading: float) -> dict[str, ParagraphStyle]:
    fonts.main_font()
    body = ParagraphStyle("body", fontName=fonts.MAIN, fontSize=size, leading=leading, wordWrap="CJK")
    return {
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=size - 1, leading=leading - 3),
        "head": ParagraphStyle("head", parent=body, fontSize=size - 1, leading=leading - 3, alignment=1),
        "small": ParagraphStyle("small", parent=body, fontSize=size - 1.5, leading=leading - 4,
                                textColor=colors.HexColor("#333333")),
    }


def _para(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(fonts.markup(str(text)), style)


# Characters that must not start a line (Chinese line-breaking rules, 禁则).
_NO_LINE_START = set("，。、；：？！）》」』】〕”’…—·,.;:?!)]}%")
CELL_PADDING = 6  # reportlab's default left and right cell padding, points


@lru_cache(maxsize=16)
def _char_widths(size: float) -> dict[str, float]:
    return {}


def _wrap_plain(s: str, width: float, size: float) -> str | None:
    """Break ``s`` into lines of at most ``width`` points; None when a Paragraph is needed (rare characters).

    Table cells holding plain strings with newlines cost a fraction of Paragraph cells; most cells are
    plain Chinese text in the main font, so this is the hot path of every document.
    """
    glyphs = fonts.main_font().face.charToGlyph
    if any(ord(c) not in glyphs for c in s if c != "\n"):
        return None
    lines: list[str] = []
    for para in s.split("\n"):
        if stringWidth(para, fonts.MAIN, size) <= width:
            lines.append(para)
            continue
        cur, cur_w = "", 0.0
        widths = _char_widths(size)
        for ch in para:
            w = widths.get(ch)
            if w is None:
                w = widths[ch] = stringWidth(ch, fonts.MAIN, size)
            if cur and cur_w + w > width and ch not in _NO_LINE_START:
                lines.append(cur)
                cur, cur_w = "", 0.0
            cur += ch
            cur_w += w
        lines.append(cur)
    return "\n".join(lines)


def _cell(text: Any, style: ParagraphStyle, width: float) -> Any:
    """A plain (pre-wrapped) string in the main font, or a Paragraph when rare characters need font runs."""
    s = str(text)
    wrapped = _wrap_plain(s, width - 2 * CELL_PADDING - 0.5, style.fontSize)
    return wrapped if wrapped is not None else _para(s, style)


# ----------------------------------------------------------------------------- sections


class SealBlock(Flowable):
    """The department name and date at the right, with the seal image over them (the seal position)."""

    def __init__(self, department: str, date_text: str, label: str, seal: Path | None, size: float,
                 dx: float, dy: float, font_size: float):
        super().__init__()
        self.department, self.date_text, self.label = department, date_text, label
        self.seal, self.size, self.dx, self.dy, self.font_size = seal, size, dx, dy, font_size
        self.height = max(size, 3 * font_size * 1.6) + 4 * mm

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.height

    def draw(self):
        c = self.canv
        cx = self.width - 45 * mm
        cy = self.height / 2
        line = self.font_size * 1.6
        if self.seal is not None:
            # Under the text: an opaque (JPEG) seal must not hide the department name and date.
            src = str(self.seal) if self.seal.suffix.lower() in (".jpg", ".jpeg") else _image(self.seal)
            c.drawImage(src, cx - self.size / 2 + self.dx, cy - self.size / 2 + self.dy,
                        self.size, self.size, mask=None if isinstance(src, str) else "auto")
        fonts.draw_string(c, cx, cy + line * 0.6, self.department, self.font_size + 1, align="center")
        fonts.draw_string(c, cx, cy - line * 0.5, self.date_text, self.font_size, align="center")
        fonts.draw_string(c, cx, cy - line * 1.6, self.label, self.font_size - 1.5, align="center")


@lru_cache(maxsize=8)
def _image(path: Path) -> ImageReader:
    return ImageReader(str(path))


def _table(rows: list[list[Any]], widths: list[float], *, header: bool) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        ("FONT", (0, 0), (-1, -1), fonts.MAIN, 9.5, 12.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")), ("ALIGN", (0, 0), (-1, 0), "CENTER")]
    t.setStyle(TableStyle(style))
    return t


def _info_rows(ctx: dict[str, Any], data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    rows = [("申请人", ctx["applicant_name"], ctx["applicant_id_type"], ctx["applicant_id"])]
    if ctx["agent_name"]:
        rows.append(("代理人", ctx["agent_name"], "代理人证件号码", ctx["agent_id"]))
    rows += [
        ("事项名称", ctx["item_name"], "", ""),
        ("实施编码", ctx["item_code"], "", ""),
        ("事项类型", ctx["item_type"], "办件编号", ctx["case_number"]),
        ("受理窗口", f"{ctx['window']}号窗口", "经办人", ctx["clerk"]),
        ("日期", ctx["date"], "咨询电话", ctx["enquiry_phone"]),
    ]
    return rows


def _sections(kind: str, data: dict[str, Any], tpl: dict[str, Any], ctx: dict[str, Any],
              frame_w: float) -> list[Any]:
    page = tpl.get("page", {})
    st = _styles(float(page.get("font_size", 10.5)), float(page.get("leading", 16)))
    out: list[Any] = []
    for sec in tpl.get("section", []):
        typ = sec.get("type")
        if typ == "paragraph":
            out += [_para(fill(sec["text"], ctx), st["body"]), Spacer(0, 2 * mm)]
        elif typ == "heading":
            out += [_para(fill(sec["text"], ctx), st["body"]), Spacer(0, 1 * mm)]
        elif typ in ("info", "fields"):
            if typ == "info":
                rows4 = _info_rows(ctx, data)
                w = [frame_w * f for f in (0.14, 0.36, 0.18, 0.32)]
                rows = [[r[0], _cell(r[1], st["cell"], w[1] + (0 if r[2] else w[2] + w[3])), r[2],
                         _cell(r[3], st["cell"], w[3])] for r in rows4]
                # item name and code are long: they span the row
                spans = [("SPAN", (1, i), (3, i)) for i, r in enumerate(rows4) if not r[2]]
                spans += [("BACKGROUND", (2, i), (2, i), colors.HexColor("#F4F4F4"))
                          for i, r in enumerate(rows4) if r[2]]
            else:
                spans = []
                w = [frame_w * 0.22, frame_w * 0.78]
                rows = [[fill(a, ctx), _cell(fill(b, ctx), st["cell"], w[1])] for a, b in sec["rows"]]
            t = _table(rows, w, header=False)
            t.setStyle(TableStyle(spans + [("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#F4F4F4"))]))
            out += [t, Spacer(0, 4 * mm)]
        elif typ == "table":
            cols = sec["columns"]
            total = sum(float(c.get("width", 1)) for c in cols)
            widths = [frame_w * float(c.get("width", 1)) / total for c in cols]
            rows: list[list[Any]] = [[_cell(c["title"], st["head"], widths[j]) for j, c in enumerate(cols)]]
            for i, entry in enumerate(data.get(sec["source"]) or [], 1):
                rec = dict(entry)
                rec["#"] = i
                rec.setdefault("requirement_text", _requirement_text(entry.get("requirement")))
                rec.setdefault("problem", "")
                rows.append([_cell(rec.get(c["field"], ""), st["cell"], widths[j]) for j, c in enumerate(cols)])
            if len(rows) == 1:
                rows.append([_cell(sec.get("empty", "（无）"), st["cell"], widths[0])] + [""] * (len(cols) - 1))
            out += [_table(rows, widths, header=True), Spacer(0, 4 * mm)]
        elif typ == "list":
            for i, entry in enumerate(data.get(sec["source"]) or [], 1):
                rec = dict(ctx)
                rec.update(entry)
                rec["#"] = i
                basis = entry.get("legal_basis")
                rec["basis_text"] = f"（依据：{basis}）" if basis else ""
                out.append(_para(fill(sec["item"], rec), st["body"]))
            out.append(Spacer(0, 2 * mm))
        elif typ == "legal_basis":
            if tpl.get("legal_basis"):
                out += [_para("法律依据：" + fill(tpl["legal_basis"], ctx), st["small"]), Spacer(0, 2 * mm)]
        elif typ == "copies":
            out += [_para(copies_text(data, tpl), st["small"]), Spacer(0, 3 * mm)]
        elif typ == "signature":
            out += [Spacer(0, 3 * mm), _para(fill(sec["text"], ctx), st["body"])]
        elif typ == "seal":
            seal_cfg = tpl.get("seal", {})
            seal_path = find_file(tpl, seal_cfg.get("image", "")) if seal_cfg.get("image") else None
            out.append(SealBlock(ctx["department"], ctx["date"], seal_cfg.get("label", "（盖章）"), seal_path,
                                 float(seal_cfg.get("size_mm", 40)) * mm, float(seal_cfg.get("dx_mm", 0)) * mm,
                                 float(seal_cfg.get("dy_mm", 0)) * mm, st["body"].fontSize))
    # The signature line and the seal belong together on the last page.
    if len(out) >= 3 and isinstance(out[-1], SealBlock):
        out[-3:] = [KeepTogether(out[-3:])]
    return out


def copies_text(data: dict[str, Any], tpl: dict[str, Any]) -> str:
    copies = data.get("copies") or tpl.get("copies") or []
    cfg = tpl.get("copies_text") or {}
    base = {"intro": "本文书一式 {total} 份：", "item": "{count} 份交{to}", "sep": "，"}
    common = tpl.get("copies_format") or {}
    base.update({k: v for k, v in common.items() if isinstance(v, str)})
    base.update({k: v for k, v in cfg.items() if isinstance(v, str)})
    total = sum(int(c.get("count", 1)) for c in copies)
    items = base["sep"].join(base["item"].format(count=c.get("count", 1), to=c.get("to", "")) for c in copies)
    return base["intro"].format(total=total) + items + "。"


# ----------------------------------------------------------------------------- page furniture


class _NumberedCanvas(Canvas):
    """Defers each page until the total is known, then writes the footer "第 N 页 共 M 页" on every page."""

    footer: Any = None  # callable(canvas, page, pages)

    def __init__(self, *args, **kwargs):
        # Without this every page would reference Helvetica, a font that is not embedded.
        if not kwargs.get("initialFontName"):
            kwargs["initialFontName"] = fonts.MAIN
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []

    def showPage(self):
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved)
        for i, state in enumerate(self._saved, 1):
            self.__dict__.update(state)
            if self.footer:
                self.footer(self, i, total)
            super().showPage()
        super().save()


def _header(canvas, tpl: dict[str, Any], ctx: dict[str, Any], reprint_of: int | None) -> None:
    """The same header on every page: drawn once into a form XObject, placed on each page."""
    if not getattr(canvas, "_desk_header_form", False):
        canvas.beginForm("deskHeader")
        _draw_header(canvas, tpl, ctx, reprint_of)
        canvas.endForm()
        canvas._desk_header_form = True
    canvas.doForm("deskHeader")


def _draw_header(canvas, tpl: dict[str, Any], ctx: dict[str, Any], reprint_of: int | None) -> None:
    w, h = canvas._pagesize
    m = float(tpl.get("page", {}).get("margin_mm", 18)) * mm
    top = h - m
    hdr = tpl.get("header", {})
    canvas.saveState()
    fonts.draw_string(canvas, w / 2, top - 4 * mm, fill(hdr.get("line", "{hall_name}"), ctx), 11, align="center")
    sub = fill(hdr.get("subline", "{department}"), ctx)
    if sub and sub != ctx["hall_name"]:
        fonts.draw_string(canvas, w / 2, top - 9 * mm, sub, 9.5, align="center")
    fonts.draw_string(canvas, w / 2, top - 19 * mm, ctx["title"], 18, align="center")
    qr_size = 20 * mm
    if ctx.get("progress_url"):
        draw_qr(canvas, w - m - qr_size, top - qr_size, ctx["progress_url"], size=qr_size)
        fonts.draw_string(canvas, w - m - qr_size / 2, top - qr_size - 3.2 * mm, "扫码查进度", 7, align="center")
    if reprint_of:
        canvas.setFillColorRGB(0.8, 0, 0)
        canvas.setStrokeColorRGB(0.8, 0, 0)
        text = fill(tpl.get("reprint", {}).get("text", "补打（第 {reprint} 次）"), {"reprint": reprint_of})
        width = fonts.draw_string(canvas, m + 2 * mm, top - 6 * mm, text, 11)
        canvas.rect(m, top - 8.5 * mm, width + 4 * mm, 7 * mm, stroke=1, fill=0)
        canvas.setFillColorRGB(0, 0, 0)
    y = top - 29 * mm
    fonts.draw_string(canvas, m, y, hdr.get("number_label", "文书编号：") + ctx["document_number"], 9.5)
    if ctx.get("case_number"):
        bw, bh = 52 * mm, 7 * mm
        x = w - m - bw
        draw_code128(canvas, x, y - 1.5 * mm, ctx["case_number"], width=bw, height=bh)
        fonts.draw_string(canvas, x + bw / 2, y - 5 * mm, hdr.get("case_label", "办件编号：") + ctx["case_number"],
                          8, align="center")
    canvas.setLineWidth(0.8)
    canvas.line(m, top - HEADER_H + 3 * mm, w - m, top - HEADER_H + 3 * mm)
    canvas.restoreState()


def _footer_fn(tpl: dict[str, Any], ctx: dict[str, Any]):
    def footer(canvas, page: int, pages: int) -> None:
        w, _h = canvas._pagesize
        m = float(tpl.get("page", {}).get("margin_mm", 18)) * mm
        y = m - 2 * mm
        canvas.saveState()
        canvas.setLineWidth(0.4)
        canvas.line(m, y + 5 * mm, w - m, y + 5 * mm)
        fonts.draw_string(canvas, m, y, tpl.get("enquiry", {}).get("label", "咨询电话：") + str(ctx["enquiry_phone"]), 8.5)
        fonts.draw_string(canvas, w / 2, y, fill(tpl.get("footer", {}).get("page", "第 {page} 页 共 {pages} 页"),
                                                 {"page": page, "pages": pages}), 8.5, align="center")
        fonts.draw_string(canvas, w - m, y, ctx["document_number"], 8.5, align="right")
        canvas.restoreState()
    return footer


# ----------------------------------------------------------------------------- entry point


def render_pdf(kind: str, data: dict[str, Any], *, template_dir: Path | str | None = None,
               reprint_of: int | None = None) -> bytes:
    """Render one printout to PDF bytes.

    ``kind``: one of domain/printout_kinds.KINDS. ``data``: the dict documented in docs/printouts.md (TypedDicts in
    documents.py). ``template_dir``: a hall's override folder. ``reprint_of``: the reprint count (1 for the
    first reprint); the document is then marked 补打 with that count on every page.
    """
    check(kind, data)
    tpl = load_template(kind, template_dir)
    if printout_kind(kind).thermal:
        from desk_app.printing.ticket import ticket_pdf
        return ticket_pdf(data, tpl)
    fonts.main_font()
    ctx = build_context(kind, data, tpl)
    page = tpl.get("page", {})
    margin = float(page.get("margin_mm", 18)) * mm
    w, h = A4
    buf = io.BytesIO()
    frame = Frame(margin, margin + FOOTER_H - 4 * mm, w - 2 * margin, h - 2 * margin - HEADER_H - FOOTER_H + 4 * mm,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, title=f"{ctx['title']} {ctx['document_number']}",
                          author=ctx["department"], subject=ctx["case_number"], creator="desk_app",
                          invariant=1, initialFontName=fonts.MAIN, initialFontSize=10)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame],
                                       onPage=lambda c, d: _header(c, tpl, ctx, reprint_of))])
    canvasmaker = type("_Canvas", (_NumberedCanvas,), {"footer": staticmethod(_footer_fn(tpl, ctx))})
    doc.build(_sections(kind, data, tpl, ctx, frame._width), canvasmaker=canvasmaker)
    return buf.getvalue()
