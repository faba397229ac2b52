"""Audit records: PII views, exports and settings changes are events, by who may record them."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desk_app.domain.errors import PermissionDenied, ValidationError
from desk_app.services.audit import AuditService
from desk_app.services.authorization import Actor, AuthorizedStore
from desk_app.store.models import EventRow


def _rows(store):
    with store.read() as s:
        return [(r.type, r.actor, json.loads(r.payload)) for r in s.scalars(select(EventRow).order_by(EventRow.device_seq))]


def test_records(store) -> None:
    clerk = AuditService(AuthorizedStore(store, Actor("clerk1", "clerk", 1)), actor="clerk1")
    clerk.pii_viewed("case-1", "resident_id", case_number="QD01-20261123-0001")
    sup = AuditService(AuthorizedStore(store, Actor("super1", "supervisor")), actor="super1")
    sup.exported("好差评月报", 120, target="ratings-2026-11.xlsx")
    sup.settings_changed({"security.idle_lock_minutes": 3, "devices": {"x": "y" * 600}})
    rows = _rows(store)
    assert [(t, a) for t, a, _p in rows] == [("audit.pii_viewed", "clerk1"), ("audit.exported", "super1"),
                                             ("audit.settings_changed", "super1")]
    assert rows[2][2]["changes"]["devices"] == "（内容过长，已省略）"


def test_who_may_record_what(store) -> None:
    with pytest.raises(PermissionDenied):
        AuditService(AuthorizedStore(store, Actor("clerk1", "clerk", 1)), actor="clerk1").exported("x", 1)
    with pytest.raises(PermissionDenied):
        AuditService(AuthorizedStore(store, Actor("admin1", "admin")), actor="admin1").pii_viewed("c", "phone")
    with pytest.raises(ValidationError):
        AuditService(store, actor="x").pii_viewed("c", "password")
    assert _rows(store) == []
