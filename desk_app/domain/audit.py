"""Audit-only events (aggregate "audit:<device>", no projection): personal data viewed, exports, settings changed.

Sign-in, lock and unlock are in domain.accounts; prints and reprints are printout.* events.
"""
from __future__ import annotations

from desk_app.domain.events import register

PII_VIEWED = register("audit.pii_viewed", "audit").name          # the full ID number shown on demand
EXPORTED = register("audit.exported", "audit").name              # a report or list written to a file
SETTINGS_CHANGED = register("audit.settings_changed", "audit").name

PII_FIELDS = {"resident_id": "身份证号", "agent_resident_id": "代理人身份证号", "phone": "电话"}
