"""Signing in: right password, wrong password, unknown or disabled user."""
from __future__ import annotations

import pytest

from desk_app.domain.errors import ValidationError
from desk_app.domain.ids import new_id
from desk_app.services.accounts import AccountService, hash_password
from desk_app.store.models import User
from tests.conftest import HALL_ID


def test_sign_in(store) -> None:
    with store.write() as uow:
        uow.session.add_all([
            User(id=new_id(), hall_id=HALL_ID, username="clerk1", display_name="王受理", role="clerk",
                 password_hash=hash_password("s3cret")),
            User(id=new_id(), hall_id=HALL_ID, username="gone", display_name="离职", role="clerk", active=False),
        ])
    svc = AccountService(store)
    assert svc.sign_in("clerk1", "s3cret").role == "clerk"
    with pytest.raises(ValidationError, match="密码不正确") as exc:
        svc.sign_in("clerk1", "wrong")
    assert exc.value.field == "password"
    for name in ("nobody", "gone"):
        with pytest.raises(ValidationError, match="没有这个用户"):
            svc.sign_in(name, "x")
    assert [a.username for a in svc.accounts()] == ["clerk1"]
