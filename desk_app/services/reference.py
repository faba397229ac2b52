"""Reference data of a hall (hall, categories, windows, users): loaded from a published set, not event-sourced."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desk_app.domain.errors import ValidationError
from desk_app.domain.ids import new_id
from desk_app.store.database import Store
from desk_app.store.models import Hall
from desk_app.store.reference_data import write_setup


@dataclass(frozen=True)
class HallInfo:
    id: str
    code: str
    name: str
    department: str
    phone: str
    address: str


def load_hall_setup(store: Store, data: dict[str, Any], *, hall_id: str | None = None) -> HallInfo:
    """Replace the hall's categories and windows with ``data`` and apply its users (roles checked, the
    ones left out disabled), in one transaction."""
    h = data.get("hall") or {}
    for key in ("code", "name"):
        if not h.get(key):
            raise ValidationError(f"大厅资料缺少“{key}”字段，请补全后重新发布。", field=key)
    with store.write("reference") as uow:
        s = uow.session
        hall = s.scalar(select(Hall).where(Hall.code == h["code"]))
        if hall is None:
            hall = Hall(id=hall_id or store.hall_id or new_id(), code=h["code"], name=h["name"])
            s.add(hall)
        for key in ("name", "department", "phone", "address"):
            setattr(hall, key, h.get(key, getattr(hall, key) or ""))
        s.flush()
        write_setup(s, hall.id, {k: data.get(k, []) for k in ("categories", "windows", "users")})
        info = HallInfo(hall.id, hall.code, hall.name, hall.department, hall.phone, hall.address)
    if store.hall_id != info.id:
        store.set_meta("hall_id", info.id)
    return info


def hall_info(store: Store) -> HallInfo | None:
    with store.read() as s:
        hall = s.get(Hall, store.hall_id) if store.hall_id else None
        if hall is None:
            return None
        return HallInfo(hall.id, hall.code, hall.name, hall.department, hall.phone, hall.address)
