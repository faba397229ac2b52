"""Draws the program icon (desk-app.png, desk-app.ico) with the bundled font: run once after changing it."""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent / "fonts" / "wqy-microhei.ttc"


def draw(size: int) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    r = size // 6
    d.rounded_rectangle((0, 0, size - 1, size - 1), radius=r, fill=(200, 30, 40, 255))
    d.rounded_rectangle((size // 12, size // 12, size - 1 - size // 12, size - 1 - size // 12), radius=r * 3 // 4,
                        outline=(255, 215, 120, 255), width=max(1, size // 40))
    font = ImageFont.truetype(str(FONT), int(size * 0.62))
    d.text((size / 2, size / 2), "政", font=font, fill=(255, 255, 255, 255), anchor="mm")
    return img


if __name__ == "__main__":
    big = draw(256)
    big.save(HERE / "desk-app.png")
    big.save(HERE / "desk-app.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
