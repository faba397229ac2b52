"""Intake domain: checklist rules, outcome rules, the fold and its conflict handling, case numbers."""
from __future__ import annotations

import itertools
import random

import pytest

from desk_app.domain import intake as d
from desk_app.domain.errors import ConflictError, ValidationError
from desk_app.domain.events import Event

CASE = "01900000-0000-7000-8000-0000000000c1"


def _ev(n: int, type_: str, payload: dict, *, device: str = "dev-a", actor: str = "clerk1", hlc_ms: int | None = None
        ) -> Event:
    return Event(id=f"01900000-0000-7000-8000-{n:012d}", hall="hall", device=device, device_seq=n,
                 hlc=f"{(hlc_ms or 1_000 + n):015d}.00000.{device}", type=type_, schema_version=1, actor=actor,
                 aggregate=f"case:{CASE}", payload=payload)


def _mats(*flags: tuple[bool, bool]) -> list[dict]:
    return [{"material_id": f"m{i}", "name": f"材料{i}", "seq": i, "deferrable": de, "commitment_allowed": co}
            for i, (de, co) in enumerate(flags, 1)]


def _opened(instant: bool = False, mats: list[dict] | None = None) -> Event:
    return _ev(1, d.CASE_OPENED, {
        "case_number": "QD01-20261123-1-0001", "ticket_id": None, "window_number": 5, "opened_on": "2026-11-23",
        "items": [{"item_code": "X1", "name": "事项", "item_type": "instant" if instant else "promised",
                   "promised_limit_days": 0 if instant else 5, "legal_limit_days": 20}],
        "materials": mats or _mats((False, False), (True, False), (False, True))})


def _state(*events: Event) -> d.CaseState:
    s = d.fold_case(list(events))
    assert s is not None
    return s


def _with_applicant(state_events: list[Event]) -> list[Event]:
    return state_events + [_ev(2, d.CASE_APPLICANT_SET, {"applicant": {"kind": "person", "name": "张三"}})]


def _check(n: int, mid: str, status: str, **kw) -> Event:
    return _ev(n, d.CASE_MATERIAL_CHECKED, {"material_id": mid, "status": status, "form": kw.get("form", ""),
                                            "copies": kw.get("copies", 0), "reason_code": kw.get("reason_code", ""),
                                            "reason_text": ""})


def test_case_number_format_is_code128_safe_and_offline_unique() -> None:
    a = d.format_case_number("qd-01", "2026-11-23", 3, 7)
    assert a == "QD01-20261123-3-0007"
    assert d.looks_like_case_number(a)
    # two devices of the same hall on the same day never collide, whatever their counters
    nums = {d.format_case_number("QD01", "2026-11-23", dev, seq) for dev in (1, 2) for seq in range(1, 50)}
    assert len(nums) == 98
    assert all(ord(ch) < 128 for ch in a)


def test_checklist_rules() -> None:
    row = d.material_row({"material_id": "m1", "name": "营业执照", "deferrable": False})
    with pytest.raises(ValidationError) as e:
        d.validate_check(row, d.RECEIVED, form="", copies=1)
    assert e.value.field == "form"
    with pytest.raises(ValidationError) as e:
        d.validate_check(row, d.RECEIVED, form=d.COPY, copies=0)
    assert e.value.field == "copies"
    assert d.validate_check(row, d.RECEIVED, form=d.COPY, copies=2)["copies"] == 2
    with pytest.raises(ValidationError, match="不允许容缺"):
        d.validate_check(row, d.DEFERRED)
    with pytest.raises(ValidationError, match="告知承诺"):
        d.validate_check(row, d.COMMITTED)
    with pytest.raises(ValidationError) as e:
        d.validate_check(row, d.DEFECTIVE, reason_code="nonsense")
    assert e.value.field == "reason_code"
    with pytest.raises(ValidationError, match="具体问题"):
        d.validate_check(row, d.DEFECTIVE, reason_code="other")
    assert d.validate_check(row, d.DEFECTIVE, reason_code="expired")["reason_code"] == "expired"
    ok = d.material_row({"material_id": "m2", "name": "x", "deferrable": True, "commitment_allowed": True})
    assert d.validate_check(ok, d.DEFERRED)["status"] == d.DEFERRED
    assert d.validate_check(ok, d.COMMITTED)["status"] == d.COMMITTED


def test_outcomes_need_every_material_checked() -> None:
    s = _state(*_with_applicant([_opened()]))
    with pytest.raises(ValidationError, match="未审查"):
        d.check_outcome(s, d.ACCEPT)
    assert d.allowed_outcomes(s) == [d.OUT_OF_SCOPE, d.REJECT]


def test_complete_promised_case_can_only_be_accepted() -> None:
    evs = _with_applicant([_opened()]) + [_check(3, "m1", d.RECEIVED, form=d.ORIGINAL, copies=1),
                                          _check(4, "m2", d.RECEIVED, form=d.COPY, copies=1),
                                          _check(5, "m3", d.COMMITTED)]
    s = _state(*evs)
    assert d.allowed_outcomes(s) == [d.OUT_OF_SCOPE, d.ACCEPT, d.REJECT]
    with pytest.raises(ValidationError, match="理由"):
        d.check_outcome(s, d.REJECT)
    d.check_outcome(s, d.REJECT, reasons="不符合条件")


def test_incomplete_then_only_one_notice() -> None:
    evs = _with_applicant([_opened()]) + [_check(3, "m1", d.MISSING), _check(4, "m2", d.RECEIVED, form=d.COPY,
                                                                              copies=1),
                                          _check(5, "m3", d.DEFECTIVE, reason_code="unsigned")]
    s = _state(*evs)
    assert d.NOTICE in d.allowed_outcomes(s) and d.ACCEPT not in d.allowed_outcomes(s)
    lines = d.notice_lines(s)
    assert [line["name"] for line in lines] == ["材料1", "材料3"]
    assert lines[1]["reason"] == "缺少签字或盖章"
    evs.append(_ev(6, d.CASE_DECIDED, {"outcome": d.NOTICE, "decided_on": "2026-11-23", "deadline": "2026-12-07"}))
    s = _state(*evs)
    assert s.status == d.NOTICE_ISSUED and s.notice_count == 1
    with pytest.raises(ConflictError, match="只能出具一次"):
        d.check_outcome(s, d.NOTICE)
    # a second notice decided on another PC offline does not apply: it is a conflict
    evs.append(_ev(7, d.CASE_DECIDED, {"outcome": d.NOTICE, "decided_on": "2026-11-24"}, device="dev-b"))
    s = _state(*evs)
    assert s.notice_count == 1 and len(s.conflicts) == 1
    # the applicant returns; the same case is checked again and accepted
    evs += [_check(8, "m1", d.RECEIVED, form=d.ORIGINAL, copies=1),
            _check(9, "m3", d.RECEIVED, form=d.ORIGINAL, copies=1)]
    s = _state(*evs)
    assert d.allowed_outcomes(s) == [d.OUT_OF_SCOPE, d.ACCEPT, d.REJECT]


def test_deferred_acceptance_and_supplement() -> None:
    evs = _with_applicant([_opened()]) + [_check(3, "m1", d.RECEIVED, form=d.ORIGINAL, copies=1),
                                          _check(4, "m2", d.DEFERRED), _check(5, "m3", d.COMMITTED)]
    s = _state(*evs)
    assert d.ACCEPT_DEFERRED in d.allowed_outcomes(s) and d.ACCEPT not in d.allowed_outcomes(s)
    evs.append(_ev(6, d.CASE_DECIDED, {"outcome": d.ACCEPT_DEFERRED, "decided_on": "2026-11-23",
                                       "due_date": "2026-11-30", "deadline": "2026-11-30"}))
    s = _state(*evs)
    assert s.status == d.ACCEPTED_DEFERRED and s.supplement_deadline == "2026-11-30"
    assert not d.supplement_overdue(s, "2026-11-30") and d.supplement_overdue(s, "2026-12-01")
    evs.append(_ev(7, d.CASE_SUPPLEMENT_RECEIVED, {"material_id": "m2", "form": d.ORIGINAL, "copies": 1}))
    s = _state(*evs)
    assert s.status == d.ACCEPTED and not d.supplement_overdue(s, "2026-12-01")


def test_instant_item_finishes_on_the_spot() -> None:
    evs = _with_applicant([_opened(instant=True, mats=_mats((False, False)))]) + [
        _check(3, "m1", d.RECEIVED, form=d.ORIGINAL, copies=1)]
    s = _state(*evs)
    assert d.allowed_outcomes(s) == [d.OUT_OF_SCOPE, d.REJECT, d.FINISH]
    evs.append(_ev(4, d.CASE_DECIDED, {"outcome": d.FINISH, "decided_on": "2026-11-23", "due_date": "2026-11-23"}))
    s = _state(*evs)
    assert s.status == d.FINISHED and s.terminal and s.delivery["on_the_spot"]


def test_overdue_and_extension() -> None:
    evs = _with_applicant([_opened(mats=_mats((False, False)))]) + [
        _check(3, "m1", d.RECEIVED, form=d.ORIGINAL, copies=1),
        _ev(4, d.CASE_DECIDED, {"outcome": d.ACCEPT, "decided_on": "2026-11-23", "due_date": "2026-11-30"})]
    s = _state(*evs)
    assert not d.is_overdue(s, "2026-11-30") and d.is_overdue(s, "2026-12-01")
    evs.append(_ev(5, d.CASE_EXTENDED, {"reason": "需现场核查", "extra_days": 5, "new_due_date": "2026-12-07"}))
    s = _state(*evs)
    assert s.due_date == "2026-12-07" and s.original_due_date == "2026-11-30"
    assert not d.is_overdue(s, "2026-12-01") and d.is_overdue(s, "2026-12-08")


def test_terminal_state_never_changes_and_fold_is_order_independent() -> None:
    evs = _with_applicant([_opened(mats=_mats((False, False)))]) + [
        _ev(3, d.CASE_DECIDED, {"outcome": d.OUT_OF_SCOPE, "decided_on": "2026-11-23", "refer_to": "区民政局"},
            device="dev-b", actor="clerk2"),
        _check(4, "m1", d.RECEIVED, form=d.ORIGINAL, copies=1),  # made offline on dev-a, later by HLC
        _ev(5, d.CASE_DECIDED, {"outcome": d.ACCEPT, "decided_on": "2026-11-23", "due_date": "2026-11-30"})]
    s = _state(*evs)
    assert s.status == d.REFUSED and len(s.conflicts) == 2
    assert s.materials[0]["status"] == d.PENDING
    for perm in itertools.islice(itertools.permutations(evs), 0, 200):
        assert d.fold_case(list(perm)) == s
    random.seed(4)
    dup = evs + random.sample(evs, 3)
    assert d.fold_case(dup) == s
    ack = _ev(6, d.CASE_CLOSED_ELSEWHERE, {"event_ids": [c["event_id"] for c in s.conflicts]})
    assert _state(*evs, ack).open_conflicts == []


def test_rejection_allowed_for_expired_deferral_but_not_after_plain_acceptance() -> None:
    evs = _with_applicant([_opened(mats=_mats((False, False)))]) + [
        _check(3, "m1", d.RECEIVED, form=d.ORIGINAL, copies=1),
        _ev(4, d.CASE_DECIDED, {"outcome": d.ACCEPT, "decided_on": "2026-11-23", "due_date": "2026-11-30"})]
    s = _state(*evs)
    with pytest.raises(ConflictError):
        d.check_outcome(s, d.REJECT, reasons="x")
