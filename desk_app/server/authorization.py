"""desk-central's check of pushed events' actors: each must be staff of the hall whose role (and window) allows
the event (domain.permissions, the table the PCs' services use). A forged event is refused with the reason,
stored among the refusals (``sync_rejections``) for the audit, and never applied."""
from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select

from desk_app.domain.permissions import ANY_ACTOR, APPLICANT_ACTOR, SYSTEM_ROLE, denial
from desk_app.store.models import User

PREFIX = "权限不符："  # marks these refusals among the others (audit verify counts them)

_U = User.__table__
_STAFF = (select(_U.c.hall_id, _U.c.username, _U.c.role)
          .where(_U.c.hall_id.in_(bindparam("halls", expanding=True))))


def hall_staff(conn: Any, halls: list[str]) -> dict[str, dict[str, str]]:
    """hall id -> user name -> role, for every user ever published (disabled ones too: their offline events
    are accepted and flagged, see core.REVOKED_FLAG)."""
    out: dict[str, dict[str, str]] = {}
    if halls:
        for hall, username, role in conn.execute(_STAFF, {"halls": halls}):
            out.setdefault(hall, {})[username] = role
    return out


def actor_rejection(ev: Any, window: int | None, staff: dict[str, str] | None) -> str:
    """Why the server refuses ``ev`` (a WireEvent) from a PC enrolled for ``window``; "" when allowed.

    A hall with no staff list published yet (a lab, a hall being set up) cannot be checked: its PCs sign
    in with no account either, so there is nothing to forge.
    """
    if not staff:
        return ""
    actor = ev.actor
    if actor == APPLICANT_ACTOR and ev.type == "rating.submitted":
        return ""
    if actor == "":
        role = SYSTEM_ROLE
    elif actor in staff:
        role = staff[actor]
    elif ev.type in ANY_ACTOR:
        return ""  # a failed sign-in under a name that is no user: recorded, as it should be
    else:
        return f"{PREFIX}操作人“{actor}”不是本大厅的工作人员。"
    why = denial(ev.type, role, ev.payload, actor=actor, username=actor, aggregate=ev.aggregate, window=window)
    return PREFIX + why if why else ""
