"""Pinyin keys for searching service items: initials (gtgsh), full pinyin prefixes and Chinese substrings.

Polyphonic characters (多音字) are indexed under every reading pypinyin knows, because the guide types
whatever reading comes to mind; the number of combinations is capped (MAX_VARIANTS) so a long name of
polyphonic characters cannot blow the index up. Variants are stored space-separated, the phrase-aware
reading first.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from typing import Sequence

from pypinyin import Style, lazy_pinyin, pinyin

MAX_VARIANTS = 16
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_KEEP = re.compile(r"[0-9a-z]+")


_TOKEN = re.compile(r"([\u3400-\u9fff\uf900-\ufaff]+)")


@lru_cache(maxsize=8192)
def _char_readings(ch: str, style: Style) -> tuple[str, ...]:
    """Every reading of one character, out of context (the phrase dictionary would hide the others)."""
    return tuple(r.lower() for r in pinyin(ch, style=style, heteronym=True)[0] if r.isascii())


@lru_cache(maxsize=4096)
def _run_primary(run: str) -> tuple[str, ...] | None:
    """Phrase-aware toneless readings of a run of Chinese characters (None if segmentation disagrees)."""
    primary = lazy_pinyin(run, style=Style.NORMAL)
    return tuple(p.lower() if p.isascii() else "" for p in primary) if len(primary) == len(run) else None


def _syllables(text: str) -> list[tuple[list[str], bool]]:
    """Per character (or non-Chinese chunk), its toneless readings (phrase-aware first) and whether it is Latin."""
    out: list[tuple[list[str], bool]] = []
    for i, part in enumerate(_TOKEN.split(text or "")):
        if not part:
            continue
        if i % 2 == 0:
            # Letters and digits in names ("A4", "B类") are typed as they are; punctuation never is.
            kept = "".join(_KEEP.findall(part.lower()))
            if kept:
                out.append(([kept], True))
            continue
        primary = _run_primary(part) or ("",) * len(part)
        for ch, first in zip(part, primary):
            alts = _char_readings(ch, Style.NORMAL)
            readings = ([first] if first else []) + [a for a in alts if a != first]
            out.append((readings or [""], False))
    return out


def _initials_of(parts: list[tuple[list[str], bool]]) -> list[list[str]]:
    # The first letter of a toneless reading is its initial as typed (zhang -> z, an -> a);
    # a Latin chunk ("a4") is typed in full.
    return [readings if latin else list(dict.fromkeys(r[:1] for r in readings)) for readings, latin in parts]


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
    return "".join(r[0] for r in _initials_of(_syllables(text)))


def full_pinyin(text: str) -> str:
    """Toneless full pinyin of ``text`` without separators, e.g. 个体 -> geti."""
    return "".join(readings[0] for readings, _ in _syllables(text))


def search_keys(text: str) -> tuple[str, str]:
    """(initials variants, full pinyin variants) of ``text``, each space-separated, primary first."""
    parts = _syllables(text)
    return " ".join(_combine(_initials_of(parts))), " ".join(_combine([r for r, _ in parts]))


def initials_variants(text: str) -> str:
    """Every (capped) combination of initials, space-separated, primary first: the stored search key."""
    return search_keys(text)[0]


def full_pinyin_variants(text: str) -> str:
    """Every (capped) combination of full pinyin, space-separated, primary first."""
    return search_keys(text)[1]


_SEP = "\x1f"  # joins variants in a prepared key; never part of a query


def normalise_query(query: str) -> str:
    return re.sub(r"[\s'’·\-\x00-\x1f]", "", (query or "").strip().lower())


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def prepare_key(variants: str | Sequence[str]) -> str:
    """Variants joined for fast matching: a prefix of any variant is ``_SEP + q in key``."""
    parts = variants.split() if isinstance(variants, str) else variants
    return _SEP + _SEP.join(parts)


def rank_prepared(q: str, q_is_cjk: bool, name: str, initials_key: str, full_key: str) -> int | None:
    """match_rank for a normalised query and prepare_key()'d keys (the search index's inner loop)."""
    if not q:
        return None
    if q_is_cjk:
        if name.startswith(q):
            return 0
        return 1 if q in name else None
    if _SEP + q in initials_key:
        return 2
    if _SEP + q in full_key:
        return 3
    if q in initials_key:
        return 4
    if len(q) >= 2 and q in full_key:
        return 5
    return None


def match_rank(query: str, name: str, initials_key: str | Sequence[str],
               full_key: str | Sequence[str]) -> int | None:
    """How well ``query`` matches an item: lower is better, None for no match.

    ``initials_key`` and ``full_key`` are the space-separated variants of initials_variants /
    full_pinyin_variants (or those variants already split). Chinese queries match substrings of the
    name; Latin queries match initials (prefix of a variant, then anywhere) and full pinyin (prefix,
    then anywhere).
    """
    q = normalise_query(query)
    return rank_prepared(q, has_cjk(q), name, prepare_key(initials_key), prepare_key(full_key))


def matches(query: str, name: str, initials: str, full: str) -> bool:
    """True when ``query`` finds the item named ``name`` (see match_rank)."""
    return match_rank(query, name, initials, full) is not None
