"""The security policies read from the local settings: password policy, lockout and idle lock."""
from __future__ import annotations

from typing import Any, Callable

from desk_app.domain.password_policy import PasswordPolicy
from desk_app.services.accounts import AccountService, LockoutPolicy
from desk_app.store.database import Store

Getter = Callable[[str], Any]


def _int(get: Getter, key: str, low: int, high: int) -> int:
    # A hand-edited settings file must not disable the policy: out-of-range values are clamped.
    try:
        value = int(get(key))
    except (TypeError, ValueError):
        from desk_app.domain.settings_schema import SCHEMA
        value = int(SCHEMA[key].default)
    return max(low, min(high, value))


def password_policy(get: Getter) -> PasswordPolicy:
    return PasswordPolicy(min_length=_int(get, "security.password_min_length", 8, 64),
                          min_classes=_int(get, "security.password_min_classes", 1, 4),
                          expiry_days=_int(get, "security.password_expiry_days", 0, 3650))


def lockout_policy(get: Getter) -> LockoutPolicy:
    return LockoutPolicy(max_failures=_int(get, "security.lockout_failures", 3, 10),
                         lock_minutes=_int(get, "security.lockout_minutes", 1, 24 * 60))


def idle_lock_ms(get: Getter) -> int:
    """0: never lock; otherwise at least one minute."""
    minutes = _int(get, "security.idle_lock_minutes", 0, 240)
    return minutes * 60_000


def account_service(store: Store, get: Getter, *, demo: bool = False) -> AccountService:
    return AccountService(store, allow_demo_accounts=demo, policy=lambda: password_policy(get),
                          lockout=lambda: lockout_policy(get))
