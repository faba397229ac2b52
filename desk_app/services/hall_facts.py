"""The hall as printouts, case numbers and window titles know it: read from its row (or this PC's meta before setup)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from desk_app.store.models import Hall, Meta


@dataclass(frozen=True)
class HallFacts:
    id: str
    code: str
    name: str
    department: str  # the issuing department on printouts: the hall's name when none is set
    phone: str
    address: str
    settings: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, hall: Hall) -> HallFacts:
        return cls(hall.id, hall.code, hall.name, hall.department or hall.name, hall.phone or "",
                   hall.address or "", dict(hall.settings or {}))


def hall_facts(session: Any, hall_id: str) -> HallFacts:
    """The hall's facts; before the hall is set up, placeholders under this PC's hall code."""
    hall = session.get(Hall, hall_id) if hall_id else None
    if hall is None:
        code = session.scalar(select(Meta.value).where(Meta.key == "hall_code")) or "HALL"
        return HallFacts(hall_id, code, "政务服务中心", "", "", "", {})
    return HallFacts.of(hall)
