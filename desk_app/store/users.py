"""Applying a published staff list to the users table: the same rules on every PC and on desk-central."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.ids import new_id
from desk_app.domain.roles import validate_users
from desk_app.store.models import User

_PASSWORD_FIELDS = ("password_hash", "password_changed_at_ms", "must_change_password")


def apply_published_users(s: Session, hall_id: str, users: Any) -> list[str]:
    """Add and update the listed users, and disable the hall's users the list leaves out.

    The whole list is checked first (every role known), so a bad list changes nothing. A password
    changed on a PC after the list was made (a newer ``password_changed_at_ms`` here) is kept.
    Returns the user names disabled.
    """
    users = validate_users(users)
    rows = {u.username: u for u in s.scalars(select(User).where(User.hall_id == hall_id))}
    for u in users:
        row = rows.get(u["username"])
        if row is None:
            row = User(id=u.get("id") or new_id(), hall_id=hall_id, username=u["username"],
                       display_name=u.get("display_name") or u["username"], role=u["role"],
                       password_hash="", password_changed_at_ms=0, must_change_password=False)
            s.add(row)
        row.display_name = u.get("display_name") or row.display_name
        row.role = u["role"]
        row.active = bool(u.get("active", True))
        if "password_hash" in u and int(u.get("password_changed_at_ms") or 0) >= (row.password_changed_at_ms or 0):
            row.password_hash = u["password_hash"] or ""
            row.password_changed_at_ms = int(u.get("password_changed_at_ms") or 0)
            row.must_change_password = bool(u.get("must_change_password", False))
    listed = {u["username"] for u in users}
    disabled = []
    for name, row in rows.items():
        if name not in listed and row.active:
            row.active = False  # kept, not deleted: their earlier events still name them
            disabled.append(name)
    return disabled


def user_entry(row: User) -> dict[str, Any]:
    """A users-table row as an entry of a published list (what `desk-central users` publishes)."""
    return {"username": row.username, "display_name": row.display_name, "role": row.role,
            "active": bool(row.active), **{k: getattr(row, k) for k in _PASSWORD_FIELDS}}
