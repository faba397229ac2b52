"""Draw the demo seal (seal-demo.jpg): a red round seal marked 演示专用, clearly not a real department's seal.

Run: .venv/bin/python printouts/make_demo_seal.py  (a hall puts its own seal image in its folder and names it
in [seal] image = "..."). JPEG on white: reportlab embeds a JPEG as it is, without decoding it through
Pillow, which keeps the first render of the day fast; the seal is drawn under the department name and date.
A PNG with transparency works too (slower: decoded and compressed on every render).
"""
from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "resources" / "fonts" / "wqy-microhei.ttc"
RED = (210, 20, 20, 235)
SIZE = 480


def star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.382
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    draw.polygon(pts, fill=RED)


def arc_text(img: Image.Image, text: str, radius: float, font: ImageFont.FreeTypeFont, span_deg: float) -> None:
    c = SIZE / 2
    n = len(text)
    for i, ch in enumerate(text):
        ang = -span_deg / 2 + span_deg * i / (n - 1)  # degrees from the top, clockwise
        tile = Image.new("RGBA", (90, 90), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((45, 45), ch, font=font, fill=RED, anchor="mm")
        tile = tile.rotate(-ang, resample=Image.Resampling.BICUBIC)
        rad = math.radians(ang - 90)
        x, y = c + radius * math.cos(rad), c + radius * math.sin(rad)
        img.alpha_composite(tile, (int(x - 45), int(y - 45)))


def main() -> None:
    img = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((12, 12, SIZE - 12, SIZE - 12), outline=RED, width=16)
    star(d, SIZE / 2, SIZE / 2, 70)
    arc_text(img, "示例市政务服务中心演示印章", SIZE / 2 - 92, ImageFont.truetype(str(FONT), 50, index=0), 236)
    d.text((SIZE / 2, SIZE / 2 + 105), "演示专用", font=ImageFont.truetype(str(FONT), 48, index=0),
           fill=RED, anchor="mm")
    img = img.resize((240, 240), Image.Resampling.LANCZOS)
    flat = Image.new("RGB", img.size, (255, 255, 255))
    flat.paste(img, mask=img.getchannel("A"))
    flat.save(HERE / "seal-demo.jpg", quality=90, optimize=True)


if __name__ == "__main__":
    main()
