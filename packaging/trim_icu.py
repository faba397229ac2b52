"""A smaller ICU data library for the Linux bundle (build.spec): Qt's libicudata.so (30.5 MB, every locale of the
world) rebuilt with the Chinese and English locales only, 9 MB.

What Qt uses ICU for (collation, case mapping by locale, the legacy text codecs, time-zone names) then works as
before in zh_CN and en; a locale with no data left falls back to ICU's root locale. Kept besides: the Unicode
properties, normalization, IDNA and break-iterator tables and dictionaries (the root break rules name them all),
the time-zone database, and the GB18030/GBK/GB2312/Big5 and Windows-1252 converters (the
other 200 converters are EBCDIC, Japanese, Korean... codepages).

Needs icupkg (Debian: icu-devtools; any ICU version reads the data package format), objcopy and gcc.
Run alone: python packaging/trim_icu.py LIBICUDATA OUT_DIR
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

KEEP_LANGUAGES = ("zh", "en", "yue", "root")  # yue: zh_Hant_HK spells numbers as Cantonese does
# ICU's locale resource names: a language code then script/region/variant parts (af, zh_Hans_CN, en_001, es_419,
# and the collation aliases de_ and es_)
_LOCALE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")
# Not locales, although named like ones
_NOT_LOCALES = {"res_index.res", "pool.res"}
_KEEP_CONVERTERS = ("gb18030", "windows-936", "ibm-1383", "ibm-1386", "ibm-5478", "windows-950", "ibm-1373",
                    "ibm-5348")


def keep(item: str) -> bool:
    folder, _, name = item.rpartition("/")
    if folder == "translit":  # transliteration rules (1 MB): Qt has no use for them
        return False
    if name.endswith(".cnv"):
        return any(name.startswith(c) for c in _KEEP_CONVERTERS)
    if name in _NOT_LOCALES:
        return True
    found = _LOCALE.match(name)
    if found is None:  # tables that are no locale (uprops.icu, zoneinfo64.res, supplementalData.res, *.brk...)
        return True
    return found.group(1) in KEEP_LANGUAGES


def trim(library: Path, out_dir: Path) -> Path:
    """Write out_dir/<library's name>, the same library with the trimmed data."""
    for tool in ("icupkg", "objcopy", "gcc"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} not found (Debian/Ubuntu: apt install icu-devtools binutils gcc)")
    found = re.search(r"libicudata\.so\.(\d+)", library.name)
    if found is None:
        raise RuntimeError(f"not an ICU data library: {library}")
    version = found.group(1)
    out_dir.mkdir(parents=True, exist_ok=True)
    # icupkg wants the file named after its items' prefix (icudt73l/af.res is in icudt73l.dat)
    (out_dir / "full").mkdir(exist_ok=True)
    full, small = out_dir / "full" / f"icudt{version}l.dat", out_dir / f"icudt{version}l.dat"
    # The data is the library's only content: the icudt<N>_dat symbol at the start of .rodata.
    subprocess.run(["objcopy", "-O", "binary", "--only-section=.rodata", str(library), str(full)], check=True)
    items = subprocess.run(["icupkg", "-l", str(full)], check=True, capture_output=True, text=True).stdout.split()
    dropped = [item for item in items if not keep(item)]
    (out_dir / "dropped.txt").write_text("\n".join(dropped) + "\n")
    small.unlink(missing_ok=True)
    subprocess.run(["icupkg", "-r", str(out_dir / "dropped.txt"), str(full), str(small)], check=True,
                   capture_output=True)
    asm = out_dir / "icudata.S"
    asm.write_text(f""".section .rodata
.globl icudt{version}_dat
.type icudt{version}_dat, @object
.balign 16
icudt{version}_dat:
.incbin "{small}"
.size icudt{version}_dat, . - icudt{version}_dat
.section .note.GNU-stack,"",@progbits
""")
    target = out_dir / library.name
    subprocess.run(["gcc", "-shared", "-nostdlib", "-o", str(target), f"-Wl,-soname,{library.name}", str(asm)],
                   check=True)
    full.unlink()
    return target


if __name__ == "__main__":
    made = trim(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{made}: {made.stat().st_size / 1048576:.1f} MB (was {Path(sys.argv[1]).stat().st_size / 1048576:.1f})")
