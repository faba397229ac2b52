"""Pinyin keys for searching service items: initials (gtgsh), full pinyin prefixes and Chinese substrings.

Polyphonic characters (多音字) are indexed under every reading pypinyin knows, because the guide types
whatever reading comes to mind; the number of combinations is capped (MAX_VARIANTS) so a long name of
polyphonic characters cannot blow the index up. Variants are stored space-separated, the phrase-aware
reading first.
"""
from __future__ import annotations

import re
from itertools import islice

from pypinyin import Style, lazy_pinyin, pinyin

MAX_VARIANTS = 16
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KEEP = re.compile(r"[0-9a-z]+")


def _non_cjk(chunk: str) -> list[str]:
    # Letters and digits in names ("A4", "B类") are typed as they are; punctuation is never typed.
    return ["".join(_KEEP.findall(chunk.lower()))]


def _syllables(text: str, style: Style) -> list[list[str]]:
    """Per character (or non-Chinese chunk), the readings in ``style``, phrase-aware reading first."""
    primary = lazy_pinyin(text, style=style, errors=_non_cjk)
    every = pinyin(text, style=style, heteronym=True, errors=_non_cjk)
    out: list[list[str]] = []
    if len(primary) == len(every):
        for first, alts in zip(primary, every):
            readings = [first] + [a for a in alts if a != first]
            out.append([r.lower() for r in readings])
    else:  # pragma: no cover - defensive: segmentations disagree, fall back to the heteronym list
        out = [[r.lower() for r in alts] for alts in every]
    return out


def _combine(parts: list[list[str]], limit: int = MAX_VARIANTS) -> list[str]:
    """Joined readings, primary first, at most ``limit`` distinct ones (breadth over early characters)."""
    combos = [""]
    for readings in parts:
        nxt: list[str] = []
        seen: set[str] = set()
        for r in readings:
            for c in combos:
                s = c + r
                if s not in seen:
                    seen.add(s)
                    nxt.append(s)
        # Keep the primary combination first, then the others in a stable order.
        combos = list(islice(nxt, limit))
    return [c for c in combos if c] or [""]


def initials(text: str) -> str:
    """Pinyin initials of ``text`` (phrase-aware primary reading), e.g. 个体工商户设立登记 -> gtgshsldj."""
    return "".join(r[0] for r in _syllables(text, Style.FIRST_LETTER))


def full_pinyin(text: str) -> str:
    """Toneless full pinyin of ``text`` without separators, e.g. 个体 -> geti."""
    return "".join(r[0] for r in _syllables(text, Style.NORMAL))


def initials_variants(text: str) -> str:
    """Every (capped) combination of initials, space-separated, primary first: the stored search key."""
    return " ".join(_combine(_syllables(text, Style.FIRST_LETTER)))


def full_pinyin_variants(text: str) -> str:
    """Every (capped) combination of full pinyin, space-separated, primary first."""
    return " ".join(_combine(_syllables(text, Style.NORMAL)))


def normalise_query(query: str) -> str:
    return re.sub(r"[\s'’·\-]", "", (query or "").strip().lower())


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def match_rank(query: str, name: str, initials_key: str, full_key: str) -> int | None:
    """How well ``query`` matches an item: lower is better, None for no match.

    ``initials_key`` and ``full_key`` are the space-separated variants of initials_variants /
    full_pinyin_variants. Chinese queries match substrings of the name; Latin queries match initials
    (prefix, then anywhere) and full pinyin (prefix, then anywhere).
    """
    q = normalise_query(query)
    if not q:
        return None
    if has_cjk(q):
        if name.startswith(q):
            return 0
        return 1 if q in name else None
    inits = initials_key.split()
    fulls = full_key.split()
    if any(v.startswith(q) for v in inits):
        return 2
    if any(v.startswith(q) for v in fulls):
        return 3
    if any(q in v for v in inits):
        return 4
    if len(q) >= 2 and any(q in v for v in fulls):
        return 5
    return None


def matches(query: str, name: str, initials: str, full: str) -> bool:
    """True when ``query`` finds the item named ``name`` (see match_rank)."""
    return match_rank(query, name, initials, full) is not None
