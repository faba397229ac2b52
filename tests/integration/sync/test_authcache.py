"""Credential checks: PCs reconnecting all at once are looked up together, and every request gets its own answer."""
from __future__ import annotations

import asyncio

import pytest

from desk_app.domain.ids import new_id
from desk_app.server import core
from desk_app.server.authcache import AuthCache


@pytest.fixture
def enrolled(server_db):
    hall = core.create_hall(server_db, "H1", "一号大厅")
    out = []
    for n in range(1, 41):
        resp = core.enroll(server_db, core.create_enrollment_code(server_db, hall, n), new_id(), f"pc{n}")
        out.append((resp.token, resp.device_id))
    return out


@pytest.fixture
def lookups(monkeypatch):
    """The credential batches the cache asked the database for."""
    seen: list[list[str]] = []
    real = core.authenticate

    def counting(db, hashes):
        seen.append(list(hashes))
        return real(db, hashes)
    monkeypatch.setattr(core, "authenticate", counting)
    return seen


def test_a_reconnecting_hall_costs_one_lookup(server_db, enrolled, lookups):
    cache = AuthCache(server_db)

    async def everyone():
        # Each PC's pull and push arrive together, plus a stranger's request among them.
        tokens = [t for t, _ in enrolled for _ in range(2)] + ["not-a-credential"]
        return await asyncio.gather(*(cache.device(t) for t in tokens))

    found = asyncio.run(everyone())
    assert [d.device_id for d in found[:-1]] == [d for _, d in enrolled for _ in range(2)]
    assert found[-1] is None
    assert len(lookups) == 1 and len(lookups[0]) == len(enrolled) + 1, "one query for everyone, each hash once"

    async def again():
        return await cache.device(enrolled[0][0]), await cache.device("not-a-credential")
    known, stranger = asyncio.run(again())
    assert known.device_id == enrolled[0][1] and stranger is None
    assert len(lookups) == 2, "a known credential is not looked up again; an unknown one is, every time"


def test_one_request_giving_up_does_not_fail_another_with_the_same_credential(server_db, enrolled, lookups):
    cache = AuthCache(server_db)
    token, device_id = enrolled[0]

    async def run():
        pull = asyncio.ensure_future(cache.device(token))
        push = asyncio.ensure_future(cache.device(token))
        await asyncio.sleep(0)
        pull.cancel()  # the PC dropped its long poll
        return await push
    assert asyncio.run(run()).device_id == device_id
    assert len(lookups) == 1


def test_a_failed_lookup_reaches_its_requests_and_the_next_one_asks_again(server_db, enrolled, monkeypatch):
    cache = AuthCache(server_db)
    real = core.authenticate

    def down(db, hashes):
        raise ConnectionError("database unreachable")
    monkeypatch.setattr(core, "authenticate", down)

    async def both():
        return await asyncio.gather(cache.device(enrolled[0][0]), cache.device(enrolled[1][0]),
                                    return_exceptions=True)
    assert [type(r) for r in asyncio.run(both())] == [ConnectionError, ConnectionError]
    monkeypatch.setattr(core, "authenticate", real)
    assert asyncio.run(cache.device(enrolled[0][0])).device_id == enrolled[0][1]


def test_requests_waiting_for_a_lookup_are_released_when_it_is_cancelled(server_db, enrolled, monkeypatch):
    import threading
    cache = AuthCache(server_db)
    release = threading.Event()

    def slow(db, hashes):
        release.wait(5)
        return {}
    monkeypatch.setattr(core, "authenticate", slow)

    async def run():
        waiting = asyncio.ensure_future(cache.device(enrolled[0][0]))
        await asyncio.sleep(0.05)
        cache._looking.cancel()  # as when the server stops
        try:
            async with asyncio.timeout(2):
                return await asyncio.gather(waiting, return_exceptions=True)
        finally:
            release.set()
    (outcome,) = asyncio.run(run())
    assert isinstance(outcome, asyncio.CancelledError)


def test_a_crowd_larger_than_a_batch_is_looked_up_in_bounded_batches(server_db, enrolled, lookups, monkeypatch):
    from desk_app.server import authcache
    monkeypatch.setattr(authcache, "LOOKUP_BATCH", 16)
    cache = AuthCache(server_db)

    async def everyone():
        return await asyncio.gather(*(cache.device(t) for t, _ in enrolled))
    assert [d.device_id for d in asyncio.run(everyone())] == [d for _, d in enrolled]
    assert [len(b) for b in lookups] == [16, 16, 8]
