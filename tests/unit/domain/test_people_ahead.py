"""People ahead of a ticket is its place in the calling order itself (a property test against pick_next)."""
from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings, strategies as st

from desk_app.domain import queue as q

NOW = 10_000_000


def _ticket(i: int, cat: str, issued: int, prio: bool, transferred: bool, appt: int | None,
            target: int | None, back: bool) -> q.TicketState:
    return q.TicketState(id=f"t{i}", hall_id="h", day="d", category=cat, seq=i, number=f"{cat}{i:03d}",
                         status=q.WAITING, priority_group="elderly" if prio else "",
                         appointment_id=f"ap{i}" if appt is not None else None, issued_at_ms=issued,
                         issued_hlc=f"{issued:015d}-{i:04d}", appt_slot_ms=appt, transferred_in=transferred,
                         target_window=target, comes_back=back and target is not None)


tickets_st = st.lists(st.tuples(
    st.sampled_from("AAAB"), st.integers(0, 5_000_000), st.booleans(), st.booleans(),
    st.one_of(st.none(), st.integers(NOW - 600_000, NOW + 600_000)),
    st.one_of(st.none(), st.none(), st.sampled_from([3, 5])), st.booleans()), min_size=1, max_size=25)


@settings(max_examples=200, deadline=None)
@given(tickets_st, st.data(), st.booleans())
def test_people_ahead_is_the_number_of_calls_before_the_ticket(rows, data, priority_first) -> None:
    tickets = [_ticket(i, *r) for i, r in enumerate(rows)]
    me = data.draw(st.sampled_from(tickets))
    profile = q.ahead_profile(me)
    remaining, calls = list(tickets), 0
    while True:
        nxt = q.pick_next(remaining, profile, NOW, priority_first)
        assert nxt is not None
        if nxt.id == me.id:
            break
        remaining.remove(nxt)
        calls += 1
    assert q.people_ahead(tickets, me, NOW, priority_first) == calls


def test_a_priority_ticket_counts_only_what_goes_before_it() -> None:
    walk_ins = [_ticket(i, "A", 1_000 + i, False, False, None, None, False) for i in range(5)]
    prio_early = _ticket(10, "A", 500, True, False, None, None, False)
    me = _ticket(11, "A", 9_000, True, False, None, None, False)
    appt = _ticket(12, "A", 8_000, False, False, NOW - 1, None, False)
    other_cat = _ticket(13, "B", 1, True, False, None, None, False)
    sent_elsewhere = replace(_ticket(14, "A", 1, False, True, None, 3, False))
    everyone = [*walk_ins, prio_early, me, appt, other_cat, sent_elsewhere]
    assert q.people_ahead(everyone, me, NOW) == 1            # the earlier priority ticket, not the 5 walk-ins
    assert q.people_ahead(everyone, appt, NOW) == 2          # both priority tickets
    assert q.people_ahead(everyone, walk_ins[0], NOW) == 3   # priority, priority, the started appointment
