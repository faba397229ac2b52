"""Reference data of a hall (hall, categories, windows, users): loaded from a published set, not event-sourced."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.domain.ids import new_id
from desk_app.services.hall_facts import HallFacts
from desk_app.store.database import Store
from desk_app.store.models import Hall
from desk_app.store.reference_data import write_setup


def load_hall_setup(store: Store, data: dict[str, Any], *, hall_id: str | None = None) -> HallFacts:
    """Replace the hall's categories and windows with ``data`` and apply its users (roles checked, the
    ones left out disabled), in one transaction."""
    h = data.get("hall") or {}
    for key in ("code", "name"):
        if not h.get(key):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "大厅资料缺少“{key}”字段，请补全后重新发布。"), key=key, field=key)
    with store.write("reference") as uow:
        s = uow.session
        hall = s.scalar(select(Hall).where(Hall.code == h["code"]))
        if hall is None:
            hall = Hall(id=hall_id or store.hall_id or new_id(), code=h["code"], name=h["name"])
            s.add(hall)
        for key in ("name", "department", "phone", "address"):
            setattr(hall, key, h.get(key, getattr(hall, key) or ""))
        if "settings" in h:  # e.g. review_body and court of the rejection decision
            hall.settings = dict(h["settings"] or {})
        s.flush()
        write_setup(s, hall.id, {k: data.get(k, []) for k in ("categories", "windows", "users")})
        info = HallFacts.of(hall)
    if store.hall_id != info.id:
        store.set_meta("hall_id", info.id)
    return info


# Hall settings a published "settings" document may set (kept in Hall.settings; printouts read them).
HALL_SETTING_KEYS = ("review_body", "court")


def apply_hall_settings(store: Store, body: dict[str, Any]) -> dict[str, Any]:
    """Merge the published hall settings (desk-central's "settings" reference kind) into this PC's hall."""
    if not isinstance(body, dict):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "大厅设置应为 JSON 对象，例如 {\"review_body\": \"某某市人民政府\"}。"), field="settings")
    with store.write("reference") as uow:
        hall = uow.session.get(Hall, store.hall_id) if store.hall_id else None
        if hall is None:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "本机还没有大厅资料，无法应用大厅设置。请先完成注册。"), field="hall")
        merged = dict(hall.settings or {})
        merged.update({k: str(v).strip() for k, v in body.items() if k in HALL_SETTING_KEYS})
        hall.settings = merged
        return merged


def hall_info(store: Store) -> HallFacts | None:
    with store.read() as s:
        hall = s.get(Hall, store.hall_id) if store.hall_id else None
        if hall is None:
            return None
        return HallFacts.of(hall)
