"""Two desk-central copies on one PostgreSQL database: a push on one wakes a long poll on the other at once."""
from __future__ import annotations

import threading
import time
import warnings

import pytest

from desk_app.server import core
from desk_app.server.app import create_app
from desk_app.services import queue as qs
from tests.integration.sync.conftest import make_pc, wait_until

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

# PostgreSQL only: the embedded SQLite server is one process, woken by its in-process notifier.
pytestmark = pytest.mark.parametrize("server_url", [pytest.param("postgres", marks=pytest.mark.postgres)],
                                     indirect=True)

FALLBACK_S = 30.0  # the other copy's own re-check: far longer than the wake may take


@pytest.fixture
def second_copy(central, tmp_path):
    """desk-central B: its own engine and event loop over central's database, with a long fallback re-check."""
    db_b = core.ServerDB(central.db.url)
    app_b = create_app("", tmp_path / "blobs", db=db_b, recheck_s=FALLBACK_S)
    with TestClient(app_b) as client_b:
        assert app_b.state.listener.listening.wait(10)
        yield app_b, client_b
    db_b.dispose()


def _push_through_a_while_b_long_polls(central, tmp_path, app_b, client_b) -> tuple[dict, float, str]:
    """A PC long-polls copy B; another PC issues a ticket and pushes it through copy A (central).

    Returns B's answer (with the time it came), when the push returned, and the ticket's id."""
    writer = make_pc(central, tmp_path, "w")
    reader = make_pc(central, tmp_path, "r")
    hdr = {"Authorization": f"Bearer {reader.client.token}"}
    since = client_b.get("/v1/pull", headers=hdr).json()["cursor"]
    answer: dict = {}

    def long_poll():
        r = client_b.get("/v1/pull", params={"since": since, "wait": FALLBACK_S}, headers=hdr)
        answer["at"], answer["body"] = time.monotonic(), r.json()
    t = threading.Thread(target=long_poll)
    t.start()
    # parked on B: it waits on B's notifier for the hall
    assert wait_until(lambda: central.hall_id in app_b.state.notifier._events)
    with writer.store.write() as uow:
        ticket = qs.issue_ticket(uow, "A")
    assert writer.agent.push_all() == 1
    pushed_at = time.monotonic()
    t.join(FALLBACK_S + 15)
    assert answer, "the long poll on B never answered"
    return answer, pushed_at, ticket.id


def test_push_on_one_copy_wakes_a_long_poll_on_the_other(central, tmp_path, second_copy):
    app_b, client_b = second_copy
    assert central.app.state.listener.listening.wait(10)
    answer, pushed_at, ticket_id = _push_through_a_while_b_long_polls(central, tmp_path, app_b, client_b)
    assert [e["aggregate"] for e in answer["body"]["events"]] == [f"ticket:{ticket_id}"]
    # NOTIFY reached B on commit: far sooner than its re-check (30 s) could have found the event
    assert answer["at"] - pushed_at < 2.0


def test_listener_reconnects_after_its_connection_is_killed(central, tmp_path, second_copy):
    app_b, client_b = second_copy
    listener = app_b.state.listener
    import psycopg
    with psycopg.connect(central.db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE query LIKE 'LISTEN desk_hall_pushed%%' AND pid <> pg_backend_pid()")
    assert wait_until(lambda: not listener.listening.is_set())
    assert listener.listening.wait(10)             # listening again: wake-ups resume
    answer, pushed_at, ticket_id = _push_through_a_while_b_long_polls(central, tmp_path, app_b, client_b)
    assert [e["aggregate"] for e in answer["body"]["events"]] == [f"ticket:{ticket_id}"]
    assert answer["at"] - pushed_at < 2.0
