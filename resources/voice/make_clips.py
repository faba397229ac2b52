"""Generate the voice-call WAV clips from tone-numbered pinyin with espeak-ng's cmn-latn-pinyin voice (its plain
`cmn` voice reads pinyin wrongly). Reproducible: same espeak-ng and sox versions give the same files.

Usage: python resources/voice/make_clips.py  (needs espeak-ng and sox on PATH; writes *.wav beside this script)
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
VOICE = "cmn-latn-pinyin"
RATE = 22050  # every clip: mono, 16-bit, 22.05 kHz, so the wave module can concatenate them

WORDS = {
    "qing": "qing3", "hao": "hao4", "dao": "dao4", "chuangkou": "chuang1 kou3", "banli": "ban4 li3",
    "ling": "ling2", "yi": "yi1", "er": "er4", "san": "san1", "si": "si4", "wu": "wu3", "liu": "liu4",
    "qi": "qi1", "ba": "ba1", "jiu": "jiu3", "shi": "shi2", "bai": "bai3",
}
# Letters as Chinese halls say them over the speakers (English letter names in pinyin).
LETTERS = {
    "a": "ei1", "b": "bi4", "c": "xi1", "d": "di4", "e": "yi4", "f": "ai2 fu1", "g": "ji4", "h": "ai2 qi1",
    "i": "ai4", "j": "zhei4", "k": "kai4", "l": "ai2 lou5", "m": "ai2 mu5", "n": "en1", "o": "ou1",
    "p": "pi4", "q": "kiu1", "r": "a4 er5", "s": "ai2 si1", "t": "ti4", "u": "you1", "v": "wei1",
    "w": "da2 bu5 liu5", "x": "ai2 ke4 si1", "y": "wai4", "z": "zei4",
}


def make(name: str, pinyin: str, tmp: Path) -> None:
    raw = tmp / f"{name}.raw.wav"
    subprocess.run(["espeak-ng", "-v", VOICE, "-s", "150", "-w", str(raw), pinyin], check=True)
    # resample to one format and trim the leading/trailing silence espeak adds
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(HERE / f"{name}.wav"),
                    "silence", "1", "0.01", "0.5%", "reverse", "silence", "1", "0.01", "0.5%", "reverse"],
                   check=True)


def main() -> int:
    for tool in ("espeak-ng", "sox"):
        if not shutil.which(tool):
            print(f"{tool} is not installed", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        for name, pinyin in WORDS.items():
            make(name, pinyin, tmp)
        for letter, pinyin in LETTERS.items():
            make(f"letter_{letter}", pinyin, tmp)
    print(f"wrote {len(WORDS) + len(LETTERS)} clips to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
