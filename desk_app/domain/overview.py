"""The live hall overview: windows, categories and alerts computed from today's folded tickets and windows."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, NamedTuple

from desk_app.domain.events import Event, ordered, register
from desk_app.domain.queue import estimate_wait_minutes

ALERT_ACKNOWLEDGED = register("alert.acknowledged", "alert").name
# Each PC, at most once a minute while desk-central answers it: the other PCs see it online, and its clock.
PC_HEARTBEAT = register("pc.heartbeat", "pc").name
HEARTBEAT_EVERY_MS = 60_000

# ---------------------------------------------------------------------------------------------- inputs


class LiveTicket(NamedTuple):
    id: str
    category: str
    number: str
    status: str
    window_number: int | None
    clerk: str
    issued_at_ms: int
    called_at_ms: int | None
    started_at_ms: int | None
    service_ms: int | None


class LiveWindow(NamedTuple):
    number: int
    name: str
    active: bool
    kind: str
    categories: tuple[str, ...]  # what it serves now: the tidal override or its profile
    paused: bool
    pause_reason: str
    paused_at_ms: int | None


class LiveCategory(NamedTuple):
    prefix: str
    name: str
    active: bool


class DeviceCheck(NamedTuple):
    kind: str
    name: str
    ok: bool
    reason: str


class SyncCheck(NamedTuple):
    """This PC's link to desk-central, from the sync agent."""
    device: str
    online: bool
    last_success_ms: int | None
    clock_offset_ms: int | None
    # The hall's PC whose clock runs furthest ahead (its window or name, from desk-central), and by how much.
    fast_device: str = ""
    fast_device_ahead_ms: int = 0
    fast_device_id: str = ""  # that PC's id: its own heartbeats' drift alert is the same alert


class PcCheck(NamedTuple):
    """Another PC of the hall, as its latest replicated heartbeat tells."""
    device: str
    label: str             # its host name
    last_at_ms: int        # when it last had desk-central's answer
    clock_offset_ms: int | None  # its clock minus desk-central's, as it measured


def heartbeat_aggregate(device: str, at_ms: int) -> str:
    """One aggregate per PC and hour: a fold reads at most sixty heartbeats."""
    return f"pc:{device}/{at_ms // 3_600_000}"


def heartbeat_due(now_ms: int, last_beat_ms: int | None, answered_lately: bool) -> bool:
    """A heartbeat says "desk-central answered me lately": sent only then, and at most once a minute."""
    return answered_lately and (last_beat_ms is None or now_ms - last_beat_ms >= HEARTBEAT_EVERY_MS)


@dataclass(frozen=True)
class Thresholds:
    long_wait_min: int = 30
    pause_min: int = 15
    offline_min: int = 5
    clock_drift_s: int = 60

    @classmethod
    def from_settings(cls, get: Callable[[str], Any]) -> "Thresholds":
        return cls(int(get("overview.long_wait_min")), int(get("overview.pause_min")),
                   int(get("overview.offline_min")), int(get("overview.clock_drift_s")))


class Ack(NamedTuple):
    by: str
    at_ms: int
    note: str


# ---------------------------------------------------------------------------------------------- outputs
AT_WINDOW = ("called", "serving", "held")
SERVICE_SAMPLE = 10  # recent finished tickets of a category behind its estimate (as the guide desk's)


@dataclass(frozen=True)
class WindowView:
    number: int
    name: str
    status: str            # paused | serving | called | held | idle
    clerk: str
    ticket_number: str
    since_ms: int | None   # service (or call) start of the current ticket, or the pause start
    pause_reason: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class CategoryView:
    prefix: str
    name: str
    waiting: int
    longest_wait_ms: int
    estimate_min: int
    windows_serving: int


@dataclass(frozen=True)
class Alert:
    key: str       # stable for one occurrence: acknowledging it silences that occurrence only
    kind: str      # long_wait | window_paused | unserved | device | offline | clock
    subject: str
    text: str      # Chinese, says what is wrong and what to do
    since_ms: int | None
    ack: Ack | None = None


@dataclass(frozen=True)
class Overview:
    day: str
    now_ms: int
    windows: tuple[WindowView, ...]
    categories: tuple[CategoryView, ...]
    alerts: tuple[Alert, ...]

    @property
    def open_alerts(self) -> list[Alert]:
        return [a for a in self.alerts if a.ack is None]


def _minutes(ms: int) -> int:
    return int(ms // 60_000)


def build_overview(day: str, now_ms: int, windows: Iterable[LiveWindow], categories: Iterable[LiveCategory],
                   tickets: Iterable[LiveTicket], acks: dict[str, Ack], thresholds: Thresholds, *,
                   devices: Iterable[DeviceCheck] = (), sync: SyncCheck | None = None,
                   pcs: Iterable[PcCheck] = ()) -> Overview:
    """The overview at ``now_ms`` from today's tickets and the windows' states (``pcs``: the hall's other PCs)."""
    at_window: dict[int, LiveTicket] = {}
    waiting: dict[str, list[LiveTicket]] = {}
    finished: dict[str, list[LiveTicket]] = {}
    for t in tickets:
        if t.status in AT_WINDOW and t.window_number is not None:
            cur = at_window.get(t.window_number)
            if cur is None or (t.called_at_ms or 0) > (cur.called_at_ms or 0):
                at_window[t.window_number] = t
        elif t.status == "waiting":
            waiting.setdefault(t.category, []).append(t)
        elif t.status == "finished" and t.service_ms is not None:
            finished.setdefault(t.category, []).append(t)

    wins = [w for w in windows if w.active]
    window_views = []
    for w in sorted(wins, key=lambda w: w.number):
        t = at_window.get(w.number)
        if w.paused:
            status, since = "paused", w.paused_at_ms
        elif t is not None:
            status, since = t.status, t.started_at_ms or t.called_at_ms
        else:
            status, since = "idle", None
        window_views.append(WindowView(w.number, w.name, status, t.clerk if t else "", t.number if t else "",
                                       since, w.pause_reason, w.categories))

    alerts: list[Alert] = []
    cat_views = []
    open_windows = [w for w in wins if not w.paused]
    for c in categories:
        if not c.active:
            continue
        queue = sorted(waiting.get(c.prefix, []), key=lambda t: t.issued_at_ms)
        serving = sum(1 for w in open_windows if c.prefix in w.categories)
        recent = sorted(finished.get(c.prefix, []), key=lambda t: -(t.started_at_ms or t.issued_at_ms))
        samples = [t.service_ms for t in recent[:SERVICE_SAMPLE] if t.service_ms is not None]
        longest = now_ms - queue[0].issued_at_ms if queue else 0
        cat_views.append(CategoryView(c.prefix, c.name, len(queue), max(0, longest),
                                      estimate_wait_minutes(len(queue), samples, serving), serving))
        if queue and longest > thresholds.long_wait_min * 60_000:
            first = queue[0]
            alerts.append(Alert(f"long_wait:{day}:{first.number}", "long_wait", c.prefix,
                                f"{c.name}（{c.prefix}）{first.number} 号已等候 {_minutes(longest)} 分钟，超过 "
                                f"{thresholds.long_wait_min} 分钟。请增开窗口或切换潮汐窗口。", first.issued_at_ms))
        if queue and serving == 0:
            first = queue[0]
            alerts.append(Alert(f"unserved:{day}:{c.prefix}:{first.number}", "unserved", c.prefix,
                                f"{c.name}（{c.prefix}）有 {len(queue)} 人等候，但没有开放的窗口办理。"
                                "请恢复窗口服务或把潮汐窗口切换到该类别。", first.issued_at_ms))
    for w in wins:
        if w.paused and w.paused_at_ms is not None and now_ms - w.paused_at_ms > thresholds.pause_min * 60_000:
            reason = f"（{w.pause_reason}）" if w.pause_reason else ""
            alerts.append(Alert(f"paused:{day}:{w.number}:{w.paused_at_ms}", "window_paused", str(w.number),
                                f"{w.number}号窗口已暂停 {_minutes(now_ms - w.paused_at_ms)} 分钟{reason}，超过 "
                                f"{thresholds.pause_min} 分钟。请联系窗口人员恢复服务。", w.paused_at_ms))
    for d in devices:
        if not d.ok:
            alerts.append(Alert(f"device:{day}:{d.kind}:{d.reason[:20]}", "device", d.kind,
                                f"{d.name}异常：{d.reason or '未连接'}。请检查设备连接。", None))
    if sync is not None:
        if not sync.online and (sync.last_success_ms is None
                                or now_ms - sync.last_success_ms > thresholds.offline_min * 60_000):
            since = sync.last_success_ms
            gone = f"已 {_minutes(now_ms - since)} 分钟" if since is not None else "一直"
            alerts.append(Alert(f"offline:{day}:{sync.device[:8]}:{since or 0}", "offline", sync.device,
                                f"本机{gone}未连上中心服务器，其他窗口的情况可能不是最新。请检查网络。", since))
        if sync.clock_offset_ms is not None and abs(sync.clock_offset_ms) > thresholds.clock_drift_s * 1000:
            alerts.append(Alert(f"clock:{day}:{sync.device[:8]}", "clock", sync.device,
                                f"本机时钟与服务器相差 {abs(sync.clock_offset_ms) // 1000} 秒。请校准系统时间。", None))
        if sync.fast_device:
            who = sync.fast_device_id or sync.fast_device
            alerts.append(Alert(f"clock:{day}:{who[:8]}", "clock", who,
                                f"{sync.fast_device}的电脑时钟比服务器快约 {_minutes(sync.fast_device_ahead_ms)} 分钟，"
                                "请校准该电脑的系统时间。", None))
    alerts += pc_alerts(day, now_ms, pcs, thresholds, self_offline=any(a.kind == "offline" for a in alerts),
                        clock_told={a.subject for a in alerts if a.kind == "clock"})
    alerts = [a if a.key not in acks else Alert(a.key, a.kind, a.subject, a.text, a.since_ms, acks[a.key])
              for a in alerts]
    return Overview(day, now_ms, tuple(window_views), tuple(cat_views), tuple(alerts))


def pc_alerts(day: str, now_ms: int, pcs: Iterable[PcCheck], thresholds: Thresholds, *,
              self_offline: bool, clock_told: frozenset[str] | set[str] = frozenset()) -> list[Alert]:
    """Other PCs silent for over ``offline_min`` (not while this PC is offline itself: then it hears nobody), or
    whose clock is off by over ``clock_drift_s`` (once: not the PCs in ``clock_told``, already alerted as the
    hall's fastest clock by desk-central)."""
    out = []
    for pc in pcs:
        name = pc.label or pc.device[:8]
        silent = now_ms - pc.last_at_ms
        if silent > thresholds.offline_min * 60_000:
            if not self_offline:
                out.append(Alert(f"offline:{day}:{pc.device[:8]}:{pc.last_at_ms}", "offline", pc.device,
                                 f"电脑“{name}”已 {_minutes(silent)} 分钟未连上中心服务器（或已关机）。"
                                 "请检查该电脑及其网络。", pc.last_at_ms))
        elif (pc.clock_offset_ms is not None and abs(pc.clock_offset_ms) > thresholds.clock_drift_s * 1000
              and pc.device not in clock_told):
            out.append(Alert(f"clock:{day}:{pc.device[:8]}", "clock", pc.device,
                             f"电脑“{name}”的时钟与服务器相差 {abs(pc.clock_offset_ms) // 1000} 秒。"
                             "请校准该电脑的系统时间。", None))
    return out


# ---------------------------------------------------------------------------------------------- acknowledgement
@dataclass(frozen=True)
class AckState:
    key: str
    hall_id: str
    day: str
    kind: str
    subject: str
    text: str
    by: str
    at_ms: int
    note: str


def fold_ack(events: list[Event]) -> AckState | None:
    """An alert occurrence is acknowledged once: the first acknowledgement by hybrid time wins on every PC."""
    for ev in ordered(events):
        if ev.type == ALERT_ACKNOWLEDGED:
            p = ev.payload
            return AckState(ev.aggregate_id, ev.hall, p.get("day", ""), p.get("kind", ""), p.get("subject", ""),
                            p.get("text", ""), ev.actor, int(p.get("at_ms", 0)), p.get("note", ""))
    return None


def fold_heartbeat(events: list[Event]) -> PcCheck | None:
    """The latest heartbeat of one PC's hour."""
    beats = [e for e in events if e.type == PC_HEARTBEAT]
    if not beats:
        return None
    ev = max(beats, key=lambda e: int(e.payload.get("at_ms", 0)))
    p = ev.payload
    offset = p.get("clock_offset_ms")
    return PcCheck(ev.device, p.get("label", ""), int(p.get("at_ms", 0)), int(offset) if offset is not None else None)
