"""Offline work: leased and device-scoped numbers, double calls in a partition, skewed clocks, revoked users."""
from __future__ import annotations

from sqlalchemy import select

from desk_app.domain.hlc import wall_clock_ms
from desk_app.server import core
from desk_app.services import queue as qs
from desk_app.store import numbering
from desk_app.store.models import EventRow, NumberBlock, Ticket
from tests.integration.sync.conftest import make_pc, sync_round, ticket_state


def test_three_pcs_offline_300_tickets_no_collision(central, tmp_path):
    a = make_pc(central, tmp_path, "a", lease_size=20)
    b = make_pc(central, tmp_path, "b", lease_size=100)
    c = make_pc(central, tmp_path, "c", lease_size=100)
    for pc in (a, b, c):
        assert pc.agent.refill_leases() == 2       # categories A and B
        assert pc.agent.refill_leases() == 0       # stock above half a block: nothing more
    # the network goes away: each PC issues 100 tickets of category A
    issued = {}
    for pc in (a, b, c):
        with pc.store.write("guide") as uow:
            issued[pc.data_dir.name] = [qs.issue_ticket(uow, "A").number for _ in range(100)]
    # a ran out of its 20 leased numbers and continued in its own device range
    idx = int(a.store.get_meta("device_index"))
    lo, hi = numbering.device_range(idx, 0)
    assert issued["a"][:20] == [f"A{n:03d}" for n in range(1, 21)]
    assert [int(n[1:]) for n in issued["a"][20:]] == list(range(lo, lo + 80))
    with a.store.read() as s:
        assert s.scalar(select(NumberBlock.source).where(NumberBlock.start == lo)) == "device"
    sync_round(a, b, c)
    states = [ticket_state(pc.store) for pc in (a, b, c)]
    assert len(states[0]) == 300
    assert states[0] == states[1] == states[2]
    numbers = [t[1] for t in states[0]]
    assert len(set(numbers)) == 300
    with central.db.read() as s:
        assert len(set(s.scalars(select(Ticket.number)))) == 300
    # online again: a refills category A (its stock is empty; B still has 20)
    assert a.agent.refill_leases() == 1
    with a.store.write() as uow:
        assert qs.issue_ticket(uow, "A").number == "A221"   # the next leased block


def test_local_mode_without_server_keeps_counting(store):
    with store.write() as uow:
        assert [qs.issue_ticket(uow, "A").number for _ in range(3)] == ["A001", "A002", "A003"]


def _issue_and_sync(pcs, *, issuer):
    """``issuer`` leases numbers and issues one ticket of category A, then ``pcs`` sync: the ticket."""
    issuer.agent.refill_leases()
    with issuer.store.write("guide") as uow:
        t = qs.issue_ticket(uow, "A")
    sync_round(*pcs)
    return t


def test_double_call_during_partition_earlier_call_wins(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    t = _issue_and_sync((a, b), issuer=a)
    # partition: both windows call the same (only) ticket
    with a.store.write("clerk5") as uow:
        qs.call_next(uow, 5, clerk="clerk5")
    with b.store.write("clerk8") as uow:
        qs.call_next(uow, 8, clerk="clerk8")
    sync_round(a, b)
    assert ticket_state(a.store) == ticket_state(b.store)
    with b.store.read() as s:
        row = s.get(Ticket, t.id)
        assert row.window_number == 5 and row.status == "called"
    assert [n.kind for n in b.notices] == ["lost"]
    assert b.notices[0].label == t.number and b.notices[0].window == 8
    assert a.notices == []
    with central.db.read() as s:
        assert s.get(Ticket, t.id).window_number == 5


def test_skewed_clocks_and_backward_step(central, tmp_path):
    slow = make_pc(central, tmp_path, "slow", now_ms=lambda: wall_clock_ms() - 10 * 60_000)
    fast = make_pc(central, tmp_path, "fast", now_ms=lambda: wall_clock_ms() + 2 * 3600_000)
    t = _issue_and_sync((slow, fast), issuer=fast)
    # the slow PC calls a ticket issued "two hours in the future": its clock observed that time
    with slow.store.write("clerk") as uow:
        qs.call_next(uow, 1, clerk="clerk")
    sync_round(slow, fast)
    assert ticket_state(slow.store) == ticket_state(fast.store)
    with fast.store.read() as s:
        assert s.get(Ticket, t.id).status == "called"
    assert abs(slow.agent.snapshot().clock_offset_ms + 600_000) < 5_000
    assert abs(fast.agent.snapshot().clock_offset_ms - 7_200_000) < 5_000
    assert slow.agent.snapshot().clock_warning and fast.agent.snapshot().clock_warning

    # a backward step across a restart: the clock and the sequence continue
    from desk_app.store.database import Store
    path = fast.data_dir / "local.db"
    fast.store.close()
    stepped = Store.open(path, now_ms=lambda: wall_clock_ms() - 3600_000)
    with stepped.write("guide") as uow:
        qs.issue_ticket(uow, "B")
    with stepped.read() as s:
        rows = s.execute(select(EventRow.hlc, EventRow.device_seq).where(EventRow.origin == "local")
                         .order_by(EventRow.device_seq)).all()
    assert [r.device_seq for r in rows] == list(range(1, len(rows) + 1))
    assert rows[-1].hlc > rows[-2].hlc
    from desk_app.sync.agent import SyncAgent
    agent = SyncAgent(stepped, fast.client)
    agent.push_all()
    sync_round(slow)
    assert ticket_state(slow.store) == ticket_state(stepped)
    stepped.close()


def test_events_of_a_user_revoked_offline_are_accepted_and_flagged(central, tmp_path):
    core.publish_reference(central.db, "users", {"users": [{"username": "zhang", "role": "clerk"}]},
                           hall=central.hall_id)
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    a.agent.refill_leases()
    with a.store.write("zhang") as uow:     # offline, zhang still works at window 5
        qs.issue_ticket(uow, "A")
    core.publish_reference(central.db, "users",
                           {"users": [{"username": "zhang", "role": "clerk", "active": False}]},
                           hall=central.hall_id)
    sync_round(a, b)
    for pc in (a, b):
        with pc.store.read() as s:
            assert s.scalars(select(EventRow.flags).where(EventRow.actor == "zhang")).all() == [core.REVOKED_FLAG]
    assert len(ticket_state(b.store)) == 1


def test_a_pc_hours_off_issues_for_the_hall_day_from_its_enrollment_on(central, tmp_path):
    """Without the enrollment's clock reading, a PC at +10 h leases and issues for tomorrow's day (nobody can
    call those tickets) until its agent first talks to the server."""
    from desk_app.domain.timeutil import hall_day
    off = make_pc(central, tmp_path, "off", now_ms=lambda: wall_clock_ms() + 10 * 3600_000)
    assert abs(off.store.now_ms() - wall_clock_ms()) < 5_000
    off.agent.refill_leases()
    with off.store.write("guide") as uow:
        t = qs.issue_ticket(uow, "A")
    assert t.day == hall_day(wall_clock_ms())
