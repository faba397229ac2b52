"""Poison events: desk-central refuses what no replica could fold, and one bad event never stops a hall.

Each scenario is an attack or a fault the adversarial run of issue 18 found; ``TRIED``/``ACCEPTED``
count them (printed at the end: poison events tried / accepted that cannot be folded).
"""
from __future__ import annotations

import json
import os

import pytest
from sqlalchemy import func, insert, select

from desk_app.domain.errors import ValidationError
from desk_app.domain.hlc import MAX_CLOCK_SKEW_MS
from desk_app.domain.ids import new_id
from desk_app.server import core
from desk_app.services import intake as ins
from desk_app.services import queue as qs
from desk_app.store.blobs import BlobStore
from desk_app.store.models import EventRow
from desk_app.store.models.server import BlobUpload, Rejection
from desk_app.sync.uploads import Uploader
from tests.integration.sync.conftest import has_ticket, issue_tickets, make_pc, sync_round
from tests.integration.sync.test_uploads import CHUNK, _scan

POISON = {"tried": 0, "accepted": 0}


def _auth(pc) -> dict:
    return {"Authorization": f"Bearer {pc.client.token}"}


def _events(db, **where) -> int:
    with db.read() as s:
        q = select(func.count()).select_from(EventRow)
        for k, v in where.items():
            q = q.where(getattr(EventRow, k) == v)
        return s.scalar(q)


def _next_event(pc, **changes) -> dict:
    """A fresh local event of ``pc`` as the wire carries it, with ``changes`` (the next device sequence)."""
    issue_tickets(pc.store, 1)
    ev = pc.agent.pending_events(500)[-1].to_dict()
    return {**ev, **changes}


def _push(central, pc, events, **body) -> object:
    return central.client.post("/v1/push", json={"protocol": 1, "sent_at_ms": 0, "events": events, **body},
                               headers=_auth(pc))


def _count_poison(resp, event_id: str) -> None:
    POISON["tried"] += 1
    if resp.status_code == 200:
        status = next(r["status"] for r in resp.json()["results"] if r["id"] == event_id)
        if status == "applied":
            POISON["accepted"] += 1


def test_far_future_hlc_is_refused_and_never_drags_the_hall(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    bad = _next_event(a)
    bad["hlc"] = f"999999999999999.65535.{a.store.device_id}"
    r = _push(central, a, [bad])
    _count_poison(r, bad["id"])
    assert r.status_code == 200
    res = r.json()["results"][0]
    assert res["status"] == "rejected" and "时间戳" in res["reason"]
    # The refusal consumed its sequence: the PC's next events go on.
    issue_tickets(a.store, 2)
    a.agent.push_all()
    assert _events(central.db) == 2

    # An older desk-central let one in: it reaches B, whose clock must not follow it past the bound.
    now = core.now_ms()
    with central.db.write() as s:
        s.execute(insert(EventRow), [dict(
            id=new_id(), hall=central.hall_id, device=a.store.device_id, device_seq=99,
            hlc=f"999999999999999.65535.{a.store.device_id}", type="ticket.called", schema_version=1,
            actor="", aggregate=f"ticket:{new_id()}", payload='{"window":1}', recorded_at_ms=now,
            origin="remote", push_state="", push_result="", flags="", server_seq=None)])
        hc = s.get(core.HallCursor, central.hall_id)
        s.execute(EventRow.__table__.update().where(EventRow.device_seq == 99).values(server_seq=hc.last_seq + 1))
        hc.last_seq += 1
    sync_round(b)
    assert b.store.clock.last.wall_ms <= core.now_ms() + MAX_CLOCK_SKEW_MS
    tid = issue_tickets(b.store, 1)[0].id
    b.agent.push_all()   # a clock adopted from the poison would make this batch fail as a whole (422)
    assert has_ticket(central.db, tid)
    with b.store.read() as s:
        assert s.scalar(select(func.count()).where(EventRow.push_state == "pending")) == 0
    # ... nor after a restart (hlc_seen is bounded too).
    from desk_app.store.database import Store
    path = b.store.engine.url.database
    b.agent.stop()
    b.store.close()
    again = Store.open(path)
    assert again.clock.last.wall_ms <= core.now_ms() + MAX_CLOCK_SKEW_MS
    again.close()


def test_a_payload_off_its_schema_is_refused_and_closing_still_works(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    from desk_app.domain.queue_windows import queue_day_key
    from desk_app.domain.timeutil import hall_day
    day = hall_day(core.now_ms())
    base = _next_event(a)
    seq = base["device_seq"]
    a.agent.push_all()
    poison = {**base, "id": new_id(), "device_seq": seq + 1, "type": "queue_day.category_closed",
              "aggregate": f"queue_day:{queue_day_key(central.hall_id, day)}", "payload": {"category": 1}}
    also = {**poison, "id": new_id(), "device_seq": seq + 2, "payload": {"category": "A", "extra": {"x": 1}}}
    fine = {**poison, "id": new_id(), "device_seq": seq + 3, "hlc": base["hlc"][:-36] + a.store.device_id,
            "type": "ticket.handed_out", "aggregate": base["aggregate"], "payload": {"at_ms": 1}}
    r = _push(central, a, [poison, also, fine])
    for ev in (poison, also):
        _count_poison(r, ev["id"])
    statuses = [x["status"] for x in r.json()["results"]]
    assert statuses == ["rejected", "rejected", "applied"]
    assert "category" in r.json()["results"][0]["reason"]
    with central.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Rejection)) == 2
    # "Close category for the day" keeps working on every PC and on the server.
    with b.store.write() as uow:
        qs.close_category_for_day(uow, "B")
    sync_round(a, b)
    with pytest.raises(ValidationError):
        with a.store.write() as uow:
            qs.issue_ticket(uow, "B")


def test_deep_nan_surrogate_and_huge_numbers_answer_422_not_500(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    ev = _next_event(a)
    deep: dict = {}
    cur = deep
    for _ in range(300):
        cur["a"] = {}
        cur = cur["a"]
    bodies = [
        json.dumps({"protocol": 1, "sent_at_ms": 0, "events": [{**ev, "payload": deep}]}),
        json.dumps({"protocol": 1, "sent_at_ms": 0, "events": [{**ev, "payload": {"x": float("nan")}}]}),
        json.dumps({"protocol": 1, "sent_at_ms": 0, "events": [{**ev, "payload": {"x": float("inf")}}]}),
        json.dumps({"protocol": 1, "sent_at_ms": 0, "events": [{**ev, "payload": {"x": "\ud800"}}]}),
        json.dumps({"protocol": 1, "sent_at_ms": 0, "events": [{**ev, "actor": "\udc00"}]}),
        json.dumps({"protocol": 1, "sent_at_ms": 0, "events": [{**ev, "payload": {"x": 2 ** 70}}]}),
        json.dumps({"protocol": 1, "sent_at_ms": 2 ** 70, "events": [ev]}),
        json.dumps({"protocol": 1, "sent_at_ms": 0, "events": [{**ev, "device_seq": 2 ** 70}]}),
        json.dumps({"protocol": 1, "sent_at_ms": 0, "events": [ev], "deferred": [2 ** 70]}),
    ]
    for body in bodies:
        r = central.client.post("/v1/push", content=body.encode(),
                                headers={**_auth(a), "content-type": "application/json"})
        POISON["tried"] += 1
        POISON["accepted"] += r.status_code == 200
        assert r.status_code == 422, (body[:80], r.status_code, r.text[:200])
    for path in (f"/v1/pull?since={2 ** 70}", f"/v1/own?after={2 ** 70}", "/v1/pull?wait=nan",
                 f"/v1/blobs/{'a' * 64}?size={2 ** 70}"):
        r = central.client.get(path, headers=_auth(a))
        POISON["tried"] += 1
        POISON["accepted"] += r.status_code == 200
        assert r.status_code == 422, (path, r.status_code)
    assert _events(central.db) == 0
    # The hall goes on: the PC's real event is accepted and every pull still works.
    a.agent.push_all()
    assert _events(central.db) == 1
    b = make_pc(central, tmp_path, "b")
    assert b.agent.pull_once()[0] == 1


def test_the_pc_refuses_to_store_what_the_server_would_refuse(central, tmp_path):
    """A 70 000-character legal representative is refused at once with a message, not stored to be stuck."""
    a = make_pc(central, tmp_path, "a")
    with a.store.write() as uow:
        case = ins.open_case(uow, window_number=1).case
    with a.store.read() as s:
        before = s.scalar(select(func.count()).select_from(EventRow))
    org = {"kind": "organisation", "name": "某某科技有限公司", "uscc": "91350100M000100Y43",
           "legal_rep": "张" * 70_000}
    with pytest.raises(ValidationError) as err:
        with a.store.write() as uow:
            ins.set_applicant(uow, case.id, org, window_number=1)
    assert "法定代表人" in err.value.message or "legal_rep" in err.value.message
    POISON["tried"] += 1
    with a.store.read() as s:
        assert s.scalar(select(func.count()).select_from(EventRow)) == before


def test_one_oversized_event_in_an_old_outbox_is_rejected_alone(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    issue_tickets(a.store, 1)
    # Stored by an older program, before the PC checked sizes: it must not block the events behind it.
    seq = a.store._seq + 1
    with a.store.write() as uow:
        uow.session.execute(insert(EventRow), [dict(
            id=new_id(), hall=a.store.hall_id, device=a.store.device_id, device_seq=seq,
            hlc=a.store.clock.tick().encode(), type="ticket.print_failed", schema_version=1, actor="",
            aggregate=f"ticket:{new_id()}", payload=json.dumps({"reason": "字" * 70_000}, ensure_ascii=False),
            recorded_at_ms=1, origin="local", push_state="pending", push_result="", flags="")])
        uow.set_sequence(seq)
    issue_tickets(a.store, 2)
    a.agent.push_all()
    POISON["tried"] += 1
    with a.store.read() as s:
        states = dict(s.execute(select(EventRow.device_seq, EventRow.push_state)).all())
    assert states == {1: "acked", 2: "rejected", 3: "acked", 4: "acked"}
    assert any(n.kind == "rejected" and "过大" in n.reason for n in a.notices)
    assert _events(central.db) == 3


def test_a_stuck_outbox_is_an_error_with_its_reason(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    issue_tickets(a.store, 1)
    # desk-central refuses the whole batch (here: a protocol it does not speak).
    real = a.client.push

    def refused(events, sent_at_ms, deferred=None):
        from desk_app.sync import client as cl
        old = cl.PROTOCOL_VERSION
        cl.PROTOCOL_VERSION = 99
        try:
            return real(events, sent_at_ms, deferred)
        finally:
            cl.PROTOCOL_VERSION = old
    a.client.push = refused
    with pytest.raises(Exception):
        a.agent.push_all()
    snap = a.agent.snapshot()
    assert snap.pending_events == 1 and "协议版本" in snap.stuck_reason
    a.client.push = real
    a.agent.push_all()
    assert a.agent.snapshot().stuck_reason == ""


def test_a_reducer_failure_on_one_event_is_contained(central, tmp_path, monkeypatch):
    """The projection refuses one event (a bug, or data no schema catches): that event alone is rejected."""
    from desk_app.store import reducer
    from desk_app.store.projectors import RowProjection
    a = make_pc(central, tmp_path, "a")
    b = make_pc(central, tmp_path, "b")
    issued = issue_tickets(a.store, 3)
    proj = reducer.PROJECTORS["ticket"]
    doomed = issued[1].id

    def fold(agg_id, events):
        if agg_id == doomed:
            raise TypeError("'<' not supported between instances of 'int' and 'str'")
        return proj.fold(agg_id, events)
    monkeypatch.setitem(reducer.PROJECTORS, "ticket", RowProjection(proj.table, fold))
    a.agent.push_all()
    with a.store.read() as s:
        states = sorted(s.execute(select(EventRow.push_state)).scalars().all())
    assert states == ["acked", "acked", "rejected"]
    assert has_ticket(central.db, issued[0].id) and has_ticket(central.db, issued[2].id)
    # A PC that cannot fold a pulled event reports it and applies the rest.
    b.agent.pull_once()
    assert has_ticket(b.store, issued[0].id) and has_ticket(b.store, issued[2].id)


def test_a_corrupt_local_scan_is_a_conflict_and_the_queue_behind_it_goes_on(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    blobs = BlobStore(a.data_dir / "blobs")
    problems: list = []
    up = Uploader(a.store, a.client, blobs, chunk_bytes=CHUNK, on_problem=lambda sha, why: problems.append(sha))
    a.agent.uploader = up
    bad = _scan(a, blobs, os.urandom(CHUNK * 2))
    good = _scan(a, blobs, os.urandom(CHUNK))
    raw = bytearray(blobs.path(bad).read_bytes())
    raw[100] ^= 0x01                                  # one bit flipped on the PC's disk
    blobs.path(bad).write_bytes(bytes(raw))
    calls = []
    real = a.client.put_chunk
    a.client.put_chunk = lambda *args: calls.append(args[0]) or real(*args)
    assert up.upload_all() == 1                       # the sound file went; the corrupt one was never sent
    assert problems == [bad] and set(calls) == {good}
    with central.db.read() as s:
        assert s.get(BlobUpload, good).complete and s.get(BlobUpload, bad) is None
    assert up.upload_all() == 0 and problems == [bad]  # not retried, not reported again
    a.agent.push_all()
    with a.store.read() as s:
        assert s.scalar(select(func.count()).where(EventRow.push_state == "pending")) == 0
    # The agent tells the clerk (the status bar shows it as a notice to re-scan).
    a.agent.report_blob_problem(bad, "本机保存的附件已损坏")
    assert any(n.kind == "corrupt_blob" for n in a.notices)
    # Re-scanning the same page mends the local copy, and it is sent.
    _scan(a, blobs, bytes(raw[:100]) + bytes([raw[100] ^ 0x01]) + bytes(raw[101:]))
    assert blobs.verify(bad)


def test_zz_report(capsys):
    with capsys.disabled():
        print(f"\npoison events tried {POISON['tried']} / accepted {POISON['accepted']}")
