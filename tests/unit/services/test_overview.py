"""The live hall overview: windows, categories and alerts from the events, acknowledgements as events."""
from __future__ import annotations

import pytest

from desk_app.domain import overview as ov
from desk_app.services import queue as qs
from desk_app.services.overview import OverviewService
from tests.unit.services.queue_fixtures import Clock, open_hall

TH = ov.Thresholds(long_wait_min=20, pause_min=10, offline_min=5, clock_drift_s=60)


@pytest.fixture
def hall(tmp_path):
    clock = Clock()
    store = open_hall(tmp_path / "local.db", clock)
    svc = OverviewService(store)
    store.add_commit_listener(svc.apply)
    yield store, svc, clock
    store.close()


def _w(view, number):
    return next(w for w in view.windows if w.number == number)


def _c(view, prefix):
    return next(c for c in view.categories if c.prefix == prefix)


def test_windows_and_categories_follow_the_events(hall):
    store, svc, clock = hall
    assert [w.status for w in svc.snapshot(TH).windows] == ["idle"] * 4  # window 9 is not active
    with store.write("guide") as uow:
        a1 = qs.issue_ticket(uow, "A", handed_out=True)
        qs.issue_ticket(uow, "A", handed_out=True)
        qs.issue_ticket(uow, "B", handed_out=True)
    clock.advance(minutes=5)
    v = svc.snapshot(TH)
    assert (_c(v, "A").waiting, _c(v, "A").longest_wait_ms, _c(v, "B").waiting) == (2, 300_000, 1)
    assert _c(v, "A").windows_serving == 2 and _c(v, "A").estimate_min == 8  # 2 x 8 min default / 2 windows
    with store.write("li") as uow:
        qs.call_next(uow, 1, clerk="li")
    clock.advance(minutes=1)
    with store.write("li") as uow:
        qs.start_service(uow, a1.id, 1, clerk="li")
        qs.pause_window(uow, 2, reason="午休")
    clock.advance(minutes=3)
    v = svc.snapshot(TH)
    w1 = _w(v, 1)
    assert (w1.status, w1.clerk, w1.ticket_number) == ("serving", "li", a1.number)
    assert v.now_ms - w1.since_ms == 180_000  # service time so far
    assert _w(v, 2).status == "paused" and _w(v, 2).pause_reason == "午休"
    assert _c(v, "A").waiting == 1
    with store.write("li") as uow:
        qs.finish(uow, a1.id, 1)
    v = svc.snapshot(TH)
    assert _w(v, 1).status == "idle"


def test_alerts_cross_their_thresholds_and_acknowledgement_is_an_event(hall):
    store, svc, clock = hall
    with store.write("guide") as uow:
        t = qs.issue_ticket(uow, "C", handed_out=True)
    with store.write("li") as uow:
        qs.pause_window(uow, 4, reason="系统故障")  # the only window serving C
    v = svc.snapshot(TH)
    assert [a.kind for a in v.alerts] == ["unserved"]
    clock.advance(minutes=21)
    kinds = {a.kind: a for a in svc.snapshot(TH).alerts}
    assert set(kinds) == {"long_wait", "unserved", "window_paused"}
    assert t.number in kinds["long_wait"].text and "21 分钟" in kinds["long_wait"].text
    assert "4号窗口已暂停 21 分钟（系统故障）" in kinds["window_paused"].text
    svc.acknowledge(kinds["long_wait"], "已安排3号窗口", actor="super1")
    after = {a.kind: a for a in svc.snapshot(TH).alerts}
    assert after["long_wait"].ack == ov.Ack("super1", clock.ms, "已安排3号窗口")
    assert {a.kind for a in svc.snapshot(TH).open_alerts} == {"unserved", "window_paused"}
    log = svc.alert_log()
    assert [(r.kind, r.acknowledged_by, r.note) for r in log] == [("long_wait", "super1", "已安排3号窗口")]
    with pytest.raises(Exception, match="已由 super1 确认"):
        svc.acknowledge(after["long_wait"], actor="super2")
    with store.write("li") as uow:
        qs.resume_window(uow, 4)
    assert {a.kind for a in svc.snapshot(TH).alerts} == {"long_wait"}


def test_devices_and_sync_alerts():
    v = ov.build_overview("2026-11-23", 10 * 60_000, [], [], [], {}, TH,
                          devices=[ov.DeviceCheck("scanner", "扫描仪", False, "未连接"),
                                   ov.DeviceCheck("camera", "高拍仪", True, "")],
                          sync=ov.SyncCheck("dev-1", False, 2 * 60_000, 90_000))
    kinds = [a.kind for a in v.alerts]
    assert kinds == ["device", "offline", "clock"]
    assert "本机已 8 分钟未连上中心服务器" in v.alerts[1].text and "相差 90 秒" in v.alerts[2].text
    quiet = ov.build_overview("2026-11-23", 10 * 60_000, [], [], [], {}, TH,
                              sync=ov.SyncCheck("dev-1", False, 7 * 60_000, 1000))
    assert quiet.alerts == ()  # offline for 3 minutes only, clock within a second


def test_refresh_reads_only_the_touched_tickets(hall):
    """No whole re-read after an event: a ticket unknown to the day's load is added from its own row."""
    store, svc, clock = hall
    svc.reload()
    with store.write("guide") as uow:
        qs.issue_ticket(uow, "A", handed_out=True)
    assert _c(svc.snapshot(TH), "A").waiting == 1


def test_another_pcs_fast_clock_is_an_alert_naming_it():
    v = ov.build_overview("2026-11-23", 10 * 60_000, [], [], [], {}, TH,
                          sync=ov.SyncCheck("dev-1", True, 10 * 60_000, 0, "5号窗口", 7_200_000))
    assert [(a.kind, a.subject) for a in v.alerts] == [("clock", "5号窗口")]
    assert "5号窗口的电脑时钟比服务器快约 120 分钟" in v.alerts[0].text


def test_a_fast_pc_told_by_desk_central_and_by_its_heartbeats_is_one_alert():
    fast = ov.PcCheck("dev-5", "pc-5", 9 * 60_000, 7_200_000)
    slow = ov.PcCheck("dev-6", "pc-6", 9 * 60_000, -120_000)
    v = ov.build_overview("2026-11-23", 10 * 60_000, [], [], [], {}, TH, pcs=[fast, slow],
                          sync=ov.SyncCheck("dev-1", True, 10 * 60_000, 0, "5号窗口", 7_200_000, "dev-5"))
    assert [(a.kind, a.subject) for a in v.alerts] == [("clock", "dev-5"), ("clock", "dev-6")]
    assert "5号窗口的电脑时钟比服务器快约 120 分钟" in v.alerts[0].text and "pc-6" in v.alerts[1].text
    # without desk-central's verdict the heartbeat's drift still raises it, under the same key
    alone = ov.build_overview("2026-11-23", 10 * 60_000, [], [], [], {}, TH, pcs=[fast])
    assert [a.key for a in alone.alerts] == [v.alerts[0].key]
