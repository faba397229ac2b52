"""Printing figures as JSON lines: bare reportlab (one A4 page, 20 table rows, CJK font) beside our 20-material
one-time notice, warm and first render (fresh process, font loading included), and ticket ESC/POS bytes.

Run: .venv/bin/python bench/printing.py [--repeat 30]
Goals (issue 4): ours warm within 2x of bare reportlab warm; first render incl. font loading <= 150 ms;
ticket bytes <= 5 ms.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARE = r'''
import io, time
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

FONT = "%(font)s"
_registered = []

def register():
    if not _registered:
        pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
        _registered.append(1)

def render():
    register()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4)
    rows = [["序号", "材料名称", "要求", "原因"]] + [
        [str(i), f"个体工商户注册登记申请书{i}", "原件和复印件；1份；A4纸张", "未提交"] for i in range(1, 21)]
    t = Table(rows)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "WQY", 9), ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
    title = Paragraph("一次性告知通知书", ParagraphStyle("t", fontName="WQY", fontSize=18, leading=24))
    doc.build([title, t])
    return buf.getvalue()
'''

# The same content as our notice (same strings, wrapping cells as Paragraphs, table head repeated), without our
# page furniture (header with QR and barcode, footer with page N of M, seal): what the content alone costs.
BARE_SAME = BARE + r'''
from desk_app.printing.samples import sample
from reportlab.lib.units import mm
_D = sample("one-time-notice", materials=20)
_D["applicant"] = dict(_D["applicant"], name="王明")

def render():
    register()
    body = ParagraphStyle("b", fontName="WQY", fontSize=10.5, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("c", fontName="WQY", fontSize=9.5, leading=12.5, wordWrap="CJK")
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm)
    w = A4[0] - 36 * mm
    info = Table([["申请人", "王明", "居民身份证", "**************1234"], ["事项名称", _D["item"]["name"], "", ""],
                  ["实施编码", _D["item"]["code"], "", ""], ["事项类型", "承诺件", "办件编号", _D["case_number"]],
                  ["受理窗口", "5号窗口", "经办人", "李娜"], ["日期", "2026年11月23日", "咨询电话", "0535-12345"]],
                 colWidths=[w * 0.14, w * 0.36, w * 0.18, w * 0.32])
    info.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "WQY", 9.5), ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
    rows = [[Paragraph(t, cell) for t in ("序号", "材料名称", "问题", "要求（原件/复印件、份数、纸张规格、出具单位）", "原因")]]
    for i, m in enumerate(_D["materials"], 1):
        r = m["requirement"]
        req = f"{r['original_or_copy']}；{r['copies']}份；{r['paper_size']}纸张；出具单位：{r['issuing_body']}"
        rows.append([str(i), Paragraph(m["name"], cell), m["problem"], Paragraph(req, cell), Paragraph(m["reason"], cell)])
    t = Table(rows, colWidths=[w * f for f in (8 / 160, 42 / 160, 14 / 160, 56 / 160, 40 / 160)], repeatRows=1)
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "WQY", 9.5), ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0))]))
    story = [Paragraph("一次性告知通知书", ParagraphStyle("t", fontName="WQY", fontSize=18, leading=24)), info,
             Paragraph("王明：<br/>您（单位）于2026年11月23日申请办理的“个体工商户设立登记”（承诺件），经审查，申请材料不齐全或者不符合法定形式。"
                       "根据有关规定，现一次性告知您需要补齐、补正的全部材料如下（共 20 项）：", body), t,
             Paragraph("请于 2026年12月7日 前携带上述材料到示例市政务服务中心5号窗口补齐补正。本通知书每个办件只出具一次。", body),
             Paragraph("法律依据：《中华人民共和国行政许可法》第三十二条第一款第（四）项。", body),
             Paragraph("申请人（代理人）签收：____________________　　签收日期：______年____月____日", body)]
    doc.build(story)
    return buf.getvalue()
'''

OURS = r'''
import time
from desk_app.printing.pdf import render_pdf
from desk_app.printing.samples import sample
DATA = sample("one-time-notice", materials=20)
DATA["applicant"] = dict(DATA["applicant"], name=%(name)r)
def render():
    return render_pdf("one-time-notice", DATA)
'''

FIRST = r'''
import time, json
t_import = time.perf_counter()
%(setup)s
t0 = time.perf_counter()
render()
t1 = time.perf_counter()
print(json.dumps({"import_ms": (t0 - t_import) * 1000, "first_ms": (t1 - t0) * 1000}))
'''


def first_render(setup: str) -> dict:
    out = subprocess.run([sys.executable, "-c", FIRST % {"setup": setup}], cwd=ROOT, capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def warm(render, repeat: int) -> float:
    render()
    render()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        render()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def interleaved(a, b, repeat: int) -> tuple[list[float], list[float]]:
    for f in (a, b, a, b):
        f()
    ta, tb = [], []
    for _ in range(repeat):
        for f, out in ((a, ta), (b, tb)):
            t = time.perf_counter()
            f()
            out.append((time.perf_counter() - t) * 1000)
    return ta, tb


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    font = str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc")
    bare_src = BARE % {"font": font}
    ours_src = OURS % {"name": "王明"}
    rare_src = OURS % {"name": "王䶮"}

    ns_bare: dict = {}
    exec(bare_src, ns_bare)
    ns_ours: dict = {}
    exec(ours_src, ns_ours)
    # Interleaved, so both see the same machine load (the PC is shared); median and minimum reported.
    bare_t, ours_t = interleaved(ns_bare["render"], ns_ours["render"], args.repeat)
    bare_warm, ours_warm = statistics.median(bare_t), statistics.median(ours_t)
    firsts_bare = [first_render(bare_src) for _ in range(3)]
    firsts_ours = [first_render(ours_src) for _ in range(3)]
    firsts_rare = [first_render(rare_src) for _ in range(3)]

    def med(rows, key):
        return round(statistics.median(r[key] for r in rows), 2)

    print(json.dumps({"bench": "bare_reportlab_20_rows", "warm_ms": round(bare_warm, 2),
                      "warm_min_ms": round(min(bare_t), 2),
                      "first_ms_incl_font_registration": med(firsts_bare, "first_ms"),
                      "import_ms": med(firsts_bare, "import_ms")}, ensure_ascii=False))
    print(json.dumps({"bench": "one_time_notice_20_materials", "warm_ms": round(ours_warm, 2),
                      "warm_min_ms": round(min(ours_t), 2),
                      "warm_ratio_to_bare": round(ours_warm / bare_warm, 2),
                      "warm_min_ratio_to_bare": round(min(ours_t) / min(bare_t), 2), "goal_ratio": 2.0,
                      "first_ms_incl_font_loading": med(firsts_ours, "first_ms"), "goal_first_ms": 150,
                      "import_ms": med(firsts_ours, "import_ms"),
                      "pages": 2}, ensure_ascii=False))
    ns_same: dict = {}
    exec(BARE_SAME % {"font": font}, ns_same)
    same_t, ours_t2 = interleaved(ns_same["render"], ns_ours["render"], args.repeat)
    print(json.dumps({"bench": "bare_reportlab_same_content", "note": "our notice's content without header, QR, "
                      "barcode, footer and seal", "warm_ms": round(statistics.median(same_t), 2),
                      "ours_warm_ms": round(statistics.median(ours_t2), 2),
                      "ours_ratio": round(statistics.median(ours_t2) / statistics.median(same_t), 2)},
                     ensure_ascii=False))
    print(json.dumps({"bench": "one_time_notice_20_materials_rare_name", "note": "name 王䶮 loads the fallback font",
                      "first_ms_incl_font_loading": med(firsts_rare, "first_ms")}, ensure_ascii=False))

    from desk_app.printing.samples import sample
    from desk_app.printing.ticket import render_ticket_escpos
    t = sample("ticket")
    t_rare = dict(t, hall=dict(t["hall"], name="王䶮便民服务中心"))
    for label, data in (("ticket_escpos_80mm", t), ("ticket_escpos_58mm_raster_line", t_rare)):
        ms = warm(lambda d=data: render_ticket_escpos(d, width_mm=58 if "58" in label else 80), args.repeat * 10)
        print(json.dumps({"bench": label, "warm_ms": round(ms, 3), "goal_ms": 5,
                          "bytes": len(render_ticket_escpos(data))}, ensure_ascii=False))


if __name__ == "__main__":
    main()
