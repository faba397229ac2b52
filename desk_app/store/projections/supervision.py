"""Projection of alert acknowledgements into alert_acks."""
from __future__ import annotations

from typing import Any

from desk_app.domain.events import Event
from desk_app.domain.overview import fold_ack
from desk_app.store.models.supervision import AlertAck
from desk_app.store.reducer import row_projector


@row_projector("alert", AlertAck)
def project_alert(key: str, events: list[Event]) -> dict[str, Any] | None:
    st = fold_ack(events)
    if st is None:
        return None
    return {"id": key, "hall_id": st.hall_id, "day": st.day, "kind": st.kind, "subject": st.subject[:60],
            "text": st.text[:300], "acknowledged_by": st.by, "at_ms": st.at_ms, "note": st.note[:200]}
