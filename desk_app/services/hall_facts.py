"""What printouts and case numbers need to know about the hall, read from its row (or this PC's meta before setup)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desk_app.store.models import Hall, Meta


@dataclass(frozen=True)
class HallFacts:
    id: str
    code: str
    name: str
    department: str
    phone: str
    address: str
    settings: dict[str, Any]


def hall_facts(session: Any, hall_id: str) -> HallFacts:
    hall = session.get(Hall, hall_id) if hall_id else None
    if hall is None:
        code = session.scalar(select(Meta.value).where(Meta.key == "hall_code")) or "HALL"
        return HallFacts(hall_id, code, "政务服务中心", "", "", "", {})
    return HallFacts(hall.id, hall.code, hall.name, hall.department or hall.name, hall.phone or "",
                     hall.address or "", dict(hall.settings or {}))
