"""The poison check of a pushed event: what desk-central refuses to store because no replica could fold it.

One step of the push, kept apart from authorization (who may push what) on purpose: it judges only the
event itself. Checked before the event is stored, so a refused event is answered ``rejected`` with its
reason, recorded, and never replicated; the events behind it go on.
"""
from __future__ import annotations

from desk_app.domain.hlc import MAX_CLOCK_SKEW_MS, Timestamp, too_far_ahead
from desk_app.store.event_schemas import payload_problem
from desk_app.sync.protocol import WireEvent


def poison_reason(ev: WireEvent, now_ms: int) -> str:
    """Why ``ev`` must not be stored ("" when it may): a clock far in the future, or a payload that does
    not match its type's schema (size, depth and field types included)."""
    ts = Timestamp.decode(ev.hlc)
    if ts.device.lower() != ev.device.lower():
        return "事件的时间戳不属于发送它的设备。"
    if too_far_ahead(ts, now_ms):
        hours = MAX_CLOCK_SKEW_MS // 3_600_000
        return (f"事件的时间戳比服务器时间快 {hours} 小时以上，无法排序。"
                "请校准该电脑的时钟后重新办理。")
    return payload_problem(ev.type, ev.schema_version, ev.payload)


__all__ = ["poison_reason"]
