"""The sync status bar widget shows the snapshot read off the UI thread, warns on clock drift once, and relays
conflicts."""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace


from desk_app.ui.widgets.sync_status import SyncStatusWidget


@dataclass(frozen=True)
class Snap:
    online: bool = True
    last_success_ms: int | None = 1_700_000_000_000
    pending_events: int = 0
    oldest_pending_age_ms: int | None = None
    rejected_events: int = 0
    pending_uploads: int = 0
    clock_offset_ms: int | None = 10
    clock_warning: bool = False
    last_error: str = ""


@dataclass(frozen=True)
class Notice:
    kind: str
    label: str
    reason: str = ""


def test_shows_state_pending_and_clock_warning(qtbot, bridge, runner):
    current = {"snap": Snap()}
    clicks = []
    w = SyncStatusWidget(lambda: current["snap"], bridge, runner=runner, sync_now=lambda: clicks.append(1))
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: "在线" in w.state_label.text())
    assert "已全部上传" in w.detail_label.text()
    current["snap"] = replace(Snap(), online=False, pending_events=3, oldest_pending_age_ms=125_000,
                              clock_offset_ms=-600_000)
    with qtbot.wait_signal(bridge.warning) as sig:
        w.refresh()
    assert "离线" in w.state_label.text()
    assert "待上传 3 条" in w.detail_label.text() and "2 分钟" in w.detail_label.text()
    assert "-600" in w.clock_label.text() and "-600" in sig.args[0]
    warnings = []
    bridge.warning.connect(warnings.append)
    with qtbot.wait_signal(w.refreshed):
        w.refresh()                   # the warning is not repeated every second
    assert warnings == []
    with qtbot.wait_signal(w.refreshed):
        w.sync_button.click()
    assert clicks == [1]


def test_status_is_never_read_on_the_ui_thread(qtbot, bridge, runner):
    """The snapshot queries SQLite: the initial read, the timer's and the button's all run on a reader."""
    readers = []

    def source() -> Snap:
        readers.append(threading.get_ident())
        return Snap()
    w = SyncStatusWidget(source, bridge, runner=runner, interval_ms=1000)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: len(readers) >= 2, timeout=3000)  # the first read and one timer tick
    with qtbot.wait_signal(w.refreshed):
        w.sync_button.click()
    assert readers and threading.get_ident() not in readers
    assert "在线" in w.state_label.text()


def test_unreadable_status_is_shown_not_raised(qtbot, bridge, runner):
    from desk_app.domain.errors import StorageError

    def broken() -> Snap:
        raise StorageError("数据库文件无法读取")
    w = SyncStatusWidget(broken, bridge, runner=runner)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: "同步状态未知" in w.state_label.text())
    assert "无法读取" in w.detail_label.text()


def test_a_bug_reading_the_status_reaches_the_crash_signal_and_the_bar_says_unknown(qtbot, bridge, runner):
    def buggy() -> Snap:
        raise OSError("not turned into a StorageError: our bug")
    with qtbot.waitSignal(bridge.crashed) as sig:
        w = SyncStatusWidget(buggy, bridge, runner=runner)
        qtbot.addWidget(w)
    assert "our bug" in sig.args[0]
    qtbot.waitUntil(lambda: "同步状态未知" in w.state_label.text())


def test_solo_mode_and_conflicts(qtbot, bridge, runner):
    solo = SyncStatusWidget(None, bridge)
    qtbot.addWidget(solo)
    assert "单机模式" in solo.state_label.text() and solo.sync_button.isHidden()
    w = SyncStatusWidget(lambda: Snap(), bridge, runner=runner)
    qtbot.addWidget(w)
    with qtbot.wait_signal(bridge.warning) as sig:
        w.conflict_received.emit(Notice("lost", "A012"))
    assert "A012" in sig.args[0] and "冲突" in sig.args[0]


def test_a_stuck_outbox_shows_as_an_error_with_its_reason(qtbot, bridge, runner):
    """Refused as a whole by desk-central, the outbox is an error to act on, not a pending count."""
    from desk_app.sync.agent import SyncStatus
    snap = SyncStatus(configured=True, online=True, last_success_ms=None, pending_events=4,
                      oldest_pending_age_ms=1000, rejected_events=0, pending_uploads=0, clock_offset_ms=0,
                      clock_warning=False, last_error="", stuck_reason="同步协议版本 1 与服务器（2）不一致，请升级程序。")
    current = {"snap": snap}
    w = SyncStatusWidget(lambda: current["snap"], bridge, runner=runner)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: "上传受阻" in w.stuck_label.text())
    assert "协议版本" in w.stuck_label.text()
    current["snap"] = replace(snap, stuck_reason="")
    with qtbot.wait_signal(w.refreshed):
        w.refresh()
    assert w.stuck_label.text() == ""


def test_a_corrupt_scan_notice_asks_for_a_rescan(qtbot, bridge, runner):
    w = SyncStatusWidget(lambda: Snap(), bridge, runner=runner)
    qtbot.addWidget(w)
    with qtbot.wait_signal(bridge.warning) as sig:
        w.conflict_received.emit(Notice("corrupt_blob", "abc", "本机保存的附件已损坏（校验不符），未能上传。请重新扫描该材料。"))
    assert "重新扫描" in sig.args[0]


def test_a_clock_still_ahead_of_its_own_fast_past_is_shown(qtbot, bridge, runner):
    from desk_app.sync.agent import SyncStatus
    snap = SyncStatus(configured=True, online=True, last_success_ms=None, pending_events=0,
                      oldest_pending_age_ms=None, rejected_events=0, pending_uploads=0, clock_offset_ms=0,
                      clock_warning=False, last_error="", hlc_ahead_ms=7_200_000)
    w = SyncStatusWidget(lambda: snap, bridge, runner=runner)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: "超前 120 分钟" in w.clock_label.text())


def test_another_pcs_fast_clock_is_named(qtbot, bridge, runner):
    from desk_app.sync.agent import SyncStatus
    snap = SyncStatus(configured=True, online=True, last_success_ms=None, pending_events=0,
                      oldest_pending_age_ms=None, rejected_events=0, pending_uploads=0, clock_offset_ms=0,
                      clock_warning=False, last_error="", fast_device="5号窗口",
                      fast_device_ahead_ms=7_200_000)
    w = SyncStatusWidget(lambda: snap, bridge, runner=runner)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: "5号窗口的电脑时钟偏快约 120 分钟" in w.clock_label.text())
