"""Accounts: signing in a clerk, guide, pickup clerk or supervisor; passwords hashed with Argon2id."""
from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from desk_app.domain.errors import ValidationError
from desk_app.store.database import Store
from desk_app.store.models import User

ROLES = {"guide": "导办", "clerk": "窗口受理", "pickup": "出件", "supervisor": "值班长"}
_hasher = PasswordHasher()


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str


def hash_password(password: str) -> str:
    return _hasher.hash(password)


class AccountService:
    def __init__(self, store: Store):
        self._store = store

    def accounts(self) -> list[Account]:
        with self._store.read() as s:
            rows = s.scalars(select(User).where(User.hall_id == self._store.hall_id, User.active)
                             .order_by(User.role, User.username))
            return [Account(u.username, u.display_name, u.role) for u in rows]

    def sign_in(self, username: str, password: str) -> Account:
        """The account, when the password matches (an account without a password is a demo account)."""
        with self._store.read() as s:
            user = s.scalar(select(User).where(User.hall_id == self._store.hall_id,
                                               User.username == username.strip()))
        if user is None or not user.active:
            raise ValidationError("没有这个用户，或该用户已停用。请检查用户名。", field="username")
        if user.password_hash:
            try:
                _hasher.verify(user.password_hash, password)
            except (VerificationError, InvalidHashError):
                raise ValidationError("密码不正确，请重新输入。", field="password") from None
        return Account(user.username, user.display_name, user.role)
