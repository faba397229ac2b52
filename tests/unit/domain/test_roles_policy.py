"""Roles are validated, never mapped; the password policy says what is wrong."""
from __future__ import annotations

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.domain.password_policy import DAY_MS, PasswordPolicy
from desk_app.domain.roles import ROLES, validate_role, validate_users


def test_five_roles() -> None:
    assert set(ROLES) == {"guide", "clerk", "pickup", "supervisor", "admin"}
    for role in ROLES:
        assert validate_role(role) == role


@pytest.mark.parametrize("bad", ["", "Supervisor", "root", None, 3, "clerk "])
def test_an_unknown_role_is_refused(bad) -> None:
    with pytest.raises(ValidationError, match="角色.*无效") as exc:
        validate_role(bad, username="x")
    assert exc.value.field == "role"


def test_a_user_list_is_checked_whole() -> None:
    ok = [{"username": "a", "role": "clerk"}, {"username": "b", "role": "admin"}]
    assert validate_users(ok) == ok
    for bad in ([{"username": "a"}], [{"role": "clerk"}], [{"username": "a", "role": "clerk"}] * 2, {"a": 1}):
        with pytest.raises(ValidationError):
            validate_users(bad)


def test_policy() -> None:
    p = PasswordPolicy(min_length=10, min_classes=3, expiry_days=90)
    assert p.problems("Window-5-pass") == []
    assert any("至少 10 个字符" in x for x in p.problems("Ab1-"))
    assert any("可加上：大写字母、符号" in x for x in p.problems("lowercase123"))
    assert any("用户名" in x for x in p.problems("Clerk1-Password", username="clerk1"))
    assert not p.expired(0, 10 ** 13)  # unknown change time: the account's own flag decides
    assert p.expired(1, 1 + 91 * DAY_MS) and not p.expired(1, 1 + 89 * DAY_MS)
    assert not PasswordPolicy(expiry_days=0).expired(1, 10 ** 13)
