"""Calling order across PCs whose clocks are wrong: tickets are filed by the server-corrected time, and the
wrong PCs stay flagged."""
from __future__ import annotations

import time

from sqlalchemy import select

from desk_app.domain.hlc import Timestamp, wall_clock_ms
from desk_app.services import queue as qs
from desk_app.store.models import EventRow, Ticket
from tests.integration.sync.conftest import make_pc, sync_round, ticket_state


def test_calling_order_follows_real_time_not_each_pcs_clock(central, tmp_path):
    fast = make_pc(central, tmp_path, "fast", now_ms=lambda: wall_clock_ms() + 2 * 3600_000)
    normal = make_pc(central, tmp_path, "normal")
    slow = make_pc(central, tmp_path, "slow", now_ms=lambda: wall_clock_ms() - 10 * 60_000)
    pcs = (fast, normal, slow)
    for pc in pcs:
        pc.agent.refill_leases()
    sync_round(*pcs)            # each PC measures its offset from desk-central
    issued = []
    for pc in pcs:              # F, N, S in real order
        with pc.store.write("guide") as uow:
            issued.append(qs.issue_ticket(uow, "A").number)
        time.sleep(0.02)
    sync_round(*pcs)
    called = []
    for _ in range(3):
        with normal.store.write("clerk") as uow:
            t = qs.call_next(uow, 1, clerk="clerk")
            called.append(t.number)
            qs.no_show(uow, t.id, 1)
    assert called == issued
    # The issue times are the hall's, not the fast PC's two hours ahead.
    with normal.store.read() as s:
        times = s.scalars(select(Ticket.issued_at_ms)).all()
    assert max(times) - min(times) < 60_000
    # ... and the wrong clocks are still flagged, on the PC and on desk-central.
    assert fast.agent.snapshot().clock_warning and slow.agent.snapshot().clock_warning
    assert not normal.agent.snapshot().clock_warning
    from desk_app.store.models.server import DeviceCursor
    with central.db.read() as s:
        offsets = {c.device_id: c.clock_offset_ms for c in s.scalars(select(DeviceCursor))}
    assert abs(offsets[fast.store.device_id] - 7_200_000) < 10_000
    # The correction survives a restart of the PC.
    from desk_app.store.database import Store
    path = fast.store.engine.url.database
    fast.agent.stop()
    fast.store.close()
    again = Store.open(path, now_ms=lambda: wall_clock_ms() + 2 * 3600_000)
    assert abs(again.now_ms() - wall_clock_ms()) < 5_000
    again.close()


BOUND_MS = 5 * 60_000 + 1000  # how far a PC follows another's stamps ahead of now (and a second's slack)


def test_a_fast_pcs_stamps_do_not_drag_the_other_clocks_ahead(central, tmp_path):
    """The fast PC stamped events two hours ahead before it measured its offset again. The others apply
    them in their order but follow them only up to the bound; their events on the fast PC's tickets still
    fold after them; the fast PC is named on their status; the calling order and convergence hold."""
    shift = [0]  # the PCs' time moves on a second between the three issues (their offsets: measured before)

    def real() -> int:
        return wall_clock_ms() + shift[0]
    jump = [0]  # the fast PC's clock jumps two hours ahead after its enrollment measured it
    fast = make_pc(central, tmp_path, "fast", window=5, now_ms=lambda: real() + jump[0])
    normal = make_pc(central, tmp_path, "normal", now_ms=real)
    slow = make_pc(central, tmp_path, "slow", now_ms=lambda: real() - 10 * 60_000)
    pcs = (fast, normal, slow)
    jump[0] = 2 * 3600_000
    with fast.store.write("guide") as uow:
        early = qs.issue_ticket(uow, "B")    # before its next exchange: stamped two hours ahead
    for pc in pcs:
        pc.agent.refill_leases()
    sync_round(*pcs)                         # offsets measured; the others pulled the fast stamps
    issued, stamps = [], []
    for pc in pcs:                           # F, N, S in real order
        with pc.store.write("guide") as uow:
            issued.append(qs.issue_ticket(uow, "A"))
            stamps.append(Timestamp.decode(uow.events[-1].hlc).wall_ms - real())
        shift[0] += 1000  # more than a measured offset's error: the real order is unambiguous
    # The fast PC's own clock keeps above its earlier stamps; the others' next events are near real time.
    assert stamps[0] > 7_000_000
    assert max(stamps[1:]) <= BOUND_MS
    sync_round(*pcs)
    called = []
    for _ in range(3):                       # the normal PC's calls, the fast PC's ticket first
        with normal.store.write("clerk") as uow:
            t = qs.call_next(uow, 1, clerk="clerk")
            called.append(t.number)
            qs.no_show(uow, t.id, 1)
    assert called == [t.number for t in issued]
    assert normal.store.clock.last.wall_ms - real() <= BOUND_MS
    # Its events on the fast PC's ticket still sort after that ticket's (later stamped) issue.
    with normal.store.read() as s:
        kinds = s.scalars(select(EventRow.type).where(EventRow.aggregate == f"ticket:{issued[0].id}")
                          .order_by(EventRow.hlc)).all()
    assert kinds == ["ticket.issued", "ticket.called", "ticket.no_show"]
    sync_round(*pcs)
    states = [ticket_state(pc.store) for pc in pcs]
    assert states[0] == states[1] == states[2]
    statuses = {row[0]: row[2] for row in states[0]}
    assert [statuses[t.id] for t in issued] == ["no_show"] * 3 and statuses[early.id] == "waiting"
    with central.db.read() as s:
        assert dict(s.execute(select(Ticket.id, Ticket.status)).all()) == statuses
    # Not silent: desk-central names the fast PC on the others' status, and it flags its own clock.
    for pc in pcs:
        pc.agent.refresh_clocks()
    for pc in (normal, slow):
        snap = pc.agent.snapshot()
        assert snap.fast_device == "5号窗口"
        assert abs(snap.fast_device_ahead_ms - 7_200_000) < 60_000
        assert snap.hlc_ahead_ms == 0
    assert fast.agent.snapshot().clock_warning and fast.agent.snapshot().fast_device == ""
