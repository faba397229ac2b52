"""Pinyin search keys: initials, full pinyin, polyphonic characters, Chinese substrings."""
from __future__ import annotations

from desk_app.domain.pinyin import (
    MAX_VARIANTS, full_pinyin, full_pinyin_variants, initials, initials_variants, match_rank, matches,
)

NAME = "个体工商户设立登记"


def keys(name: str) -> tuple[str, str, str]:
    return name, initials_variants(name), full_pinyin_variants(name)


def test_initials_find_individual_business_registration():
    assert initials(NAME) == "gtgshsldj"
    assert full_pinyin(NAME) == "getigongshanghushelidengji"
    assert matches("gtgsh", *keys(NAME))
    assert matches("GTGSH", *keys(NAME))
    assert matches("sldj", *keys(NAME))  # initials anywhere in the name


def test_full_pinyin_prefix_and_chinese_substring():
    assert matches("getigong", *keys(NAME))
    assert matches("geti gongshang", *keys(NAME))
    assert matches("工商户", *keys(NAME))
    assert not matches("食品", *keys(NAME))
    assert not matches("xyz", *keys(NAME))
    assert not matches("", *keys(NAME))


def test_polyphonic_characters_accept_any_reading():
    name = "银行乐园"  # 乐 is le or yue, 行 here is hang
    assert matches("yhly", *keys(name))
    assert matches("yhyy", *keys(name))
    assert matches("yinhangleyuan", *keys(name))
    assert matches("yinhangyueyuan", *keys(name))


def test_variants_are_bounded():
    name = "行乐长重还调传" * 3  # many polyphonic characters
    assert len(initials_variants(name).split()) <= MAX_VARIANTS
    assert len(full_pinyin_variants(name).split()) <= MAX_VARIANTS
    # the phrase-aware primary reading comes first
    assert initials_variants(NAME).split()[0] == initials(NAME)


def test_letters_and_digits_in_names_are_kept():
    assert initials("A4类证明") == "a4lzm"


def test_rank_prefers_prefix_over_anywhere():
    assert match_rank("gtgsh", *keys(NAME)) < match_rank("sldj", *keys(NAME))
    assert match_rank("个体", *keys(NAME)) < match_rank("登记", *keys(NAME))
