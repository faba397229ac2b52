"""Signing in: Argon2id passwords, per-PC lockout recorded as events, demo accounts, forced password changes."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desk_app.domain.errors import AuthenticationError, ValidationError
from desk_app.domain.ids import new_id
from desk_app.domain.password_policy import DAY_MS, PasswordPolicy
from desk_app.services.accounts import AccountService, LockoutPolicy, hash_password
from desk_app.store.database import Store
from desk_app.store.models import EventRow, User
from tests.conftest import HALL_ID

GOOD = "Window-5-pass"


class Clock:
    def __init__(self, t: int = 1_800_000_000_000):
        self.t = t

    def __call__(self) -> int:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def accounts_store(data_dir, clock):
    s = Store.open(data_dir / "accounts.db", now_ms=clock)
    s.set_meta("hall_id", HALL_ID)
    with s.write() as uow:
        uow.session.add_all([
            User(id=new_id(), hall_id=HALL_ID, username="clerk1", display_name="王受理", role="clerk",
                 password_hash=hash_password(GOOD), password_changed_at_ms=clock.t),
            User(id=new_id(), hall_id=HALL_ID, username="gone", display_name="离职", role="clerk",
                 password_hash=hash_password(GOOD), active=False),
            User(id=new_id(), hall_id=HALL_ID, username="demo", display_name="演示", role="guide"),
            User(id=new_id(), hall_id=HALL_ID, username="new1", display_name="新人", role="pickup",
                 password_hash=hash_password("Temp-pass-001"), must_change_password=True),
        ])
    yield s
    s.close()


def _events(store, type_prefix: str = "") -> list[tuple[str, dict]]:
    with store.read() as s:
        rows = s.execute(select(EventRow.type, EventRow.payload).order_by(EventRow.device_seq)).all()
    return [(t, json.loads(p)) for t, p in rows if t.startswith(type_prefix)]


def test_right_password_signs_in_and_is_recorded(accounts_store) -> None:
    svc = AccountService(accounts_store)
    result = svc.sign_in("clerk1", GOOD)
    assert result.account.role == "clerk" and not result.must_change_password
    assert [t for t, _ in _events(accounts_store)] == ["signin.succeeded"]


def test_wrong_password_is_refused_and_recorded_with_the_attempts_left(accounts_store) -> None:
    svc = AccountService(accounts_store)
    with pytest.raises(AuthenticationError, match="密码不正确.*再错 4 次") as exc:
        svc.sign_in("clerk1", "Typed-Secret")
    assert exc.value.field == "password"
    (t, p), = _events(accounts_store)
    assert t == "signin.failed" and p["reason"] == "wrong_password" and p["failures"] == 1
    assert "Typed-Secret" not in json.dumps(p)  # the typed password is never recorded


def test_unknown_and_disabled_users_are_refused(accounts_store) -> None:
    svc = AccountService(accounts_store)
    for name in ("nobody", "gone"):
        with pytest.raises(AuthenticationError, match="没有这个用户"):
            svc.sign_in(name, GOOD)
    assert [p["reason"] for _t, p in _events(accounts_store)] == ["no_user", "disabled"]
    assert "gone" not in [a.username for a in svc.accounts()]


def test_five_failures_lock_the_account_on_this_pc_for_15_minutes(accounts_store, clock) -> None:
    svc = AccountService(accounts_store)
    for _ in range(4):
        with pytest.raises(AuthenticationError, match="密码不正确"):
            svc.sign_in("clerk1", "wrong")
    with pytest.raises(AuthenticationError, match="锁定 15 分钟"):
        svc.sign_in("clerk1", "wrong")
    clock.t += 60_000
    # the right password while locked: still refused, with the minutes left
    with pytest.raises(AuthenticationError, match="请 14 分钟后再试"):
        svc.sign_in("clerk1", GOOD)
    types = [t for t, _ in _events(accounts_store)]
    assert types.count("signin.locked_out") == 1 and types.count("signin.failed") == 6
    assert svc.attempts("clerk1").locked(clock.t)
    clock.t += 14 * 60_000
    assert svc.sign_in("clerk1", GOOD).account.username == "clerk1"
    assert svc.attempts("clerk1").failures == 0


def test_lockout_is_configurable(accounts_store, clock) -> None:
    svc = AccountService(accounts_store, lockout=lambda: LockoutPolicy(max_failures=3, lock_minutes=2))
    for _ in range(3):
        with pytest.raises(AuthenticationError):
            svc.sign_in("clerk1", "wrong")
    with pytest.raises(AuthenticationError, match="请 2 分钟后再试"):
        svc.sign_in("clerk1", GOOD)


def test_a_demo_account_signs_in_only_in_the_demo(accounts_store) -> None:
    with pytest.raises(AuthenticationError, match="还没有设置密码"):
        AccountService(accounts_store).sign_in("demo", "")
    assert "demo" not in [a.username for a in AccountService(accounts_store).accounts()]
    demo = AccountService(accounts_store, allow_demo_accounts=True)
    assert demo.sign_in("demo", "").account.demo
    assert [a.username for a in demo.accounts() if a.demo] == ["demo"]


def test_first_sign_in_forces_a_new_password_that_meets_the_policy(accounts_store) -> None:
    svc = AccountService(accounts_store)
    result = svc.sign_in("new1", "Temp-pass-001")
    assert result.must_change_password and "首次登录" in result.reason
    with pytest.raises(ValidationError, match="至少 10 个字符") as exc:
        svc.change_password("new1", "Temp-pass-001", "short")
    assert exc.value.field == "new_password"
    with pytest.raises(ValidationError, match="至少包含 3 类字符"):
        svc.change_password("new1", "Temp-pass-001", "alllowercaseletters")
    with pytest.raises(AuthenticationError, match="原密码不正确"):
        svc.change_password("new1", "nope", "Better-pass-2026")
    with pytest.raises(AuthenticationError, match="不能与原密码相同"):
        svc.change_password("new1", "Temp-pass-001", "Temp-pass-001")
    svc.change_password("new1", "Temp-pass-001", "Better-pass-2026")
    assert not svc.sign_in("new1", "Better-pass-2026").must_change_password
    with pytest.raises(AuthenticationError):
        svc.sign_in("new1", "Temp-pass-001")
    (_t, p), = _events(accounts_store, "user.")
    assert p["password_hash"].startswith("$argon2id$") and "Better" not in json.dumps(p)


def test_an_expired_password_must_be_changed(accounts_store, clock) -> None:
    svc = AccountService(accounts_store, policy=lambda: PasswordPolicy(expiry_days=30))
    assert not svc.sign_in("clerk1", GOOD).must_change_password
    clock.t += 31 * DAY_MS
    result = svc.sign_in("clerk1", GOOD)
    assert result.must_change_password and "30 天" in result.reason


def test_unlock_is_recorded_and_uses_the_same_lockout(accounts_store) -> None:
    svc = AccountService(accounts_store)
    svc.lock_screen("clerk1", idle=True)
    svc.sign_in("clerk1", GOOD, unlock=True)
    svc.sign_out("clerk1")
    assert [t for t, _ in _events(accounts_store)] == [
        "session.locked", "session.unlocked", "signin.succeeded", "session.signed_out"]


def test_an_unknown_role_never_signs_in(accounts_store) -> None:
    with accounts_store.write() as uow:
        uow.session.add(User(id=new_id(), hall_id=HALL_ID, username="odd", display_name="怪", role="root",
                             password_hash=hash_password(GOOD)))
    svc = AccountService(accounts_store)
    with pytest.raises(ValidationError, match="角色“root”无效"):
        svc.sign_in("odd", GOOD)
    assert "odd" not in [a.username for a in svc.accounts()]


def test_a_long_typed_name_still_makes_a_valid_event(accounts_store) -> None:
    from desk_app.sync.protocol import WireEvent
    from desk_app.store.reducer import row_to_event
    svc = AccountService(accounts_store)
    name = "x" * 40
    for _ in range(2):
        with pytest.raises(AuthenticationError):
            svc.sign_in(name, "guess")
    assert svc.attempts(name).failures == 2
    with accounts_store.read() as s:
        rows = s.scalars(select(EventRow)).all()
    for r in rows:  # desk-central would refuse the whole push for one malformed event
        WireEvent(**row_to_event(r).to_dict())
