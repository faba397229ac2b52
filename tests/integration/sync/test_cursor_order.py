"""Cursors never skip an event when server transactions commit out of order (two concurrent pushers)."""
from __future__ import annotations

import threading

import pytest

from desk_app.server import core
from tests.integration.sync.conftest import issue_tickets, make_pc


@pytest.fixture
def hook():
    yield
    core.after_numbering = None


def test_open_push_transaction_hides_its_sequences_and_blocks_later_numbering(central, tmp_path, hook):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    reader = make_pc(central, tmp_path, "r")
    for pc in (a, b):
        issue_tickets(pc.store, 3)
    inside, release = threading.Event(), threading.Event()

    def hold(dev):
        if dev.device_id == a.store.device_id:
            inside.set()
            assert release.wait(20)
    core.after_numbering = hold
    ta = threading.Thread(target=a.agent.push_all)
    ta.start()
    assert inside.wait(20)            # a has numbered 1..3 but not committed
    done_b = threading.Event()

    def push_b():
        b.agent.push_all()
        done_b.set()
    tb = threading.Thread(target=push_b)
    tb.start()
    # b may do its work but cannot number (and so commit) while a holds the hall cursor
    assert not done_b.wait(0.5)
    seen = reader.client.pull(0)
    assert seen.events == [] and seen.cursor == 0   # nothing visible, the cursor does not move
    release.set()
    ta.join(20)
    tb.join(20)
    assert done_b.is_set()
    allv = reader.client.pull(0)
    assert [e.server_seq for e in allv.events] == [1, 2, 3, 4, 5, 6]


def test_concurrent_pushers_and_a_puller_never_skip(central, tmp_path):
    pcs = [make_pc(central, tmp_path, f"p{i}", batch_size=3) for i in range(4)]
    reader = make_pc(central, tmp_path, "reader")
    for pc in pcs:
        issue_tickets(pc.store, 15)
    stop = threading.Event()
    got: list[int] = []
    errors: list[BaseException] = []

    def puller():
        cursor = 0
        try:
            while True:
                finished = stop.is_set()
                r = reader.client.pull(cursor, limit=7)
                got.extend(e.server_seq for e in r.events)
                cursor = r.cursor
                if finished and not r.more:
                    return
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
    tp = threading.Thread(target=puller)
    tp.start()
    threads = [threading.Thread(target=pc.agent.push_all) for pc in pcs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    stop.set()
    tp.join(60)
    assert not errors
    assert got == list(range(1, 61))   # every event exactly once, in sequence order
