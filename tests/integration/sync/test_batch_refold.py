"""The server writes a pushed batch's projection rows in one statement, yet still names the one bad event."""
from __future__ import annotations

from sqlalchemy import select

from desk_app.services import queue as qs
from desk_app.store.models import Ticket
from tests.integration.sync.conftest import make_pc


def _auth(pc) -> dict:
    return {"Authorization": f"Bearer {pc.client.token}"}


def test_a_colliding_ticket_is_rejected_and_the_rest_of_the_batch_applies(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    with b.store.write() as uow:
        taken = qs.issue_ticket(uow, "A")
    b.agent.push_all()
    with a.store.write() as uow:
        mine = [qs.issue_ticket(uow, "A") for _ in range(3)]
    events = [ev.to_dict() for ev in a.agent.pending_events(10)]
    # the middle ticket claims b's number: the unique (hall, day, number) guard fails in the batch write
    events[1]["payload"] = {**events[1]["payload"], "number": taken.number}
    r = central.client.post("/v1/push", json={"protocol": 1, "sent_at_ms": 0, "events": events},
                            headers=_auth(a))
    assert r.status_code == 200, r.text
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["applied", "rejected", "applied"]
    assert "服务器无法应用此事件" in results[1]["reason"]
    with central.db.read() as s:
        on_server = dict(s.execute(select(Ticket.id, Ticket.number)).all())
    assert on_server == {taken.id: taken.number, mine[0].id: mine[0].number, mine[2].id: mine[2].number}


def test_a_batch_of_many_aggregates_projects_like_one_by_one(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    with a.store.write() as uow:
        issued = [qs.issue_ticket(uow, "AB"[i % 2]) for i in range(60)]
    with a.store.write() as uow:
        called = qs.call_next(uow, 1)
    a.agent.push_all()
    with central.db.read() as s:
        rows = {t.id: (t.number, t.status, t.window_number) for t in s.scalars(select(Ticket))}
    with a.store.read() as s:
        local = {t.id: (t.number, t.status, t.window_number) for t in s.scalars(select(Ticket))}
    assert len(rows) == len(issued) and rows == local
    assert rows[called.id][1:] == ("called", 1)
