"""Every aggregate belongs to one hall: desk-central refuses an event of one hall on another hall's aggregate.

Ticket ids are printed in every ticket's QR code, so an id is no secret; what protects a hall is that
its aggregates accept events of its own devices only. An aggregate belongs to the hall of its first
stored event; kinds whose id names the hall (``queue_day:<hall>/<day>``) belong to that hall from the
start. Attachments are the one shared kind: content-addressed, the same bytes scanned in two halls are
one aggregate whose first description is kept and never changed; reading the bytes is per hall
(``ServerBlobs``).
"""
from __future__ import annotations

from typing import Any

SHARED_KINDS = {"attachment"}
REASON = "该事件所属的对象（{agg}）属于另一个大厅，本机无权修改。"


def key_hall_reason(ev: Any) -> str:
    """Static part of the check (no database): an aggregate whose id names another hall."""
    kind, _, agg_id = ev.aggregate.partition(":")
    if kind == "queue_day" and agg_id.split("/", 1)[0] != ev.hall:
        return REASON.format(agg=ev.aggregate[:80])
    return ""


def foreign_events(kind: str, events: list[Any], fresh_ids: set[str]) -> dict[str, str]:
    """Those of ``fresh_ids`` whose hall is not the owner of the aggregate whose ``events`` (stored and
    fresh, in fold order) are given, each with its reason."""
    if kind in SHARED_KINDS or not events:
        return {}
    stored = [e for e in events if e.id not in fresh_ids]
    owner = (stored or events)[0].hall
    return {e.id: REASON.format(agg=e.aggregate[:80]) for e in events if e.id in fresh_ids and e.hall != owner}


__all__ = ["key_hall_reason", "foreign_events", "SHARED_KINDS"]
