"""Halls are isolated on one desk-central: aggregates, attachments and device identities belong to one hall.

``CROSS`` counts the cross-hall (and identity) attacks tried and those that succeeded (printed at the end).
"""
from __future__ import annotations

import hashlib
import os

from sqlalchemy import select

from desk_app.domain.ids import new_id
from desk_app.domain.queue_windows import queue_day_key
from desk_app.domain.timeutil import hall_day
from desk_app.server import core
from desk_app.store.models import Device, Ticket
from tests.integration.sync.conftest import Central, has_ticket, issue_tickets, make_pc, sync_round

CROSS = {"tried": 0, "succeeded": 0}


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _other_hall(central, tmp_path, name="x"):
    """A PC of a second hall on the same desk-central."""
    hall_b = core.create_hall(central.db, f"HB{name}", "另一大厅")
    other = Central(central.db, central.app, central.client, hall_b, central.blobs_dir, central.agents)
    return make_pc(other, tmp_path, name), hall_b


def _attack(ok: bool) -> None:
    CROSS["tried"] += 1
    CROSS["succeeded"] += bool(ok)


def test_events_on_another_halls_aggregates_are_refused(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    x, hall_b = _other_hall(central, tmp_path)
    victim = issue_tickets(x.store, 1)[0]
    x.agent.push_all()
    with central.db.read() as s:
        before = s.get(Ticket, victim.id).status
    # A device of hall A calls hall B's ticket (its id is in the ticket's QR code) and closes B's day.
    issue_tickets(a.store, 1)
    base = a.agent.pending_events(10)[0].to_dict()
    a.agent.push_all()
    day = hall_day(core.now_ms())
    forged = [
        {**base, "id": new_id(), "device_seq": 2, "type": "ticket.called", "aggregate": f"ticket:{victim.id}",
         "payload": {"window": 1, "at_ms": 1}},
        {**base, "id": new_id(), "device_seq": 3, "type": "queue_day.category_closed",
         "aggregate": f"queue_day:{queue_day_key(hall_b, day)}", "payload": {"category": "A"}},
        {**base, "id": new_id(), "device_seq": 4, "type": "ticket.handed_out", "aggregate": base["aggregate"],
         "payload": {"at_ms": 2}},
    ]
    r = central.client.post("/v1/push", json={"protocol": 1, "sent_at_ms": 0, "events": forged},
                            headers=_auth(a.client.token))
    assert r.status_code == 200
    results = r.json()["results"]
    for res in results[:2]:
        _attack(res["status"] == "applied")
        assert res["status"] == "rejected" and "另一个大厅" in res["reason"]
    assert results[2]["status"] == "applied"   # the device's own event in the same batch goes on
    with central.db.read() as s:
        assert s.get(Ticket, victim.id).status == before
    # Hall B's PCs see nothing of it and still issue in category A.
    sync_round(x)
    with x.store.read() as s:
        assert s.get(Ticket, victim.id).status == before
    issue_tickets(x.store, 1)
    # A's own ticket of the same batch was not held back.
    assert has_ticket(central.db, base["aggregate"].split(":", 1)[1])


def test_attachments_are_read_per_hall(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    x, _hall_b = _other_hall(central, tmp_path)
    data = os.urandom(200_000)
    sha = hashlib.sha256(data).hexdigest()
    # Hall B uploads half of a file, then the whole of another.
    assert x.client.put_chunk(sha, len(data), 0, data[:100_000]).received == 100_000
    other = os.urandom(1000)
    other_sha = hashlib.sha256(other).hexdigest()
    assert x.client.put_chunk(other_sha, len(other), 0, other).complete
    # Hall A knows both SHA-256s: it may neither read B's file nor see or disturb B's upload.
    st = a.client.blob_status(other_sha, len(other))
    _attack(st.complete)
    assert not st.complete and st.received == 0
    r = central.client.get(f"/v1/blobs/{other_sha}/content", headers=_auth(a.client.token))
    _attack(r.status_code == 200)
    assert r.status_code == 404
    st = a.client.blob_status(sha, len(data))
    _attack(st.received > 0)
    assert st.received == 0
    _attack(a.client.put_chunk(sha, len(data), 0, b"\0" * 50_000).received != 50_000)
    assert x.client.put_chunk(sha, len(data), 100_000, data[100_000:]).complete  # B's upload is intact
    assert x.client.blob_content(sha) == data
    # Once A sends the same bytes itself it may read them; they are stored once.
    a.client.put_chunk(other_sha, len(other), 0, other)
    assert a.client.blob_content(other_sha) == other
    stored = [p for p in central.blobs_dir.rglob(other_sha) if ".partial" not in p.parts]
    assert len(stored) == 1


def test_a_code_enrolls_once_into_a_new_device(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    issue_tickets(a.store, 1)
    a.agent.push_all()
    # Someone with a fresh code claims to be PC a (device ids are in every event).
    code = core.create_enrollment_code(central.db, central.hall_id, 9)
    r = central.client.post("/v1/enroll", json={"code": code, "device_id": a.store.device_id})
    assert r.status_code == 200
    newcomer = r.json()
    _attack(newcomer["device_id"] == a.store.device_id)
    assert newcomer["device_id"] != a.store.device_id
    # The victim keeps working; the newcomer reads nothing of it as its own and cannot push as it.
    issue_tickets(a.store, 1)
    assert a.agent.push_all() == 1
    own = central.client.get("/v1/own?after=0", headers=_auth(newcomer["token"])).json()
    _attack(bool(own["events"]))
    assert own["events"] == []
    ev = {**a.agent.pending_events(1)[0].to_dict()} if a.agent.pending_events(1) else None
    assert ev is None  # all of a's events went
    # The same code does not enroll twice.
    again = central.client.post("/v1/enroll", json={"code": code})
    _attack(again.status_code == 200)
    assert again.status_code == 422
    with central.db.read() as s:
        assert len(s.scalars(select(Device.id)).all()) == 2


def test_a_pc_used_alone_takes_the_server_id_with_its_unsent_events(central, tmp_path):
    from desk_app.store.database import Store
    from desk_app.sync.agent import SyncAgent
    from desk_app.sync.client import SyncClient
    from desk_app.sync.enrollment import enroll_pc
    store = Store.open(tmp_path / "solo.db")
    from desk_app.store.models import QueueCategory
    with store.write() as uow:
        uow.session.add(QueueCategory(id=new_id(), hall_id="", prefix="A", name="类别A"))
    solo_id = store.device_id
    issued = issue_tickets(store, 3)
    client = SyncClient(http=central.client)
    enroll_pc(store, client, core.create_enrollment_code(central.db, central.hall_id, 1), tmp_path / "solo")
    assert store.device_id != solo_id
    with store.read() as s:
        t = s.get(Ticket, issued[0].id)
        assert t.issued_device == store.device_id
    agent = SyncAgent(store, client, poll_wait=0.2, backoff_max=0.5)
    central.agents.append(agent)
    assert agent.push_all() == 3
    assert all(has_ticket(central.db, t.id) for t in issued)
    store.close()


def test_zz_report(capsys):
    with capsys.disabled():
        print(f"\ncross-hall requests tried {CROSS['tried']} / succeeded {CROSS['succeeded']}")
