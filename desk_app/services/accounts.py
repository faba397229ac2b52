"""Accounts: sign-in with Argon2id passwords, lockout after failures, screen lock, sign-out, password changes.

Every attempt is an event (``domain.accounts``), written in its own transaction whether it succeeds or
not, so the failure count survives a restart and desk-central sees each failed sign-in and lockout.
Verifying a password costs tens of milliseconds by design: run these methods on a worker, never on
the UI thread (the sign-in dialog uses the Runner).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy import select

from desk_app.domain import accounts as a
from desk_app.domain.errors import QT_TRANSLATE_NOOP, AuthenticationError
from desk_app.domain.password_policy import PasswordPolicy
from desk_app.store.passwords import dummy_hash, hash_password, verify_hash
from desk_app.domain.roles import ROLES, validate_role
from desk_app.store.database import Store
from desk_app.store.models import User
from desk_app.store.models.accounts import SignInAttempt

__all__ = ["ROLES", "Account", "AccountService", "LockoutPolicy", "SignInResult", "hash_password",
           "verify_hash"]

@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str
    demo: bool = False  # a password-less account of the demo hall (accepted only by `desk-app demo`)


@dataclass(frozen=True)
class SignInResult:
    account: Account
    must_change_password: bool  # first sign-in, a reset by the admin, or the password expired
    reason: str = ""            # why it must change (Chinese), shown above the new-password fields


@dataclass(frozen=True)
class LockoutPolicy:
    max_failures: int = a.MAX_FAILURES
    lock_minutes: int = a.LOCK_MINUTES


class AccountService:
    """``allow_demo_accounts``: only `desk-app demo` passes True; elsewhere an account without a password
    hash cannot sign in. ``policy`` and ``lockout`` are callables so a settings change applies at once."""

    def __init__(self, store: Store, *, allow_demo_accounts: bool = False,
                 policy: Callable[[], PasswordPolicy] = PasswordPolicy,
                 lockout: Callable[[], LockoutPolicy] = LockoutPolicy):
        self._store = store
        self._allow_demo = allow_demo_accounts
        self._policy = policy
        self._lockout = lockout

    # ------------------------------------------------------------------ reading
    def accounts(self) -> list[Account]:
        """Active accounts, with a known role (an unknown one never reaches here: publish refuses it)."""
        with self._store.read() as s:
            rows = s.scalars(select(User).where(User.hall_id == self._store.hall_id, User.active)
                             .order_by(User.role, User.username))
            return [Account(u.username, u.display_name, u.role, demo=not u.password_hash) for u in rows
                    if u.role in ROLES and (u.password_hash or self._allow_demo)]

    def attempts(self, username: str) -> a.Attempts:
        with self._store.read() as s:
            row = s.get(SignInAttempt, a.signin_aggregate(self._store.device_id, username).split(":", 1)[1])
        return a.Attempts(row.failures, row.locked_until_ms) if row else a.Attempts()

    def _user(self, username: str) -> User | None:
        with self._store.read() as s:
            return s.scalar(select(User).where(User.hall_id == self._store.hall_id, User.username == username))

    # ------------------------------------------------------------------ signing in
    def sign_in(self, username: str, password: str, *, unlock: bool = False) -> SignInResult:
        """The account when the password matches; otherwise AuthenticationError (and the failure recorded).

        ``unlock``: the same check to unlock a locked screen (recorded as ``session.unlocked``).
        """
        username = username.strip()[:40]
        if not username:
            raise AuthenticationError(QT_TRANSLATE_NOOP("Errors", "请选择或输入用户名。"), field="username")
        now = self._store.now_ms()
        prev = self.attempts(username)
        if prev.locked(now):
            self._record_failure(username, prev, now, "locked", count=False)
            raise AuthenticationError(
                QT_TRANSLATE_NOOP("Errors", "密码连续输错 {failures} 次，账号已在本机锁定，请 {minutes_left} 分钟后再试，或请系统管理员重置密码。"),
                failures=prev.failures, minutes_left=prev.minutes_left(now), field="password")
        user = self._user(username)
        if user is None or not user.active:
            verify_hash(dummy_hash(), password)  # same time as a wrong password: no user-name probing
            self._record_failure(username, prev, now, "no_user" if user is None else "disabled")
            raise AuthenticationError(QT_TRANSLATE_NOOP("Errors", "没有这个用户，或该用户已停用。请检查用户名，或联系系统管理员。"),
                                      field="username")
        if user.role not in ROLES:
            self._record_failure(username, prev, now, "bad_role")
            validate_role(user.role, username=username)  # raises: an unknown role never opens a screen
        if not user.password_hash:
            if not self._allow_demo:
                self._record_failure(username, prev, now, "no_password")
                raise AuthenticationError(
                    QT_TRANSLATE_NOOP("Errors", "该账号还没有设置密码，不能登录。请联系系统管理员用“desk-central users "
                                                "reset-password”设置初始密码。"), field="password")
        elif not verify_hash(user.password_hash, password):
            after = self._record_failure(username, prev, now, "wrong_password")
            if after.locked(now):
                raise AuthenticationError(
                    QT_TRANSLATE_NOOP("Errors", "密码连续输错 {failures} 次，账号已在本机锁定 {lock_minutes} 分钟。请稍后再试，或请系统管理员重置密码。"),
                    failures=after.failures, lock_minutes=self._lockout().lock_minutes, field="password")
            left = self._lockout().max_failures - after.failures
            raise AuthenticationError(QT_TRANSLATE_NOOP("Errors", "密码不正确，请重新输入（再错 {left} 次账号将被锁定）。"),
                                      left=left, field="password")
        account = Account(user.username, user.display_name, user.role, demo=not user.password_hash)
        with self._store.write(username) as uow:
            if unlock:
                uow.emit(a.SCREEN_UNLOCKED, f"session:{uow.device_id}", {"username": username, "at_ms": now})
            uow.emit(a.SIGNED_IN, a.signin_aggregate(uow.device_id, username),
                     {"username": username, "at_ms": now, "unlock": unlock})
        must, reason = self._must_change(user, now)
        return SignInResult(account, must, reason)

    def _must_change(self, user: User, now: int) -> tuple[bool, str]:
        if not user.password_hash:
            return False, ""
        if user.must_change_password:
            return True, "首次登录或密码已被管理员重置，请设置新密码。"
        if self._policy().expired(user.password_changed_at_ms, now):
            return True, f"密码已超过 {self._policy().expiry_days} 天未更换，请设置新密码。"
        return False, ""

    def _record_failure(self, username: str, prev: a.Attempts, now: int, reason: str, *,
                        count: bool = True) -> a.Attempts:
        lock = self._lockout()
        after = a.next_failure(prev, now, max_failures=lock.max_failures, lock_minutes=lock.lock_minutes) \
            if count else prev
        with self._store.write(username) as uow:
            agg = a.signin_aggregate(uow.device_id, username)
            payload = {"username": username, "at_ms": now, "reason": reason, "failures": after.failures,
                       "locked_until_ms": after.locked_until_ms}
            uow.emit(a.SIGN_IN_FAILED, agg, payload)
            if count and after.locked_until_ms and not prev.locked(now):
                uow.emit(a.LOCKED_OUT, agg, payload)
        return after

    # ------------------------------------------------------------------ the session
    def lock_screen(self, username: str, *, idle: bool) -> None:
        with self._store.write(username) as uow:
            uow.emit(a.SCREEN_LOCKED, f"session:{uow.device_id}",
                     {"username": username, "at_ms": uow.now_ms(), "idle": idle})

    def sign_out(self, username: str) -> None:
        with self._store.write(username) as uow:
            uow.emit(a.SIGNED_OUT, f"session:{uow.device_id}", {"username": username, "at_ms": uow.now_ms()})

    def change_password(self, username: str, old_password: str, new_password: str) -> None:
        """The owner sets a new password (checked against the policy); it reaches every PC by sync."""
        user = self._user(username)
        if user is None or not user.active:
            raise AuthenticationError(QT_TRANSLATE_NOOP("Errors", "没有这个用户，或该用户已停用。"), field="username")
        if user.password_hash and not verify_hash(user.password_hash, old_password):
            raise AuthenticationError(QT_TRANSLATE_NOOP("Errors", "原密码不正确，请重新输入。"), field="old_password")
        if old_password and new_password == old_password:
            raise AuthenticationError(QT_TRANSLATE_NOOP("Errors", "新密码不能与原密码相同，请换一个。"), field="new_password")
        self._policy().check(new_password, username=username)
        new_hash = hash_password(new_password)
        with self._store.write(username) as uow:
            uow.emit(a.PASSWORD_CHANGED, f"user:{username}",
                     {"password_hash": new_hash, "changed_at_ms": uow.now_ms()})
