"""Generates the sample document-camera frames in this folder (a page lying turned on a dark desk).

Run: .venv/bin/python resources/samples/generate_samples.py   (output is deterministic)
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "fonts" / "wqy-microhei.ttc"
FRAME = (3264, 2448)  # an 8-megapixel document camera, landscape like the real ones

PAGES = [
    ("camera_page_1.jpg", 6.0, "营业执照（样例）", [
        "统一社会信用代码：91350100M000100Y43", "名称：示例市某某商贸有限公司", "类型：有限责任公司",
        "法定代表人：张三", "经营范围：日用百货销售；办公用品销售。", "注册资本：壹佰万元整",
        "成立日期：2020年05月18日", "住所：示例市政务服务中心东路 1 号", "登记机关（盖章）",
    ]),
    ("camera_page_2.jpg", -4.0, "申请表（样例）", [
        "申请人：李四", "身份证号：11010519491231002X", "联系电话：138 0000 0000",
        "申请事项：个体工商户设立登记", "申请日期：2026年11月23日", "本人承诺所填内容真实有效。",
        "申请人签字：________", "受理窗口：2 号窗口",
    ]),
]


def page_image(title: str, lines: list[str]) -> Image.Image:
    w, h = 1850, 2616  # the page as the camera sees it (about 225 dpi over A4)
    img = Image.new("RGB", (w, h), (250, 250, 246))
    d = ImageDraw.Draw(img)
    big = ImageFont.truetype(str(FONT), 96)
    small = ImageFont.truetype(str(FONT), 56)
    tw = d.textlength(title, font=big)
    d.text(((w - tw) / 2, 180), title, font=big, fill=(20, 20, 20))
    d.rectangle((120, 360, w - 120, h - 160), outline=(40, 40, 40), width=6)
    for i, line in enumerate(lines):
        d.text((200, 460 + i * 160), line, font=small, fill=(25, 25, 25))
    d.ellipse((w - 620, h - 700, w - 220, h - 300), outline=(200, 30, 30), width=12)
    return img


def frame_image(page: Image.Image, angle: float) -> Image.Image:
    frame = Image.new("RGB", FRAME, (38, 40, 44))
    rotated = page.rotate(angle, expand=True, resample=Image.BICUBIC, fillcolor=(38, 40, 44))
    rotated = rotated.resize((int(rotated.width * 0.85), int(rotated.height * 0.85)), Image.LANCZOS)
    frame.paste(rotated, ((FRAME[0] - rotated.width) // 2, (FRAME[1] - rotated.height) // 2))
    return frame


def main() -> None:
    for name, angle, title, lines in PAGES:
        frame_image(page_image(title, lines), angle).save(HERE / name, "JPEG", quality=80)
        print("wrote", HERE / name)


if __name__ == "__main__":
    main()
