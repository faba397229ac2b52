"""Two PCs pushing events of the same ticket at the same moment: the server's projection folds both.

Without serialising re-folds per aggregate, the second transaction folds the ticket without the first
one's uncommitted event and, committing last, leaves a partial fold on the server (on PostgreSQL).
"""
from __future__ import annotations

import threading

import pytest

from desk_app.services import queue as qs
from desk_app.store import reducer
from desk_app.store.models import Ticket
from tests.integration.sync.conftest import make_pc, sync_round


@pytest.fixture
def held_projector(monkeypatch):
    """Hold the first server-side fold of the ticket open until released (the transaction stays open)."""
    original = reducer.PROJECTORS["ticket"]
    inside, release = threading.Event(), threading.Event()
    state = {"held": False, "device": None}

    def projector(session, agg_id, events):
        original(session, agg_id, events)
        # the server (not a PC: they run the same projector) folds a's push, ending with a's call
        on_server = "local.db" not in str(session.get_bind().engine.url)
        if on_server and events and events[-1].device == state["device"] \
                and events[-1].type == "ticket.called" and not state["held"]:
            state["held"] = True
            inside.set()
            assert release.wait(20)
    monkeypatch.setitem(reducer.PROJECTORS, "ticket", projector)
    yield inside, release, state


def test_concurrent_pushes_of_one_ticket_fold_both_events(central, tmp_path, held_projector) -> None:
    inside, release, state = held_projector
    a = make_pc(central, tmp_path, "a")
    state["device"] = a.store.device_id
    b = make_pc(central, tmp_path, "b")
    a.agent.refill_leases()
    with a.store.write("guide") as uow:
        t = qs.issue_ticket(uow, "A")
    sync_round(a, b)
    with a.store.write("clerk5") as uow:   # the earlier call: it wins
        qs.call_next(uow, 5, clerk="clerk5")
    with b.store.write("clerk8") as uow:
        qs.call_next(uow, 8, clerk="clerk8")

    ta = threading.Thread(target=a.agent.push_all, name="push-a")
    ta.start()
    assert inside.wait(20)                 # a's fold is done, its transaction still open
    tb = threading.Thread(target=b.agent.push_all, name="push-b")
    tb.start()
    tb.join(0.5)                           # b reaches its own fold meanwhile (or waits for a)
    release.set()
    ta.join(20)
    tb.join(20)
    assert not ta.is_alive() and not tb.is_alive()
    with central.db.read() as s:
        row = s.get(Ticket, t.id)
        assert (row.window_number, row.status) == (5, "called")
        assert len(row.state.get("conflicts", [])) == 1   # b's call is recorded as the losing one
