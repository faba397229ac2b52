"""desk-central's /healthz and /metrics: what a load balancer and Prometheus read."""
from __future__ import annotations

import re

from desk_app.services import queue as qs
from tests.integration.sync.conftest import make_pc


def test_healthz_reports_the_database(central):
    r = central.client.get("/healthz")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["database"] == "ok" and r.json()["epoch"] == central.db.epoch


def test_healthz_is_503_when_the_database_is_gone(central, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def refused(*_a, **_k):
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))
    monkeypatch.setattr(central.db.engine, "connect", refused)
    r = central.client.get("/healthz")
    assert r.status_code == 503 and r.json()["database"] == "unreachable"
    assert "desk_central_db_up 0" in central.client.get("/metrics").text


def test_metrics_count_requests_by_route_template(central, tmp_path):
    pc = make_pc(central, tmp_path, "pc1")
    with pc.store.write("guide") as uow:
        qs.issue_ticket(uow, "A")
    assert pc.agent.push_once() == 1
    for _ in range(3):
        central.client.get("/v1/blobs/" + "0" * 64, headers={"Authorization": f"Bearer {pc.client.token}"})
    text = central.client.get("/metrics").text
    assert 'desk_central_requests_total{route="/v1/blobs/{sha}",method="GET",status="' in text
    # one series per route, never per attachment
    assert "0" * 64 not in text
    n = sum(int(m) for m in re.findall(r'desk_central_requests_total\{route="/v1/blobs/\{sha\}"[^}]*\} (\d+)', text))
    assert n == 3
    assert re.search(r'desk_central_request_seconds_count\{route="/v1/push",method="POST"\} [1-9]', text)
    assert "desk_central_db_up 1" in text
