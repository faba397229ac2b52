"""Developers' translation step: lupdate the .ts files from the sources, fill moved messages, lrelease every .ts.

    python tools/translations.py            # lupdate + fill + lrelease (after changing a tr() text)
    python tools/translations.py release    # lrelease only (./dev.sh does this; the .qm files are committed)

Chinese is the source language. A message whose class moved (a new lupdate context) comes back unfinished;
``fill`` copies the translation of a finished message with the same source text from another context, so a
refactoring keeps English complete. What is still unfinished after that needs a translator (the tests list it).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
TARGET_LANGUAGES = ("en",)
# Each .ts that lupdate maintains -> the folders (or modules) whose tr()/translate() texts it holds. Other .ts
# files there (errors_<lang>.ts, kept by hand or by their own step) are compiled too, never lupdated from here.
LUPDATE_SOURCES = {"desk_app": ("desk_app/ui", "desk_app/demo.py")}


def _tool(name: str) -> str:
    """pyside6-lupdate/lrelease beside this Python (the venv), else from the PATH."""
    for candidate in (name, f"{name}.exe"):  # the venv's bin/ or, on Windows, Scripts\
        here = Path(sys.executable).parent / candidate
        if here.exists():
            return str(here)
    return name


def lupdate() -> list[Path]:
    written = []
    for stem, folders in LUPDATE_SOURCES.items():
        sources = sorted(str(p.relative_to(ROOT)) for f in folders
                         for p in ([ROOT / f] if f.endswith(".py") else (ROOT / f).rglob("*.py")))
        for lang in TARGET_LANGUAGES:
            ts = TRANSLATIONS / f"{stem}_{lang}.ts"
            TRANSLATIONS.mkdir(parents=True, exist_ok=True)
            # no line numbers: they would change with every edit and make merges of the .ts conflict
            subprocess.run([_tool("pyside6-lupdate"), "-silent", "-extensions", "py", "-locations", "none",
                            "-source-language", "zh_CN", "-target-language", lang, *sources,
                            "-ts", str(ts)], cwd=ROOT, check=True)
            written.append(ts)
    return written


def _unfinished(translation: ET.Element) -> bool:
    return translation.get("type") == "unfinished"


def _gone(translation: ET.Element) -> bool:
    return translation.get("type") in ("vanished", "obsolete")


def fill(ts: Path) -> tuple[int, int]:
    """Finish unfinished messages from finished ones with the same source text, then drop the vanished ones.

    Returns (filled, still unfinished). A vanished message is only kept until its text has moved: the .ts then
    holds exactly what the sources use.
    """
    tree = ET.parse(ts)
    known: dict[tuple[str, str], str] = {}
    for msg in tree.iter("message"):
        tr = msg.find("translation")
        if tr is not None and not _unfinished(tr) and (tr.text or ""):
            known.setdefault((msg.findtext("source", ""), msg.findtext("comment", "")), tr.text)
    filled = left = 0
    for context in tree.getroot().iter("context"):
        for msg in list(context.iter("message")):
            tr = msg.find("translation")
            if tr is None:
                continue
            if _gone(tr):
                context.remove(msg)
            elif _unfinished(tr):
                text = known.get((msg.findtext("source", ""), msg.findtext("comment", "")))
                if text:
                    tr.text = text
                    del tr.attrib["type"]
                    filled += 1
                else:
                    left += 1
    for context in list(tree.getroot().iter("context")):
        if context.find("message") is None:
            tree.getroot().remove(context)
    ET.indent(tree, space="    ")
    with ts.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    return filled, left


def release(ts_files: list[Path] | None = None, out_dir: Path | None = None) -> list[Path]:
    """Compile every .ts of resources/translations (or those given) to a .qm beside it (or in ``out_dir``)."""
    made = []
    for ts in ts_files if ts_files is not None else sorted(TRANSLATIONS.glob("*.ts")):
        qm = (out_dir or ts.parent) / ts.with_suffix(".qm").name
        subprocess.run([_tool("pyside6-lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)],
                       check=True)
        made.append(qm)
    return made


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("step", nargs="?", choices=("all", "release"), default="all")
    args = p.parse_args(argv)
    if args.step == "all":
        for ts in lupdate():
            filled, left = fill(ts)
            print(f"{ts.relative_to(ROOT)}: {filled} filled from other contexts, {left} unfinished")
    for qm in release():
        print(f"compiled {qm.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
