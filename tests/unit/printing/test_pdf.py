"""A4 printouts: every field DOMAIN.md requires is in the text, fonts embedded as subsets, rare characters,
Code128 and QR codes, long lists over pages with the header repeated, the reprint mark, hall overrides."""
from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from desk_app.domain.errors import ValidationError
from desk_app.printing import A4_KINDS, render_pdf
from desk_app.printing.codes import code128_modules
from desk_app.printing.samples import sample

from tests.pdf_support import pdf_pages_text

COMMON_FIELDS = [
    "示例市政务服务中心", "示例市行政审批服务局",  # hall and department
    "李娜", "5号窗口", "2026年11月23日",          # clerk, window, date
    "（单位盖章）",                                # seal position
    "咨询电话：0535-12345",                        # enquiry phone
]
CASE_FIELDS = [
    "SL20261123-0042",                             # case number (also as barcode)
    "个体工商户设立登记", "11370600MB28532950400011100100001",  # item name and code
]

KIND_FIELDS = {
    "one-time-notice": ["一次性告知通知书", "承诺件", "3个工作日", "15个工作日", "需补正", "复印件不清晰",
                        "2026年12月7日前",
                        "法律依据：", "签收", "本通知书每个办件只出具一次", "本文书一式2份：1份交申请人，1份交受理窗口存档"],
    "materials-receipt": ["收件凭证", "材料名称", "应交份数", "实收份数", "原件/复印件", "备注", "已核验原件",
                          "经营场所使用证明"],
    "acceptance-notice": ["受理通知书", "决定予以受理", "受理日期", "2026年11月26日", "窗口领取（统一出件窗口）",
                          "进度查询", "扫描右上角二维码"],
    "supplement-notice": ["补齐补正通知书（容缺受理）", "容缺材料", "2026年12月7日前", "不予批准的决定"],
    "rejection-decision": ["不予受理决定书", "申请人不具备个体工商户经营者资格", "《促进个体工商户发展条例》第二条",
                           "六十日内向示例市人民政府申请行政复议", "六个月内直接向示例市芝罘区人民法院提起行政诉讼"],
    "refusal-notice": ["不属于本中心受理范围", "示例市公安局出入境管理支队"],
    "pickup-receipt": ["办件结果领取回执", "营业执照（正本）", "营业执照（副本）", "代理人", "2026年11月26日10:15",
                       "张𠇔"],
    "daily-report-cover": ["窗口工作日报", "取号数", "138", "98.6%"],
}


def _doc_number(kind: str) -> str:
    return sample(kind)["document_number"]


@pytest.mark.parametrize("kind", A4_KINDS)
def test_every_required_field_is_printed(kind):
    data = sample(kind)
    text = "".join(pdf_pages_text(render_pdf(kind, data)))
    expected = COMMON_FIELDS + KIND_FIELDS[kind] + [_doc_number(kind)]
    if kind != "daily-report-cover":
        expected += CASE_FIELDS + ["王䶮", "**************1234"]
    missing = [f for f in expected if f.replace(" ", "") not in text]
    assert not missing, f"{kind} lacks {missing}"
    assert "370602199003071234" not in text  # the ID is never printed whole


def test_notice_table_lists_each_material_with_requirement_and_reason():
    data = sample("one-time-notice", materials=6)
    text = "".join(pdf_pages_text(render_pdf("one-time-notice", data)))
    for i, m in enumerate(data["materials"], 1):
        req = m["requirement"]
        row = (f"{i}{m['name']}{m['problem']}{req['original_or_copy']}；{req['copies']}份；{req['paper_size']}纸张；"
               f"出具单位：{req['issuing_body']}{m['reason']}")
        assert row in text, row


def test_fonts_are_embedded_subsets_only():
    reader = PdfReader(io.BytesIO(render_pdf("one-time-notice", sample("one-time-notice"))))
    names = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            names.append(str(font["/BaseFont"]))
            desc = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in desc, f"{font['/BaseFont']} is not embedded"
    assert names
    for name in names:
        prefix, _, rest = name.lstrip("/").partition("+")
        assert len(prefix) == 6 and prefix.isupper() and rest, f"{name} is not a subset"
    assert any("WenQuanYi" in n for n in names)


@pytest.mark.parametrize("ch", ["䶮", "𠇔", "𡒄"])
def test_rare_character_prints_with_a_real_glyph(ch):
    from desk_app.printing import fonts

    data = sample("acceptance-notice")
    data["applicant"] = dict(data["applicant"], name=f"李{ch}")
    pdf = render_pdf("acceptance-notice", data)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = [c for c in doc.pages[0].chars if c["text"] == ch]
    assert chars, f"{ch} is not in the text"
    font_name = chars[0]["fontname"].split("+", 1)[1]
    assert font_name.startswith("HanaMin"), font_name
    # the chosen font really has a glyph there (not .notdef, which would print as a box)
    font = fonts._loaded[font_name]
    assert font.face.charToGlyph.get(ord(ch), 0) != 0
    assert ord(ch) not in fonts.main_font().face.charToGlyph


def test_forty_materials_flow_over_pages_with_header_repeated():
    data = sample("one-time-notice", materials=40)
    pages = pdf_pages_text(render_pdf("one-time-notice", data))
    assert len(pages) >= 2
    for i, text in enumerate(pages, 1):
        assert "一次性告知通知书" in text
        assert data["document_number"] in text
        assert "SL20261123-0042" in text
        assert f"第{i}页共{len(pages)}页" in text
    body = "".join(pages)
    assert all(m["name"] in body for m in data["materials"])
    # the table's column heads repeat on the page the table continues on
    assert "材料名称" in pages[1]


def test_reprint_is_marked_with_its_count_on_every_page():
    data = sample("one-time-notice", materials=40)
    pages = pdf_pages_text(render_pdf("one-time-notice", data, reprint_of=2))
    assert all("补打（第2次）" in p for p in pages)
    assert not any("补打" in p for p in pdf_pages_text(render_pdf("one-time-notice", data)))


def test_case_number_barcode_encodes_the_case_number():
    data = sample("materials-receipt")
    pdf = render_pdf("materials-receipt", data)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        text_y = next(w for w in page.extract_words() if data["case_number"] in w["text"])["top"]
        bars = sorted((r for r in page.rects if abs(r["bottom"] - text_y) < 12 and r["height"] > 15),
                      key=lambda r: r["x0"])
    expected = code128_modules(data["case_number"])
    unit = (bars[-1]["x1"] - bars[0]["x0"]) / len(expected)
    pattern, x = "", bars[0]["x0"]
    for r in bars:
        pattern += "0" * round((r["x0"] - x) / unit) + "1" * round(r["width"] / unit)
        x = r["x1"]
    assert pattern == expected


def test_progress_qr_code_decodes_to_the_progress_address():
    import cv2
    import numpy as np
    import pypdfium2

    pdf = render_pdf("acceptance-notice", sample("acceptance-notice"))
    doc = pypdfium2.PdfDocument(pdf)
    try:
        img = doc[0].render(scale=3).to_pil().convert("L")
    finally:
        doc.close()
    payload, _pts, _ = cv2.QRCodeDetector().detectAndDecode(np.array(img))
    assert payload == "https://zwfw.example.gov.cn/progress?case=SL20261123-0042"


def test_seal_image_sits_on_the_last_page():
    pdf = render_pdf("rejection-decision", sample("rejection-decision"))
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        last = doc.pages[-1]
        assert last.images, "no seal image"
        seal = last.images[0]
        label = next(w for w in last.extract_words() if "盖章" in w["text"])
        # the seal covers the department/date block where the stamp goes
        assert seal["x0"] < label["x0"] < seal["x1"] and seal["top"] < label["top"] < seal["bottom"]


def test_a_hall_folder_overrides_wording(tmp_path: Path):
    (tmp_path / "one-time-notice.toml").write_text('legal_basis = "本厅自定的法律依据条文"\n', encoding="utf-8")
    (tmp_path / "common.toml").write_text('[enquiry]\nlabel = "服务热线："\n', encoding="utf-8")
    data = sample("one-time-notice")
    text = "".join(pdf_pages_text(render_pdf("one-time-notice", data, template_dir=tmp_path)))
    assert "本厅自定的法律依据条文" in text
    assert "服务热线：" in text
    assert "一次性告知通知书" in text  # everything not overridden stays


def test_incomplete_document_is_refused_in_chinese():
    data = sample("acceptance-notice")
    del data["promised_date"]
    with pytest.raises(ValidationError) as exc:
        render_pdf("acceptance-notice", data)
    assert exc.value.field == "promised_date"
    assert "缺少" in exc.value.message
    with pytest.raises(ValidationError):
        render_pdf("no-such-kind", data)


def test_same_document_renders_identically():
    data = sample("materials-receipt")
    assert render_pdf("materials-receipt", data) == render_pdf("materials-receipt", data)


def test_hall_renderer_prefers_the_data_directory(tmp_path):
    from desk_app.printing.renderer import TemplateRenderer

    assert TemplateRenderer.for_hall("example").template_dir.name == "example"
    assert TemplateRenderer.for_hall("nope", tmp_path).template_dir is None
    (tmp_path / "printouts").mkdir()
    (tmp_path / "printouts" / "acceptance-notice.toml").write_text('number_word = "受字"\n', encoding="utf-8")
    r = TemplateRenderer.for_hall("example", tmp_path)
    assert r.number_word("acceptance-notice") == "受字" and r.default_copies("acceptance-notice") == 2


def test_warm_up_loads_every_font():
    from desk_app.printing import fonts, warm_up

    warm_up()
    assert {fonts.MAIN, "HanaMinA", "HanaMinB"} <= set(fonts._loaded)
