"""Projections of the live hall overview: alert acknowledgements into alert_acks, heartbeats into pc_heartbeats."""
from __future__ import annotations

from typing import Any

from desk_app.domain.events import Event
from desk_app.domain.overview import fold_ack, fold_heartbeat
from desk_app.store.models.supervision import AlertAck, PcHeartbeatRow
from desk_app.store.projectors import row_projector


@row_projector("alert", AlertAck)
def project_alert(key: str, events: list[Event]) -> dict[str, Any] | None:
    st = fold_ack(events)
    if st is None:
        return None
    return {"id": key, "hall_id": st.hall_id, "day": st.day, "kind": st.kind, "subject": st.subject[:60],
            "text": st.text[:300], "acknowledged_by": st.by, "at_ms": st.at_ms, "note": st.note[:200]}


@row_projector("pc", PcHeartbeatRow)
def project_heartbeat(key: str, events: list[Event]) -> dict[str, Any] | None:
    pc = fold_heartbeat(events)
    if pc is None:
        return None
    return {"id": key, "hall_id": events[0].hall, "device": pc.device, "label": pc.label[:60], "at_ms": pc.last_at_ms,
            "clock_offset_ms": pc.clock_offset_ms}
