"""The sync status bar widget shows the snapshot, warns on clock drift once, and relays conflicts."""
from __future__ import annotations

from dataclasses import dataclass, replace

from desk_app.runtime.bridge import MessageBridge
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


def test_shows_state_pending_and_clock_warning(qtbot):
    bridge = MessageBridge()
    current = {"snap": Snap()}
    clicks = []
    w = SyncStatusWidget(lambda: current["snap"], bridge, sync_now=lambda: clicks.append(1))
    qtbot.addWidget(w)
    assert "在线" in w.state_label.text() and "已全部上传" in w.detail_label.text()
    current["snap"] = replace(Snap(), online=False, pending_events=3, oldest_pending_age_ms=125_000,
                              clock_offset_ms=-600_000)
    with qtbot.wait_signal(bridge.warning) as sig:
        w.refresh()
    assert "离线" in w.state_label.text()
    assert "待上传 3 条" in w.detail_label.text() and "2 分钟" in w.detail_label.text()
    assert "-600" in w.clock_label.text() and "-600" in sig.args[0]
    warnings = []
    bridge.warning.connect(warnings.append)
    w.refresh()                       # the warning is not repeated every second
    assert warnings == []
    w.sync_button.click()
    assert clicks == [1]


def test_solo_mode_and_conflicts(qtbot):
    bridge = MessageBridge()
    solo = SyncStatusWidget(None, bridge)
    qtbot.addWidget(solo)
    assert "单机模式" in solo.state_label.text() and solo.sync_button.isHidden()
    w = SyncStatusWidget(lambda: Snap(), bridge)
    qtbot.addWidget(w)
    with qtbot.wait_signal(bridge.warning) as sig:
        w.conflict_received.emit(Notice("lost", "A012"))
    assert "A012" in sig.args[0] and "冲突" in sig.args[0]
