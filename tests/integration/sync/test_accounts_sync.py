"""Staff accounts across PCs and desk-central: validated publishes, removed staff disabled, CLI, lockout seen."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from desk_app.domain.errors import AuthenticationError, ValidationError
from desk_app.store.passwords import hash_password
from desk_app.server import core
from desk_app.server.cli import main as central_main
from desk_app.server.users_admin import add_user, disable_user, reset_password
from desk_app.services.accounts import AccountService
from desk_app.store.models import EventRow, User
from desk_app.store.models.server import ReferenceDoc
from tests.integration.sync.conftest import make_pc, sync_round

PW = "Window-5-pass"


def _staff(*names: str, role: str = "clerk") -> dict:
    return {"users": [{"username": n, "display_name": n, "role": role, "password_hash": hash_password(PW)}
                      for n in names]}


def test_a_publish_with_an_unknown_role_is_refused_and_stores_nothing(central):
    with pytest.raises(ValidationError, match="角色“boss”无效"):
        core.publish_reference(central.db, "users", {"users": [{"username": "x", "role": "boss"}]},
                               hall=central.hall_id)
    with central.db.read() as s:
        assert s.scalar(select(ReferenceDoc).where(ReferenceDoc.kind == "users")) is None
        assert s.scalar(select(User)) is None


def test_staff_left_out_of_a_publish_are_disabled_and_cannot_sign_in_offline(central, tmp_path):
    core.publish_reference(central.db, "users", _staff("li", "wang"), hall=central.hall_id)
    a = make_pc(central, tmp_path, "a")
    a.agent.refresh_reference()
    svc = AccountService(a.store)
    assert svc.sign_in("wang", PW).account.role == "clerk"
    core.publish_reference(central.db, "users", _staff("li"), hall=central.hall_id)  # wang has left
    a.agent.refresh_reference()
    # the PC is offline from here on: the synced list alone decides
    with pytest.raises(AuthenticationError, match="已停用"):
        svc.sign_in("wang", PW)
    assert svc.sign_in("li", PW).account.username == "li"
    with a.store.read() as s:
        assert s.scalar(select(User.active).where(User.username == "wang")) is False
    with central.db.read() as s:
        assert s.scalar(select(User.active).where(User.username == "wang")) is False


def test_users_commands_add_disable_and_reset_a_password(central, tmp_path):
    _v, temp = add_user(central.db, central.hall_id, "zhao", "赵出件", "pickup")
    a = make_pc(central, tmp_path, "a")
    a.agent.refresh_reference()
    svc = AccountService(a.store)
    first = svc.sign_in("zhao", temp)
    assert first.must_change_password
    svc.change_password("zhao", temp, "Pickup-8-window")
    sync_round(a)
    with central.db.read() as s:  # the new hash reached desk-central through the event
        row = s.scalar(select(User).where(User.username == "zhao"))
        assert row.password_hash.startswith("$argon2id$") and not row.must_change_password
    b = make_pc(central, tmp_path, "b")
    b.agent.refresh_reference()
    sync_round(a, b)
    assert not AccountService(b.store).sign_in("zhao", "Pickup-8-window").must_change_password
    _v, temp2 = reset_password(central.db, central.hall_id, "zhao")
    a.agent.refresh_reference()
    with pytest.raises(AuthenticationError, match="密码不正确"):
        svc.sign_in("zhao", "Pickup-8-window")
    assert svc.sign_in("zhao", temp2).must_change_password
    disable_user(central.db, central.hall_id, "zhao")
    a.agent.refresh_reference()
    with pytest.raises(AuthenticationError, match="已停用"):
        svc.sign_in("zhao", temp2)


def test_users_cli(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert central_main(["--db", db, "hall", "create", "--code", "HD", "--name", "大厅"]) == 0
    assert central_main(["--db", db, "users", "add", "qian", "--hall", "HD", "--role", "admin",
                         "--name", "钱管理员"]) == 0
    out = capsys.readouterr().out
    assert "初始密码：" in out and "系统管理员" in out
    assert central_main(["--db", db, "users", "reset-password", "qian", "--hall", "HD"]) == 0
    assert "临时密码：" in capsys.readouterr().out
    assert central_main(["--db", db, "users", "disable", "qian", "--hall", "HD"]) == 0
    assert central_main(["--db", db, "users", "disable", "nobody", "--hall", "HD"]) == 2
    assert "没有用户“nobody”" in capsys.readouterr().err
    assert central_main(["--db", db, "users", "add", "x", "--hall", "HD", "--role", "clerk",
                         "--password", "short"]) == 2
    assert "至少 10 个字符" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # argparse refuses an unknown role before anything runs
        central_main(["--db", db, "users", "add", "y", "--hall", "HD", "--role", "boss"])


def test_failed_sign_ins_and_the_lockout_reach_desk_central(central, tmp_path):
    core.publish_reference(central.db, "users", _staff("li"), hall=central.hall_id)
    a = make_pc(central, tmp_path, "a")
    a.agent.refresh_reference()
    svc = AccountService(a.store)
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            svc.sign_in("li", "wrong-guess")
    sync_round(a)
    with central.db.read() as s:
        types = s.scalars(select(EventRow.type).where(EventRow.device == a.store.device_id)).all()
    assert types.count("signin.failed") == 5 and types.count("signin.locked_out") == 1
    # the count is per PC: another PC of the hall still lets li sign in
    b = make_pc(central, tmp_path, "b")
    b.agent.refresh_reference()
    sync_round(a, b)
    assert AccountService(b.store).sign_in("li", PW).account.username == "li"
