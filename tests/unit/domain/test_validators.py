"""Resident ID (GB 11643), USCC (GB 32100) and mobile validators, with property tests."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.domain.errors import ValidationError
from desk_app.domain.validators import (
    USCC_CHARSET, is_valid_mobile, is_valid_resident_id, is_valid_uscc, mask_resident_id,
    resident_id_check_digit, uscc_check_character, validate_mobile, validate_resident_id, validate_uscc,
)

TODAY = date(2026, 11, 23)
PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
             50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]


@st.composite
def resident_ids(draw) -> str:
    province = draw(st.sampled_from(PROVINCES))
    area = draw(st.integers(0, 9999))
    born = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
    seq = draw(st.integers(0, 999))
    first17 = f"{province:02d}{area:04d}{born:%Y%m%d}{seq:03d}"
    return first17 + resident_id_check_digit(first17)


@st.composite
def usccs(draw) -> str:
    first = draw(st.sampled_from("1599Y"))
    second = draw(st.sampled_from("123"))
    area = draw(st.integers(110000, 659999))
    org = "".join(draw(st.lists(st.sampled_from(USCC_CHARSET), min_size=9, max_size=9)))
    first17 = f"{first}{second}{area}{org}"
    return first17 + uscc_check_character(first17)


def test_known_resident_id_accepted_and_normalised():
    # The check digit of the GB 11643 example 11010519491231002 is X.
    assert resident_id_check_digit("11010519491231002") == "X"
    assert validate_resident_id(" 11010519491231002x ", today=TODAY) == "11010519491231002X"
    assert validate_resident_id("１１０１０５１９４９１２３１００２Ｘ", today=TODAY) == "11010519491231002X"


@pytest.mark.parametrize("text, fragment", [
    ("", "请填写"),
    ("1101051949123100", "18 位"),
    ("11010519491231002Y", "数字或 X"),
    ("99010519491231002X", "省级"),
    ("11010519490231002X", "出生日期"),
    ("110105189912310020", "出生日期"),
    ("11010519491231003X", "校验位"),
])
def test_bad_resident_ids_name_the_problem(text, fragment):
    with pytest.raises(ValidationError) as exc:
        validate_resident_id(text, today=TODAY)
    assert fragment in exc.value.message
    assert exc.value.field == "resident_id"
    assert not is_valid_resident_id(text, today=TODAY)


def test_birth_date_in_the_future_is_rejected():
    tomorrow = TODAY + timedelta(days=1)
    first17 = f"370602{tomorrow:%Y%m%d}123"
    rid = first17 + resident_id_check_digit(first17)
    assert not is_valid_resident_id(rid, today=TODAY)
    assert is_valid_resident_id(rid, today=tomorrow)


@settings(max_examples=300, deadline=None)
@given(resident_ids())
def test_generated_resident_ids_are_valid(rid):
    assert validate_resident_id(rid, today=TODAY) == rid
    assert validate_resident_id(rid.lower(), today=TODAY) == rid


@settings(max_examples=300, deadline=None)
@given(resident_ids(), st.integers(0, 17), st.data())
def test_any_single_character_change_is_rejected(rid, pos, data):
    alphabet = "0123456789X" if pos == 17 else "0123456789"
    new = data.draw(st.sampled_from([c for c in alphabet if c != rid[pos]]))
    changed = rid[:pos] + new + rid[pos + 1:]
    assert not is_valid_resident_id(changed, today=TODAY)


def test_mask_shows_at_most_the_last_four():
    assert mask_resident_id("11010519491231002X") == "**************002X"
    assert mask_resident_id("123") == "***"
    assert mask_resident_id("") == ""


@settings(max_examples=200, deadline=None)
@given(resident_ids())
def test_mask_never_reveals_more_than_four(rid):
    masked = mask_resident_id(rid)
    assert len(masked) == 18 and masked[:14] == "*" * 14 and masked[14:] == rid[14:]


def test_known_uscc():
    assert validate_uscc("91350100M000100Y43") == "91350100M000100Y43"
    assert validate_uscc("91350100m000100y43") == "91350100M000100Y43"


@pytest.mark.parametrize("text, fragment", [
    ("", "请填写"),
    ("91350100M000100Y4", "18 位"),
    ("91350100M000100O43", "不允许的字符"),
    ("91350100M000100Y44", "校验位"),
    ("91AB0100M000100Y43", "行政区划码"),
])
def test_bad_usccs(text, fragment):
    with pytest.raises(ValidationError) as exc:
        validate_uscc(text)
    assert fragment in exc.value.message and exc.value.field == "uscc"
    assert not is_valid_uscc(text)


@settings(max_examples=300, deadline=None)
@given(usccs(), st.integers(0, 17), st.data())
def test_uscc_single_character_change_is_rejected(code, pos, data):
    assert is_valid_uscc(code)
    new = data.draw(st.sampled_from([c for c in USCC_CHARSET if c != code[pos]]))
    assert not is_valid_uscc(code[:pos] + new + code[pos + 1:])


@pytest.mark.parametrize("text", ["13800138000", "+86 138 0013 8000", "138-0013-8000", "0086 13800138000",
                                  "86-13800138000", "（138）00138000"])
def test_mobile_variants_normalise(text):
    assert validate_mobile(text) == "13800138000"


@pytest.mark.parametrize("text", ["", "1380013800", "23800138000", "12800138000", "138001380001", "1380013800a",
                                  "+1 13800138000"])
def test_bad_mobiles(text):
    with pytest.raises(ValidationError) as exc:
        validate_mobile(text)
    assert exc.value.field == "mobile"
    assert not is_valid_mobile(text)
