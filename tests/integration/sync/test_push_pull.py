"""Push and pull against desk-central (SQLite and PostgreSQL): idempotency, gaps, cursors, propagation."""
from __future__ import annotations

import json

from sqlalchemy import func, select

from desk_app.services import queue as qs
from desk_app.store.models import EventRow, Ticket
from tests.integration.sync.conftest import issue_tickets, make_pc, sync_round, ticket_state


def _events(store, **where):
    with store.read() as s:
        q = select(EventRow).order_by(EventRow.device_seq)
        for k, v in where.items():
            q = q.where(getattr(EventRow, k) == v)
        return s.scalars(q).all()


def test_issue_on_one_pc_shows_on_another(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    with a.store.write("guide") as uow:
        t = qs.issue_ticket(uow, "A")
    assert a.agent.push_all() == 1
    assert [e.push_state for e in _events(a.store)] == ["acked"]
    n, more = b.agent.pull_once()
    assert (n, more) == (1, False)
    with b.store.read() as s:
        assert s.scalar(select(Ticket.number).where(Ticket.id == t.id)) == t.number
    # the server folded it with the same reducer
    with central.db.read() as s:
        assert s.scalar(select(Ticket.number).where(Ticket.id == t.id)) == t.number
    # nothing for b again; a does not get its own event back
    assert b.agent.pull_once() == (0, False)
    assert a.agent.pull_once() == (0, False)


def test_repush_after_server_commit_is_noop(central, tmp_path):
    """A kill after the server committed but before the PC cleared its outbox: the re-push changes nothing."""
    a = make_pc(central, tmp_path, "a")
    issue_tickets(a.store, 3)
    events = a.agent.pending_events(100)
    first = a.client.push(events, 0)   # the server commits ...
    assert [r.status for r in first.results] == ["applied"] * 3
    # ... and the PC dies before marking its outbox: everything is still pending
    assert len(_events(a.store, push_state="pending")) == 3
    with central.db.read() as s:
        before = s.scalar(select(func.count()).select_from(EventRow))
    a.agent.push_all()
    assert [e.push_result for e in _events(a.store)] == ["duplicate"] * 3
    assert [e.server_seq for e in _events(a.store)] == [r.server_seq for r in first.results]
    with central.db.read() as s:
        assert s.scalar(select(func.count()).select_from(EventRow)) == before


def test_same_batch_twice_and_out_of_order(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    issue_tickets(a.store, 6)
    ev = a.agent.pending_events(100)
    # batch 2 (seq 4..6) first: a gap, nothing applied, the server says where to start
    r = a.client.push(ev[3:], 0)
    assert r.results == [] and r.expected_seq == 1
    r1 = a.client.push(ev[:3], 0)
    r1b = a.client.push(ev[:3], 0)
    assert [x.status for x in r1.results] == ["applied"] * 3
    assert [x.status for x in r1b.results] == ["duplicate"] * 3
    # a batch that overlaps: duplicates then applied
    r2 = a.client.push(ev[2:], 0)
    assert [x.status for x in r2.results] == ["duplicate", "applied", "applied", "applied"]
    seqs = [x.server_seq for x in r1.results] + [x.server_seq for x in r2.results[1:]]
    assert seqs == sorted(seqs) and len(set(seqs)) == 6
    # the agent, pushing from its own outbox, ends in the same state
    a.agent.push_all()
    assert {e.push_state for e in _events(a.store)} == {"acked"}


def test_gap_in_the_middle_of_a_batch(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    issue_tickets(a.store, 4)
    ev = a.agent.pending_events(100)
    r = a.client.push([ev[0], ev[2], ev[3]], 0)
    assert [x.status for x in r.results] == ["applied"]
    assert r.expected_seq == 2


def test_convergence_three_pcs(central, tmp_path):
    pcs = [make_pc(central, tmp_path, n) for n in ("a", "b", "c")]
    for pc in pcs:
        pc.agent.refill_leases()
        with pc.store.write("guide") as uow:
            for cat in "ABAB":
                qs.issue_ticket(uow, cat)
    sync_round(*pcs)
    states = [ticket_state(pc.store) for pc in pcs]
    assert len(states[0]) == 12
    assert states[0] == states[1] == states[2]
    with central.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == 12


def test_pull_pages_and_cursor(central, tmp_path):
    a = make_pc(central, tmp_path, "a", batch_size=7)
    b = make_pc(central, tmp_path, "b")
    issue_tickets(a.store, 25)
    a.agent.push_all()
    resp = b.client.pull(0, limit=10)
    assert len(resp.events) == 10 and resp.more
    assert [e.server_seq for e in resp.events] == list(range(1, 11))
    rest = b.client.pull(resp.cursor, limit=100)
    assert len(rest.events) == 15 and not rest.more and rest.cursor == 25


def test_long_poll_wakes_on_push(central, tmp_path):
    import threading
    import time
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    got = {}

    def poll():
        t0 = time.monotonic()
        got["resp"] = b.client.pull(0, wait=10)
        got["took"] = time.monotonic() - t0
    th = threading.Thread(target=poll)
    th.start()
    time.sleep(0.3)  # let the poll start waiting (not a correctness wait: the result is checked below)
    with a.store.write() as uow:
        qs.issue_ticket(uow, "A")
    a.agent.push_all()
    th.join(15)
    assert len(got["resp"].events) == 1
    assert got["took"] < 5


def test_payload_is_replicated_verbatim(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    with a.store.write() as uow:
        qs.issue_ticket(uow, "A", priority_group="elderly")
    a.agent.push_all()
    b.agent.pull_once()
    pa = [json.loads(e.payload) for e in _events(a.store)]
    pb = [json.loads(e.payload) for e in _events(b.store)]
    assert pa == pb
