"""Calling order across PCs whose clocks are wrong: tickets are filed by the server-corrected time, and the
wrong PCs stay flagged."""
from __future__ import annotations

import time

from sqlalchemy import select

from desk_app.domain.hlc import wall_clock_ms
from desk_app.services import queue as qs
from desk_app.store.models import Ticket
from tests.integration.sync.conftest import make_pc, sync_round


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


def test_a_clock_dragged_ahead_by_a_fast_pc_is_shown(central, tmp_path):
    """The fast PC stamped events before it knew its offset: others keep causality (they follow its
    stamps) but it is not silent: their status says how far ahead they run."""
    fast = make_pc(central, tmp_path, "fast", now_ms=lambda: wall_clock_ms() + 2 * 3600_000)
    normal = make_pc(central, tmp_path, "normal")
    with fast.store.write("guide") as uow:
        qs.issue_ticket(uow, "A")            # offline so far: local numbering, stamped two hours ahead
    assert normal.agent.snapshot().hlc_ahead_ms == 0
    sync_round(fast, normal)
    ahead = normal.agent.snapshot().hlc_ahead_ms
    assert abs(ahead - 7_200_000) < 60_000
    assert not normal.agent.snapshot().clock_warning   # its own clock is right: a different message
