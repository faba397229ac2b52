"""Device credentials checked once, then re-checked all together every few seconds (one query, not one per request).

200 PCs long-polling and pushing make hundreds of requests a second; looking the credential up each time
would be most of the database work. A revoked device (``desk-central device revoke``, possibly run by
another process) is refused within ``recheck_s`` plus one query. Credentials seen for the first time at the
same moment (every PC reconnecting after the server restarted) are looked up together, one query a batch.
"""
from __future__ import annotations

import asyncio
import itertools
import time

from anyio import to_thread
from sqlalchemy import bindparam, select

from desk_app.server import core
from desk_app.store.models import Device

RECHECK_S = 2.0
LOOKUP_BATCH = 500  # credentials per query: a bounded IN list

_D = Device.__table__
_STILL_VALID = (select(_D.c.credential_hash)
                .where(_D.c.credential_hash.in_(bindparam("hashes", expanding=True)), _D.c.revoked.is_(False)))


def still_valid(db: core.ServerDB, hashes: list[str]) -> set[str]:
    """Which of these credential hashes still belong to an enrolled, unrevoked device."""
    with db.read() as s:
        return set(s.connection().execute(_STILL_VALID, {"hashes": hashes}).scalars())


class AuthCache:
    """token hash -> DeviceAuth for this process; dropped when the device is revoked or enrolled anew."""

    def __init__(self, db: core.ServerDB, recheck_s: float = RECHECK_S):
        self.db, self.recheck_s = db, recheck_s
        self._known: dict[str, core.DeviceAuth] = {}
        self._checked_at = time.monotonic()
        self._checking: asyncio.Task | None = None
        self._pending: dict[str, asyncio.Future] = {}  # credential hashes waiting for the next lookup
        self._looking: asyncio.Task | None = None

    async def device(self, token: str) -> core.DeviceAuth | None:
        if time.monotonic() - self._checked_at >= self.recheck_s:
            if self._checking is None:
                self._checking = asyncio.get_running_loop().create_task(self._recheck())
            await asyncio.shield(self._checking)  # every request waits for the verdict, one query serves all
        h = core.token_hash(token)
        found = self._known.get(h)
        if found is None:
            found = await self._look_up(h)
        return found

    async def _look_up(self, h: str) -> core.DeviceAuth | None:
        fut = self._pending.get(h)
        if fut is None:
            fut = self._pending[h] = asyncio.get_running_loop().create_future()
            fut.add_done_callback(_retrieved)
            if self._looking is None:
                self._looking = asyncio.get_running_loop().create_task(self._look_up_pending())
        # Shielded: a PC's pull and push share its credential, and one of them giving up must not fail the other.
        return await asyncio.shield(fut)

    async def _look_up_pending(self) -> None:
        """One query for every credential waiting; those that arrive meanwhile form the next batch."""
        try:
            while self._pending:
                await asyncio.sleep(0)  # requests read in this turn of the event loop join the batch
                batch = dict(itertools.islice(self._pending.items(), LOOKUP_BATCH))
                for h in batch:
                    del self._pending[h]
                try:
                    found = await to_thread.run_sync(core.authenticate, self.db, list(batch))
                except Exception as exc:  # noqa: BLE001 - each waiting request answers with it
                    for fut in batch.values():
                        fut.set_exception(exc)
                    continue
                except BaseException:  # cancelled (the server is stopping): nobody may wait for ever
                    for fut in [*batch.values(), *self._pending.values()]:
                        fut.cancel()
                    self._pending = {}
                    raise
                self._known.update(found)
                for h, fut in batch.items():  # only this task settles them (waiters hold them shielded)
                    fut.set_result(found.get(h))
        finally:
            self._looking = None

    async def _recheck(self) -> None:
        try:
            hashes = list(self._known)
            valid = await to_thread.run_sync(still_valid, self.db, hashes) if hashes else set()
            for h in hashes:
                if h not in valid:
                    self._known.pop(h, None)
            self._checked_at = time.monotonic()
        finally:
            self._checking = None


def _retrieved(fut: asyncio.Future) -> None:
    if not fut.cancelled():
        fut.exception()  # seen: asyncio must not log it as never retrieved when every waiter gave up


__all__ = ["AuthCache", "still_valid", "RECHECK_S"]
