"""Group commit of pushes: the pushes that arrive while one transaction runs are applied together in the next.

A push costs a dozen statements and a commit whatever its size, so 200 PCs pushing one event a second
each would need 200 transactions a second. Here one writer per server process takes every push that is
waiting, one per device, and applies them in one transaction with the same statements (each one
covering the whole group): the cost per push falls as the load rises.

Cursor safety is that of ``core``: the group inserts and re-folds its events, then locks the cursors of
its halls (``FOR UPDATE``, sorted), numbers every unnumbered event of those halls and commits, so a
sequence becomes visible only together with every smaller one.
"""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Any, Callable, NamedTuple

from anyio import to_thread
from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from desk_app.domain.errors import ConflictError
from desk_app.server import audit, core
from desk_app.server.authorization import actor_rejection, hall_staff
from desk_app.server.eventcheck import poison_reason
from desk_app.server.ownership import key_hall_reason
from desk_app.server.hallwake import notify_halls
from desk_app.server.refold import RefoldFailed, refold
from desk_app.store.models import EventRow, User
from desk_app.store.purged_files import purged_cases
from desk_app.store.upsert import insert_rows, update_rows
from desk_app.store.models.server import DeviceCursor, HallCursor, Rejection
from desk_app.sync.protocol import PushResponse, PushResult, WireEvent

log = logging.getLogger(__name__)

GATHER_S = 0.004  # a group waits this long for company: long enough to share a commit, short beside its latency
MAX_GROUP_EVENTS = 2000  # a backlog drain of a few PCs still fits; more waits for the next group
RETRYABLE_SQLSTATES = {"40P01", "40001"}  # deadlock, serialization failure: PostgreSQL aborted this one

_EV = EventRow.__table__
_DC = DeviceCursor.__table__
_HC = HallCursor.__table__
# Built once: each is compiled a single time and reused ("expanding" lists keep one cache entry).
_LOCK_DEVICES = (select(_DC.c.device_id, _DC.c.last_seq, _DC.c.deferred_seqs)
                 .where(_DC.c.device_id.in_(bindparam("ids", expanding=True)))
                 .order_by(_DC.c.device_id).with_for_update())
_NEW_DEVICE = insert(_DC)
_SAVE_DEVICE = (update(_DC).where(_DC.c.device_id == bindparam("b_dev"))
                .values(last_seq=bindparam("b_seq"), deferred_seqs=bindparam("b_deferred"),
                        last_seen_ms=bindparam("b_seen"), clock_offset_ms=bindparam("b_offset")))
_KNOWN = select(_EV.c.id, _EV.c.server_seq, _EV.c.flags).where(_EV.c.id.in_(bindparam("ids", expanding=True)))
_REFUSED = (select(Rejection.__table__.c.event_id, Rejection.__table__.c.reason)
            .where(Rejection.__table__.c.event_id.in_(bindparam("ids", expanding=True))))
_REVOKED = (select(User.__table__.c.hall_id, User.__table__.c.username)
            .where(User.__table__.c.hall_id.in_(bindparam("halls", expanding=True)),
                   User.__table__.c.active.is_(False)))
_ADD_REJECTIONS = insert(Rejection.__table__)
_LOCK_HALLS = (select(_HC.c.hall_id, _HC.c.last_seq).where(_HC.c.hall_id.in_(bindparam("halls", expanding=True)))
               .order_by(_HC.c.hall_id).with_for_update())
_NEW_HALL = insert(_HC)
_UNNUMBERED = (select(_EV.c.id).where(_EV.c.hall == bindparam("hall"), _EV.c.server_seq.is_(None))
               .order_by(_EV.c.recorded_at_ms, _EV.c.device, _EV.c.device_seq))
_LOOKUPS_PG = text(
    "SELECT 'k', id, server_seq, flags FROM events WHERE id = ANY(CAST(:ids AS text[]))"
    " UNION ALL SELECT 'r', event_id, NULL, reason FROM sync_rejections WHERE event_id = ANY(CAST(:ids AS text[]))"
    " UNION ALL SELECT 'u', hall_id, NULL, username FROM users"
    " WHERE hall_id = ANY(CAST(:halls AS text[])) AND active IS false")
# Numbers a hall's unnumbered events in one round trip, in the order the two-step version used.
_NUMBER_PG = text(
    "UPDATE events AS e SET server_seq = :base + x.rn FROM ("
    " SELECT id, row_number() OVER (ORDER BY recorded_at_ms, device, device_seq) AS rn FROM events"
    " WHERE hall = :hall AND server_seq IS NULL) AS x WHERE e.id = x.id RETURNING e.id, e.server_seq")
_SAVE_HALL = update(_HC).where(_HC.c.hall_id == bindparam("b_hall")).values(last_seq=bindparam("b_seq"))


@dataclass(frozen=True)
class PushItem:
    """One push request: a device's ordered events, its clock, and the sequences it declares deferred."""
    dev: core.DeviceAuth
    events: list[WireEvent]
    sent_at_ms: int
    deferred: tuple[int, ...] = ()


def push_group(db: core.ServerDB, items: list[PushItem]) -> list[PushResponse]:
    """Apply pushes of distinct devices in one transaction; one answer per push, in order."""
    assert len({i.dev.device_id for i in items}) == len(items), "one push per device in a group"
    failed: dict[str, str] = {}
    for _attempt in range(sum(len(i.events) for i in items) + 3):
        try:
            purged: dict[str, list[str]] = {}
            out = _push_group_once(db, items, failed, purged)
            if purged:
                _after_purge(db, purged)
            return out
        except RefoldFailed as exc:
            failed.update(exc.failures)  # roll back, then retry without those events
        except IntegrityError:
            continue  # a concurrent push inserted the same id or cursor row first: the retry sees it
        except OperationalError as exc:
            if getattr(exc.orig, "sqlstate", None) not in RETRYABLE_SQLSTATES:
                raise
    raise ConflictError("同步冲突反复出现，请稍后重试。")


def _after_purge(db: core.ServerDB, purged: dict[str, list[str]]) -> None:
    """After the commit: the purged cases' files go (a failure is logged; the push stands, and the next purge
    folded there, or ``ServerBlobs.delete_purged`` again, deletes them)."""
    for listener in list(db.purge_listeners):
        try:
            listener(purged)
        except Exception:  # noqa: BLE001 - deleting files must never fail a committed push
            log.exception("deleting the files of purged cases failed: %s", purged)


def _push_group_once(db: core.ServerDB, items: list[PushItem], failed: dict[str, str],
                     purged: dict[str, list[str]] | None = None) -> list[PushResponse]:
    t = core.now_ms()
    with db.write() as s:
        conn = s.connection()
        cursors = {r.device_id: r for r in conn.execute(
            _LOCK_DEVICES, {"ids": sorted(i.dev.device_id for i in items)})}
        new_devices = [{"device_id": i.dev.device_id, "hall_id": i.dev.hall_id, "last_seq": 0,
                        "deferred_seqs": "", "last_seen_ms": t, "clock_offset_ms": 0}
                       for i in items if i.dev.device_id not in cursors]
        if new_devices:
            conn.execute(_NEW_DEVICE, new_devices)  # a racing first push of the same PC: IntegrityError, retry
        known, refused, revoked = _lookups(conn, [e.id for i in items for e in i.events],
                                           sorted({i.dev.hall_id for i in items}))
        staff = hall_staff(conn, sorted({i.dev.hall_id for i in items}))
        rejections: list[dict[str, Any]] = []
        fresh: list[WireEvent] = []
        rows: list[dict[str, Any]] = []
        saves: list[dict[str, Any]] = []
        answers: list[tuple[list[PushResult], int | None]] = []
        for item in items:
            cur = cursors.get(item.dev.device_id)
            results, gap, last_seq, waiting = _sort_events(
                item, cur.last_seq if cur else 0, core.deferred_set(cur.deferred_seqs if cur else ""),
                known, refused, failed, revoked, t, rejections, fresh, rows, staff=staff.get(item.dev.hall_id))
            answers.append((results, gap))
            saves.append({"b_dev": item.dev.device_id, "b_seq": last_seq, "b_deferred": core.deferred_text(waiting),
                          "b_seen": t, "b_offset": item.sent_at_ms - t})
        _check_chains(conn, items, rows, rejections, answers)
        conn.execute(_SAVE_DEVICE, saves)
        if rejections:
            conn.execute(_ADD_REJECTIONS, rejections)
        if rows:
            insert_rows(conn, _EV, rows)  # one statement for the whole group (a drain sends 500 a batch)
            refold(s, fresh)
            if purged is not None:
                for hall, ids in purged_cases(fresh).items():
                    purged.setdefault(hall, []).extend(ids)
        # Halls with something to number: the fresh events, and duplicates a crash left unnumbered.
        halls = sorted({item.dev.hall_id for item, (results, _gap) in zip(items, answers)
                        if any(r.status != "rejected" and r.server_seq is None for r in results)})
        seqs = _number(conn, halls, [i for i in items if i.dev.hall_id in halls], db.instance) if halls else {}
    out = []
    for results, gap in answers:
        if seqs:
            results = [r.model_copy(update={"server_seq": seqs[r.id]}) if r.id in seqs else r for r in results]
        out.append(PushResponse(results=results, expected_seq=gap, epoch=db.epoch, server_time_ms=core.now_ms()))
    return out


def _check_chains(conn, items: list[PushItem], rows: list[dict[str, Any]], rejections: list[dict[str, Any]],
                  answers: list[tuple[list[PushResult], int | None]]) -> set[str]:
    """Audit chains of the events recorded now (applied or refused): a break is flagged on the event."""
    recorded = {r["id"] for r in rows} | {r["event_id"] for r in rejections}
    broken = audit.verify_push(conn, [(i.dev.device_id, i.dev.hall_id, [e for e in i.events if e.id in recorded])
                                      for i in items])
    if broken:
        for r in rows:
            if r["id"] in broken:
                r["flags"] = ",".join(x for x in (r["flags"], audit.CHAIN_FLAG) if x)
        for n, (results, gap) in enumerate(answers):
            answers[n] = ([x.model_copy(update={"flags": ",".join(f for f in (x.flags, audit.CHAIN_FLAG) if f)})
                           if x.id in broken and x.status == "applied" else x for x in results], gap)
    return broken


class _Known(NamedTuple):
    id: str
    server_seq: int | None
    flags: str


def _lookups(conn, ids: list[str], halls: list[str]) -> tuple[dict[str, _Known], dict[str, str], set]:
    """Events of the group the server already has, ones it refused before, and the halls' revoked users.

    On PostgreSQL one round trip for all three (the push thread mostly waits on round trips under load)."""
    if conn.dialect.name != "postgresql":
        known = {r.id: _Known(*r) for r in conn.execute(_KNOWN, {"ids": ids})} if ids else {}
        refused = dict(conn.execute(_REFUSED, {"ids": ids}).all()) if ids else {}
        return known, refused, {tuple(r) for r in conn.execute(_REVOKED, {"halls": halls})}
    known, refused, revoked = {}, {}, set()
    for kind, a, n, b in conn.execute(_LOOKUPS_PG, {"ids": ids, "halls": halls}):
        if kind == "k":
            known[a] = _Known(a, n, b)
        elif kind == "r":
            refused[a] = b
        else:
            revoked.add((a, b))
    return known, refused, revoked


def _sort_events(item: PushItem, last_seq: int, waiting: set[int], known: dict, refused: dict[str, str],
                 failed: dict[str, str], revoked: set, t: int, rejections: list, fresh: list,
                 rows: list, *, staff: dict[str, str] | None = None
                 ) -> tuple[list[PushResult], int | None, int, set[int]]:
    """One device's events: duplicate, refused, gap, or applied (collected into ``fresh`` and ``rows``)."""
    dev = item.dev
    expected = last_seq + 1
    declared = set(item.deferred)
    results: list[PushResult] = []
    gap: int | None = None
    for ev in item.events:
        if ev.id in known:
            k = known[ev.id]
            results.append(PushResult(id=ev.id, status="duplicate", server_seq=k.server_seq, flags=k.flags))
            continue
        if ev.id in refused:
            results.append(PushResult(id=ev.id, status="rejected", reason=refused[ev.id]))
            continue
        while expected < ev.device_seq and expected in declared:
            waiting.add(expected)  # held back by the PC (its file is uploading): not a gap
            expected += 1
        if ev.device_seq > expected:
            gap = expected
            break
        late = ev.device_seq < expected and ev.device_seq in waiting
        waiting.discard(ev.device_seq)
        # Separate steps: the event's own shape and clock (poison), its hall's ownership, the actor's rights.
        reason = (failed.get(ev.id) or core.static_rejection(ev) or key_hall_reason(ev)
                  or poison_reason(ev, t) or actor_rejection(ev, dev.window_number, staff))
        if not reason and ev.device_seq < expected and not late:
            reason = f"设备序号 {ev.device_seq} 已被另一事件使用（本机数据可能从备份恢复过）。"
        if reason:
            rejections.append(dict(event_id=ev.id, hall_id=dev.hall_id, device_id=dev.device_id,
                                   device_seq=ev.device_seq, reason=reason, at_ms=t, event=ev.model_dump_json()))
            results.append(PushResult(id=ev.id, status="rejected", reason=reason))
        else:
            flags = core.REVOKED_FLAG if ev.actor and (dev.hall_id, ev.actor) in revoked else ""
            fresh.append(ev)
            rows.append(dict(
                id=ev.id, hall=ev.hall, device=ev.device, device_seq=ev.device_seq, hlc=ev.hlc,
                type=ev.type, schema_version=ev.schema_version, actor=ev.actor, aggregate=ev.aggregate,
                payload=json.dumps(ev.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                recorded_at_ms=t, origin="remote", push_state="", push_result="", flags=flags,
                server_seq=None, chain=ev.chain))
            results.append(PushResult(id=ev.id, status="applied", flags=flags))
        expected = max(expected, ev.device_seq + 1)
    return results, gap, expected - 1, waiting


def _number(conn, halls: list[str], items: list[PushItem], sender: str) -> dict[str, int]:
    """Number every unnumbered event of ``halls`` under their cursor locks, held until commit."""
    heads = dict(conn.execute(_LOCK_HALLS, {"halls": halls}).all())
    missing = [h for h in halls if h not in heads]
    if missing:
        conn.execute(_NEW_HALL, [{"hall_id": h, "last_seq": 0} for h in missing])
        heads.update((h, 0) for h in missing)
    seqs: dict[str, int] = {}
    saves = []
    for hall in halls:
        base = heads[hall]
        if conn.dialect.name == "postgresql":
            numbered = dict(conn.execute(_NUMBER_PG, {"hall": hall, "base": base}).all())
        else:
            todo = conn.execute(_UNNUMBERED, {"hall": hall}).scalars().all()
            numbered = {event_id: base + n + 1 for n, event_id in enumerate(todo)}
            update_rows(conn, _EV, [{"id": i, "server_seq": n} for i, n in numbered.items()])
        if not numbered:
            continue
        saves.append({"b_hall": hall, "b_seq": base + len(numbered)})
        seqs.update(numbered)
    if saves:
        conn.execute(_SAVE_HALL, saves)
        notify_halls(conn, [sv["b_hall"] for sv in saves], sender)  # delivered on commit
        if core.after_numbering is not None:
            for item in items:
                core.after_numbering(item.dev)  # tests hold the transaction open here
    return seqs


class PushWriter:
    """One push transaction at a time in this process; pushes that arrive meanwhile form the next group."""

    def __init__(self, db: core.ServerDB, on_applied: Callable[[set[str]], None] = lambda halls: None,
                 max_events: int = MAX_GROUP_EVENTS, gather_s: float = GATHER_S):
        self.db, self.on_applied, self.max_events, self.gather_s = db, on_applied, max_events, gather_s
        self._waiting: list[tuple[PushItem, asyncio.Future]] = []
        self._task: asyncio.Task | None = None

    async def push(self, item: PushItem) -> PushResponse:
        fut = asyncio.get_running_loop().create_future()
        self._waiting.append((item, fut))
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._drain())
        return await fut

    def _take_group(self) -> list[tuple[PushItem, asyncio.Future]]:
        group, rest, devices, n = [], [], set(), 0
        for item, fut in self._waiting:
            if fut.done():
                continue  # the PC gave up (disconnected): it pushes again
            if item.dev.device_id in devices or (group and n + len(item.events) > self.max_events):
                rest.append((item, fut))  # a device's second push goes after its first one commits
                continue
            devices.add(item.dev.device_id)
            n += len(item.events)
            group.append((item, fut))
        self._waiting = rest
        return group

    async def _drain(self) -> None:
        try:
            while self._waiting:
                # A transaction costs about the same for one push or ten: let others join first, unless
                # the waiting pushes already fill a good part of a group (a backlog drain: no one to wait for).
                if sum(len(item.events) for item, _ in self._waiting) < self.max_events // 4:
                    await asyncio.sleep(self.gather_s)
                group = self._take_group()
                if not group:
                    continue
                outcomes = await self._apply([item for item, _ in group])
                halls = set()
                for (item, fut), outcome in zip(group, outcomes):
                    if isinstance(outcome, PushResponse) and any(r.status == "applied" for r in outcome.results):
                        halls.add(item.dev.hall_id)
                    if fut.done():
                        continue
                    if isinstance(outcome, BaseException):
                        fut.set_exception(outcome)
                    else:
                        fut.set_result(outcome)
                if halls:
                    self.on_applied(halls)
        finally:
            self._task = None

    async def _apply(self, items: list[PushItem]) -> list[PushResponse | BaseException]:
        try:
            return list(await to_thread.run_sync(push_group, self.db, items))
        except Exception as exc:  # noqa: BLE001 - handed to the waiting request(s)
            if len(items) == 1:
                return [exc]
        # One push of the group failed the whole group: apply each alone so only that one fails.
        out: list[PushResponse | BaseException] = []
        for item in items:
            try:
                out.append((await to_thread.run_sync(push_group, self.db, [item]))[0])
            except Exception as exc:  # noqa: BLE001
                out.append(exc)
        return out


__all__ = ["PushItem", "PushWriter", "push_group"]
