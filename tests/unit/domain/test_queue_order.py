"""The calling order of DOMAIN.md, key by key, and the priority policies (neither group starves)."""
from __future__ import annotations

import itertools

from desk_app.domain import queue as q
from desk_app.domain.queue_appointments import check_in_decision, normalize_code, AppointmentState
from desk_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desk_app.domain.timeutil import hall_day

import pytest

NOW = 10_000_000
_seq = itertools.count(1)


def t(cat: str = "A", issued: int = 1_000, **kw) -> q.TicketState:
    n = next(_seq)
    return q.TicketState(id=f"t{n}", hall_id="h", day="d", category=cat, seq=n, number=f"{cat}{n:03d}",
                         status=kw.pop("status", q.WAITING), issued_at_ms=issued, issued_hlc=f"{issued:015d}",
                         **kw)


W5 = q.WindowProfile(number=5, categories=("A", "B"))


def pick(tickets, profile=W5, priority_first=True):
    return q.pick_next(tickets, profile, NOW, priority_first)


def test_issue_time_is_the_last_key() -> None:
    a, b = t(issued=2_000), t(issued=1_000)
    assert pick([a, b]) is b


def test_returning_to_this_window_beats_everything() -> None:
    back = t(issued=9_000, target_window=5, comes_back=True)
    prio = t(issued=1_000, priority_group="elderly")
    assert pick([prio, back]) is back


def test_priority_group_beats_transferred_beats_appointments() -> None:
    plain = t(issued=100)
    appt = t(issued=500, appointment_id="ap", appt_slot_ms=NOW - 1)
    transferred = t(issued=900, transferred_in=True)
    prio = t(issued=1_000, priority_group="disabled")
    assert pick([plain, appt, transferred, prio]) is prio
    assert pick([plain, appt, transferred]) is transferred
    assert pick([plain, appt]) is appt


def test_started_slot_beats_future_slot_beats_walk_in() -> None:
    walk_in = t(issued=100)
    future = t(issued=200, appointment_id="x", appt_slot_ms=NOW + 600_000)
    started = t(issued=300, appointment_id="y", appt_slot_ms=NOW - 60_000)
    late = t(issued=50, appointment_id="z", appt_slot_ms=None)  # late check-in: walk-in order
    assert pick([walk_in, future, started, late]) is started
    assert pick([walk_in, future, late]) is future
    assert pick([walk_in, late]) is late


def test_category_order_of_the_window_profile() -> None:
    b_old, a_new = t("B", issued=100), t("A", issued=900)
    assert pick([b_old, a_new]) is a_new
    by_wait = q.WindowProfile(number=5, categories=("A", "B"), category_order=False)
    assert pick([b_old, a_new], by_wait) is b_old


def test_finally_longest_wait_takes_other_categories_only_when_own_are_empty() -> None:
    c_old = t("C", issued=10)
    a = t("A", issued=500)
    helper = q.WindowProfile(number=5, categories=("A",), fallback_longest_wait=True)
    assert pick([c_old, a], helper) is a
    assert pick([c_old], helper) is c_old
    assert pick([c_old], q.WindowProfile(number=5, categories=("A",))) is None


def test_targets_of_transfers_are_binding() -> None:
    to_w7 = t(issued=1, target_window=7, transferred_in=True)
    to_clerk = t(issued=2, target_clerk="li", transferred_in=True)
    assert pick([to_w7, to_clerk]) is None
    assert pick([to_w7], q.WindowProfile(number=7, categories=())) is to_w7
    assert pick([to_clerk], q.WindowProfile(number=9, categories=("Z",), clerk="li")) is to_clerk


def test_only_waiting_tickets_are_called() -> None:
    assert pick([t(status=q.PRINTING), t(status=q.NO_SHOW), t(status=q.HELD)]) is None


def test_strict_policy_always_prefers_priority() -> None:
    cfg = q.QueueConfig(priority_policy="strict")
    assert q.prefer_priority(cfg, [True, True, True, True])


def _simulate(cfg: q.QueueConfig, n_prio: int, n_plain: int, calls: int) -> list[bool]:
    tickets = [t(issued=i, priority_group="elderly") for i in range(n_prio)] + \
              [t(issued=i) for i in range(n_plain)]
    lanes: list[bool] = []  # newest first
    served = []
    for _ in range(calls):
        nxt = pick(tickets, W5, q.prefer_priority(cfg, lanes))
        if nxt is None:
            break
        tickets.remove(nxt)
        lanes.insert(0, bool(nxt.priority_group))
        served.append(bool(nxt.priority_group))
    return served


def test_interleave_serves_one_priority_per_n_ordinary_so_neither_starves() -> None:
    cfg = q.QueueConfig(priority_policy="interleave:3")
    served = _simulate(cfg, n_prio=20, n_plain=20, calls=16)
    assert served == [True, False, False, False] * 4
    strict = _simulate(q.QueueConfig(priority_policy="strict"), 20, 20, 16)
    assert not any(not p for p in strict)  # strict starves ordinary tickets while priority ones wait


def test_interleave_never_idles_when_only_one_group_waits() -> None:
    cfg = q.QueueConfig(priority_policy="interleave:2")
    assert _simulate(cfg, n_prio=5, n_plain=0, calls=5) == [True] * 5
    assert _simulate(cfg, n_prio=0, n_plain=5, calls=5) == [False] * 5


def test_config_from_settings_tolerates_garbage_policy() -> None:
    vals = {"queue.priority_policy": "nonsense", "queue.recall_cap": 2,
            "queue.appointment_early_min": 10, "queue.appointment_late_min": 5}
    cfg = q.QueueConfig.from_settings(vals.get)
    assert cfg.priority_policy == "strict" and cfg.recall_cap == 2 and cfg.interleave_n is None
    assert cfg.priority_groups == q.DEFAULT_PRIORITY_GROUPS  # no "queue.priority_groups" setting: defaults
    vals["queue.priority_groups"] = [["elderly", "老年人"], ["donor", "无偿献血者"]]
    cfg = q.QueueConfig.from_settings(vals.get)
    assert cfg.validate_group("donor") == "donor" and cfg.group_label("donor") == "无偿献血者"


def test_unknown_priority_group_is_refused() -> None:
    with pytest.raises(ValidationError, match="绿色通道"):
        q.QueueConfig().validate_group("vip")


def test_estimate_uses_recent_service_times_and_open_windows() -> None:
    assert q.estimate_wait_minutes(0, [], 1) == 0
    assert q.estimate_wait_minutes(6, [5 * 60_000, 7 * 60_000], 2) == 18
    assert q.estimate_wait_minutes(2, [], 1) == 16  # default 8 minutes when nothing finished yet


def test_category_for_item_prefers_item_code_then_sector_then_default() -> None:
    cats = [("A", {"default": True}), ("B", {"sectors": ["不动产"]}), ("C", {"item_codes": ["X1"]})]
    assert q.category_for_item(cats, "X1", "不动产") == "C"
    assert q.category_for_item(cats, "Y", "不动产") == "B"
    assert q.category_for_item(cats, "Y", "社保") == "A"
    assert q.category_for_item(cats[1:], "Y", "社保") is None


# ------------------------------------------------------------------ appointment codes and check-in window
def test_scanned_codes_are_normalised_and_garbage_refused() -> None:
    assert normalize_code(" yy:ab12-34cd ") == "AB1234CD"
    assert normalize_code("https://zwfw.example.gov.cn/yy?code=AB1234CD") == "AB1234CD"
    for garbage in ["", "12", "\x1b[2J\x00", "AB12€34", "A" * 40]:
        with pytest.raises(ValidationError, match="无法识别的预约码"):
            normalize_code(garbage)


def _appt(**kw) -> AppointmentState:
    base = dict(id="a", hall_id="h", code="AB1234CD", category="A", day=hall_day(1_795_000_000_000),
                slot_start_ms=1_795_000_000_000, slot_end_ms=1_795_001_800_000)
    base.update(kw)
    return AppointmentState(**base)


def test_check_in_window() -> None:
    a = _appt()
    start = a.slot_start_ms
    with pytest.raises(NotFoundError, match="不存在"):
        check_in_decision(None, "ZZ000000", start, 30, 15)
    with pytest.raises(ValidationError, match="最早可提前 30 分钟"):
        check_in_decision(a, a.code, start - 31 * 60_000, 30, 15)
    assert check_in_decision(a, a.code, start - 29 * 60_000, 30, 15).on_time
    assert check_in_decision(a, a.code, start + 15 * 60_000, 30, 15).on_time
    assert not check_in_decision(a, a.code, start + 16 * 60_000, 30, 15).on_time
    with pytest.raises(ValidationError, match="已过期"):
        check_in_decision(a, a.code, start + 86_400_000, 30, 15)
    with pytest.raises(ConflictError, match="已签到"):
        check_in_decision(_appt(status="checked_in"), a.code, start, 30, 15)
