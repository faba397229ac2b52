"""The live overview on a second PC of the hall follows the first PC's events once they are replicated."""
from __future__ import annotations

import pytest

from desk_app.domain import overview as ov
from desk_app.domain.hlc import wall_clock_ms
from desk_app.services import queue as qs
from desk_app.services.overview import OverviewService
from tests.integration.sync.conftest import make_pc, sync_round

TH = ov.Thresholds(long_wait_min=1, pause_min=1)


class Clock:
    def __init__(self):
        self.ms = wall_clock_ms()

    def __call__(self):
        return self.ms


@pytest.fixture
def two_pcs(central, tmp_path, monkeypatch):
    """PCs a and b on one simulated clock, and b's overview folding every commit."""
    clock = Clock()
    # desk-central's clock moves with the PCs' simulated one: each PC corrects its clock by its offset from it.
    monkeypatch.setattr("desk_app.server.core.now_ms", clock)
    a = make_pc(central, tmp_path, "a", now_ms=clock)
    b = make_pc(central, tmp_path, "b", now_ms=clock)
    overview = OverviewService(b.store)
    b.store.add_commit_listener(overview.apply)
    overview.reload()
    return clock, a, b, overview


def test_overview_updates_on_another_pc_from_replicated_events(two_pcs):
    clock, a, b, overview = two_pcs
    assert all(w.status == "idle" for w in overview.snapshot(TH).windows)

    with a.store.write("guide") as uow:
        t1 = qs.issue_ticket(uow, "A", handed_out=True)
        qs.issue_ticket(uow, "A", handed_out=True)
    with a.store.write("clerk1") as uow:
        qs.call_next(uow, 1, clerk="clerk1")
        qs.pause_window(uow, 2, reason="会议")
    before = overview.snapshot(TH)
    assert next(c for c in before.categories if c.prefix == "A").waiting == 0  # nothing replicated yet

    sync_round(a, b)
    clock.ms += 2 * 60_000
    v = overview.snapshot(TH)
    w1 = next(w for w in v.windows if w.number == 1)
    assert (w1.status, w1.clerk, w1.ticket_number) == ("called", "clerk1", t1.number)
    assert next(w for w in v.windows if w.number == 2).status == "paused"
    assert next(c for c in v.categories if c.prefix == "A").waiting == 1
    kinds = {x.kind: x for x in v.alerts}
    assert {"long_wait", "window_paused"} <= set(kinds)

    # acknowledged on b, shown acknowledged on a (a fold of the same events)
    overview.acknowledge(kinds["window_paused"], "已联系", actor="super1")
    sync_round(a, b)
    on_a = OverviewService(a.store).snapshot(TH)
    acked = next(x for x in on_a.alerts if x.kind == "window_paused")
    assert acked.ack is not None and acked.ack.by == "super1"


def test_other_pcs_offline_or_with_clock_drift_from_their_replicated_heartbeats(two_pcs):
    from desk_app.sync.heartbeat import Heartbeat
    clock, a, b, overview = two_pcs
    beat_a, beat_b = Heartbeat(a.store, label="PC-A"), Heartbeat(b.store, label="PC-B")
    th = ov.Thresholds(offline_min=5, clock_drift_s=60)

    assert beat_a.beat(answered_lately=True, clock_offset_ms=-125_000)  # a's clock 125 s behind desk-central's
    assert not beat_a.beat(answered_lately=True, clock_offset_ms=-125_000)  # at most one a minute
    assert beat_b.beat(answered_lately=True, clock_offset_ms=0)
    sync_round(a, b)
    alerts = [x for x in overview.snapshot(th).alerts if x.kind in ("offline", "clock")]
    assert [(x.kind, x.subject) for x in alerts] == [("clock", a.store.device_id)]  # b is not told about itself
    assert "PC-A" in alerts[0].text and "125 秒" in alerts[0].text

    clock.ms += 6 * 60_000  # a falls silent (switched off); b keeps beating
    assert not beat_a.beat(answered_lately=False, clock_offset_ms=None)  # no answer from desk-central: no beat
    assert beat_b.beat(answered_lately=True, clock_offset_ms=0)
    sync_round(a, b)
    alerts = [x for x in overview.snapshot(th).alerts if x.kind in ("offline", "clock")]
    assert [(x.kind, x.subject) for x in alerts] == [("offline", a.store.device_id)]
    assert "PC-A" in alerts[0].text and "6 分钟" in alerts[0].text

    # while b itself is cut off it hears nobody: only its own offline alert, not one for every other PC
    cut_off = ov.SyncCheck(b.store.device_id, False, clock.ms - 10 * 60_000, 0)
    alerts = [x for x in overview.snapshot(th, sync=cut_off).alerts if x.kind == "offline"]
    assert [x.subject for x in alerts] == [b.store.device_id]
