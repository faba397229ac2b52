"""Rating rules: no default level, reasons per level, 150 characters, one rating per request, pending when left."""
from __future__ import annotations

import pytest

from desk_app.domain import rating as r
from desk_app.domain.errors import ValidationError
from desk_app.domain.events import Event


def _ev(n: int, t: str, p: dict) -> Event:
    return Event(id=f"01900000-0000-7000-8000-{n:012d}", hall="h", device="d", device_seq=n,
                 hlc=f"{1000 + n:015d}.00000.d", type=t, schema_version=1, actor="a", aggregate="rating:r1", payload=p)


@pytest.mark.parametrize("level", [None, 0, 6, "5", True, 3.0])
def test_no_level_is_never_accepted_or_defaulted(level) -> None:
    with pytest.raises(ValidationError) as e:
        r.validate_rating(level, [], "")
    assert e.value.field == "level"


def test_reasons_belong_to_their_level_and_text_is_capped() -> None:
    assert r.validate_rating(5, ["fast", "fast"], " 很好 ") == (5, ["fast"], "很好")
    with pytest.raises(ValidationError) as e:
        r.validate_rating(5, ["attitude"], "")
    assert e.value.field == "reasons"
    r.validate_rating(4, [], "字" * 150)
    with pytest.raises(ValidationError) as e:
        r.validate_rating(4, [], "字" * 151)
    assert e.value.field == "text"
    with pytest.raises(ValidationError, match="原因"):
        r.validate_rating(1, [], "")


def test_fold_first_rating_wins_and_left_never_overrides() -> None:
    evs = [_ev(1, r.RATING_REQUESTED, {"case_id": "c1", "case_number": "N"}),
           _ev(2, r.RATING_LEFT_PENDING, {}),
           _ev(3, r.RATING_SUBMITTED, {"level": 2, "reasons": ["wait"], "follow_up_due": "2026-12-14"}),
           _ev(4, r.RATING_SUBMITTED, {"level": 5, "reasons": []}),
           _ev(5, r.RATING_LEFT_PENDING, {})]
    s = r.fold_rating(evs)
    assert s.status == r.SUBMITTED and s.level == 2 and s.negative and s.follow_status == r.FOLLOW_OPEN
    assert len(s.conflicts) == 1
    assert r.fold_rating(evs[:2]).status == r.PENDING_RATING and r.fold_rating(evs[:2]).level is None
