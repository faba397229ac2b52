"""Audit records of what is not a state change: full ID numbers viewed, exports, settings changes (one event each)."""
from __future__ import annotations

import json
from typing import Any

from desk_app.domain import audit as a
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.store.database import Store


class AuditService:
    """Bound to the signed-in user's (authorized) store: the permission table decides who may record what."""

    def __init__(self, store: Store, *, actor: str):
        self.store = store
        self.actor = actor

    def _emit(self, type_name: str, payload: dict[str, Any]) -> None:
        with self.store.write(self.actor) as uow:
            uow.emit(type_name, f"audit:{uow.device_id}", {**payload, "at_ms": uow.now_ms()})

    def pii_viewed(self, case_id: str, field: str, *, case_number: str = "") -> None:
        """Recorded before the full value is shown (the screen shows it only when this commits)."""
        if field not in a.PII_FIELDS:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "未知的个人信息字段：{field_name}"),
                                  field_name=field, field="field")
        self._emit(a.PII_VIEWED, {"case_id": case_id, "case_number": case_number, "field": field})

    def exported(self, what: str, rows: int, *, target: str = "") -> None:
        self._emit(a.EXPORTED, {"what": what[:100], "rows": int(rows), "target": target[:200]})

    def settings_changed(self, changes: dict[str, Any]) -> None:
        """``changes``: key -> new value (values longer than 500 characters as JSON are cut)."""
        shown = {k: (v if len(json.dumps(v, ensure_ascii=False)) <= 500 else "（内容过长，已省略）")
                 for k, v in changes.items()}
        self._emit(a.SETTINGS_CHANGED, {"changes": shown})
