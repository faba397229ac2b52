"""Staff accounts on desk-central: add, disable and reset a password, each republishing the hall's staff list."""
from __future__ import annotations

import secrets
import string

from sqlalchemy import select

from desk_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desk_app.domain.ids import new_id
from desk_app.domain.password_policy import PasswordPolicy
from desk_app.store.passwords import hash_password
from desk_app.domain.roles import validate_role
from desk_app.server.core import ServerDB, find_hall, now_ms, publish_reference
from desk_app.store.models import User
from desk_app.store.users import user_entry


def temporary_password(length: int = 14) -> str:
    """A random password that meets the default policy; the user must change it at first sign-in."""
    alphabet = string.ascii_letters + string.digits
    while True:
        pw = "".join(secrets.choice(alphabet) for _ in range(length - 2)) + secrets.choice("-_#@") \
            + secrets.choice(string.digits)
        if not PasswordPolicy().problems(pw):
            return pw


def _republish(db: ServerDB, hall_id: str, label: str) -> int:
    with db.read() as s:
        rows = s.scalars(select(User).where(User.hall_id == hall_id).order_by(User.username)).all()
    # Disabled users stay in the list (inactive), so every PC disables them too.
    return publish_reference(db, "users", {"users": [user_entry(r) for r in rows]}, hall=hall_id, label=label)


def add_user(db: ServerDB, hall: str, username: str, display_name: str, role: str,
             password: str | None = None) -> tuple[int, str]:
    """Adds an active user with a temporary password (returned once); returns (version, password)."""
    validate_role(role, username=username)
    username = username.strip()
    if not username or len(username) > 40:
        raise ValidationError("用户名不能为空，且不超过 40 个字符。", field="username")
    password = password or temporary_password()
    PasswordPolicy(expiry_days=0).check(password, username=username)
    with db.write() as s:
        hall_id = find_hall(s, hall).id
        if s.scalar(select(User.id).where(User.hall_id == hall_id, User.username == username)):
            raise ConflictError(f"用户“{username}”已存在。重置密码请用 users reset-password。", field="username")
        s.add(User(id=new_id(), hall_id=hall_id, username=username, display_name=display_name or username,
                   role=role, password_hash=hash_password(password), active=True, password_changed_at_ms=now_ms(),
                   must_change_password=True))
    return _republish(db, hall_id, f"add {username}"), password


def _change(db: ServerDB, hall: str, username: str, **values) -> str:
    with db.write() as s:
        hall_id = find_hall(s, hall).id
        row = s.scalar(select(User).where(User.hall_id == hall_id, User.username == username))
        if row is None:
            raise NotFoundError(f"大厅中没有用户“{username}”。", field="username")
        for k, v in values.items():
            setattr(row, k, v)
    return hall_id


def disable_user(db: ServerDB, hall: str, username: str) -> int:
    hall_id = _change(db, hall, username, active=False)
    return _republish(db, hall_id, f"disable {username}")


def reset_password(db: ServerDB, hall: str, username: str, password: str | None = None) -> tuple[int, str]:
    """A new temporary password, to be changed at the next sign-in; the PCs' lockout is not lifted here
    (it runs out by itself), but the old password stops working as soon as a PC pulls the list."""
    password = password or temporary_password()
    PasswordPolicy(expiry_days=0).check(password, username=username)
    hall_id = _change(db, hall, username, password_hash=hash_password(password), password_changed_at_ms=now_ms(),
                      must_change_password=True, active=True)
    return _republish(db, hall_id, f"reset {username}"), password
