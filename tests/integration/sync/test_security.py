"""Refused requests write nothing: unauthenticated, malformed, oversized, unknown version, wrong hall."""
from __future__ import annotations

import json
import os
import stat

import pytest
from sqlalchemy import func, select

from desk_app.domain.ids import new_id
from desk_app.server import core
from desk_app.services import queue as qs
from desk_app.store.models import EventRow
from desk_app.store.models.server import Rejection
from tests.integration.sync.conftest import make_pc


def _count(db, model=EventRow) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def pc_and_event(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    with a.store.write() as uow:
        qs.issue_ticket(uow, "A")
    ev = a.agent.pending_events(10)[0]
    body = {"protocol": 1, "sent_at_ms": 0, "events": [ev.to_dict()]}
    return a, ev, body


def _auth(pc) -> dict:
    return {"Authorization": f"Bearer {pc.client.token}"}


def test_enrollment_code_is_one_time_and_credential_file_is_private(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    mode = stat.S_IMODE(os.stat(a.data_dir / "device_credential").st_mode)
    assert mode == 0o600
    code = core.create_enrollment_code(central.db, central.hall_id, 3)
    r1 = central.client.post("/v1/enroll", json={"code": code, "device_id": new_id()})
    r2 = central.client.post("/v1/enroll", json={"code": code, "device_id": new_id()})
    assert r1.status_code == 200 and r2.status_code == 422
    # only the hash of the token is stored
    with central.db.read() as s:
        from desk_app.store.models import Device
        hashes = s.scalars(select(Device.credential_hash)).all()
    assert r1.json()["token"] not in hashes and core.token_hash(r1.json()["token"]) in hashes


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic x"}])
def test_unauthenticated_requests_are_refused(central, pc_and_event, headers):
    _a, _ev, body = pc_and_event
    for method, path in (("POST", "/v1/push"), ("GET", "/v1/pull"), ("GET", "/v1/status"),
                         ("GET", "/v1/reference"), ("POST", "/v1/leases")):
        r = central.client.request(method, path, json=body if method == "POST" else None, headers=headers)
        assert r.status_code == 401, (path, r.text)
    assert _count(central.db) == 0


def test_malformed_requests_are_refused(central, pc_and_event):
    a, ev, body = pc_and_event
    bad = [
        b"{not json",
        json.dumps({"protocol": 1, "sent_at_ms": 0}).encode(),                       # no events
        json.dumps({**body, "extra": 1}).encode(),                                    # unknown field
        json.dumps({**body, "events": [{**ev.to_dict(), "id": "x"}]}).encode(),      # bad id
        json.dumps({**body, "events": [{**ev.to_dict(), "device_seq": 0}]}).encode(),
        json.dumps({**body, "events": [{**ev.to_dict(), "hlc": "yesterday"}]}).encode(),
        json.dumps({**body, "events": [{**ev.to_dict(), "payload": [1, 2]}]}).encode(),
    ]
    for raw in bad:
        r = central.client.post("/v1/push", content=raw,
                                headers={**_auth(a), "content-type": "application/json"})
        assert r.status_code == 422, r.text
    # out-of-order sequences inside one batch
    ev2 = {**ev.to_dict(), "id": new_id(), "device_seq": ev.device_seq + 1}
    r = central.client.post("/v1/push", json={**body, "events": [ev2, ev.to_dict()]}, headers=_auth(a))
    assert r.status_code == 422
    assert _count(central.db) == 0 and _count(central.db, Rejection) == 0


def test_oversized_requests_are_refused(central, pc_and_event):
    a, ev, body = pc_and_event
    # One oversized event is refused alone (recorded with its reason), never its whole batch.
    big = {**ev.to_dict(), "payload": {**ev.payload, "number": "字" * 70_000}}
    r = central.client.post("/v1/push", json={**body, "events": [big]}, headers=_auth(a))
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "rejected"
    assert "过大" in r.json()["results"][0]["reason"]
    r = central.client.post("/v1/push", content=b" " * (9 * 1024 * 1024),
                            headers={**_auth(a), "content-type": "application/json"})
    assert r.status_code == 413
    many = [{**ev.to_dict(), "id": new_id(), "device_seq": i + 1} for i in range(501)]
    r = central.client.post("/v1/push", json={**body, "events": many}, headers=_auth(a))
    assert r.status_code == 422
    assert _count(central.db) == 0


def test_unknown_protocol_and_event_versions(central, pc_and_event):
    a, ev, body = pc_and_event
    r = central.client.post("/v1/push", json={**body, "protocol": 99}, headers=_auth(a))
    assert r.status_code == 422
    assert _count(central.db) == 0
    # an event of a newer schema (or type) than the server knows is rejected, not applied, and
    # does not block the next event
    newer = {**ev.to_dict(), "schema_version": 7}
    r = central.client.post("/v1/push", json={**body, "events": [newer]}, headers=_auth(a))
    assert r.status_code == 200
    res = r.json()["results"][0]
    assert res["status"] == "rejected" and "结构版本" in res["reason"]
    assert _count(central.db) == 0
    nxt = {**ev.to_dict(), "id": new_id(), "device_seq": 2, "type": "ticket.teleported"}
    r = central.client.post("/v1/push", json={**body, "events": [nxt]}, headers=_auth(a))
    assert r.json()["results"][0]["status"] == "rejected"
    assert r.json()["expected_seq"] is None
    assert _count(central.db) == 0


def test_wrong_hall_and_wrong_device_are_refused(central, tmp_path, pc_and_event):
    a, ev, body = pc_and_event
    other_hall = core.create_hall(central.db, "H2", "另一大厅")
    b = make_pc(central, tmp_path, "b")
    code = core.create_enrollment_code(central.db, other_hall, 1)
    stranger = central.client.post("/v1/enroll", json={"code": code, "device_id": new_id()}).json()
    hdr = {"Authorization": f"Bearer {stranger['token']}"}
    # the other hall's device pushing our hall's event
    fake = {**ev.to_dict(), "device": stranger["device_id"]}
    r = central.client.post("/v1/push", json={**body, "events": [fake]}, headers=hdr)
    assert r.status_code == 403
    # b pushing a's event (same hall, another device)
    r = central.client.post("/v1/push", json=body, headers=_auth(b))
    assert r.status_code == 403
    assert _count(central.db) == 0
    # a's events are invisible to the other hall
    a.agent.push_all()
    r = central.client.get("/v1/pull", params={"since": 0}, headers=hdr)
    assert r.status_code == 200 and r.json()["events"] == []


def test_revoked_device_is_refused(central, pc_and_event):
    a, _ev, _body = pc_and_event
    from desk_app.sync.client import SyncAuthError
    core.revoke_device(central.db, a.store.device_id)
    # a's token was never used, so it is not in the auth cache: refused at once
    with pytest.raises(SyncAuthError):
        a.agent.push_all()
    assert _count(central.db) == 0


def test_revoked_device_is_refused_within_seconds_though_its_credential_was_cached(central, tmp_path):
    import time

    from desk_app.server.authcache import RECHECK_S
    a = make_pc(central, tmp_path, "a")
    assert central.client.get("/v1/status", headers=_auth(a)).status_code == 200  # now cached
    core.revoke_device(central.db, a.store.device_id)  # as `desk-central device revoke` does, from outside
    revoked_at = time.monotonic()
    while central.client.get("/v1/status", headers=_auth(a)).status_code != 401:
        assert time.monotonic() - revoked_at < RECHECK_S + 3, "a revoked device is still let in"
        time.sleep(0.05)
    with a.store.write() as uow:
        qs.issue_ticket(uow, "A")
    r = central.client.post("/v1/push", json={"protocol": 1, "sent_at_ms": 0,
                                              "events": [e.to_dict() for e in a.agent.pending_events(10)]},
                            headers=_auth(a))
    assert r.status_code == 401
    assert _count(central.db) == 0


def test_concurrent_enrollments_get_distinct_device_indexes(central):
    import threading
    codes = [core.create_enrollment_code(central.db, central.hall_id, n) for n in range(8)]
    out: list[int] = []
    barrier = threading.Barrier(len(codes))

    def go(code):
        barrier.wait()
        out.append(core.enroll(central.db, code, new_id(), "").device_index)
    threads = [threading.Thread(target=go, args=(c,)) for c in codes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(out) == list(range(8))
