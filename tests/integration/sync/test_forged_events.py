"""desk-central refuses pushed events whose actor may not do what they say, with the reason, and applies none."""
from __future__ import annotations

from sqlalchemy import select

from desk_app.domain import queue_windows as qw
from desk_app.domain.accounts import PASSWORD_CHANGED
from desk_app.store.passwords import hash_password
from desk_app.server import core
from desk_app.services import queue as qs
from desk_app.store.models import EventRow, User, Window
from desk_app.store.models.server import Rejection
from tests.integration.sync.conftest import make_pc

STAFF = {"users": [{"username": "clerk1", "display_name": "王受理", "role": "clerk"},
                   {"username": "super1", "display_name": "陈值班长", "role": "supervisor",
                    "password_hash": hash_password("Super-1-pass")}]}


def _window_id(store, number: int) -> str:
    with store.read() as s:
        return s.scalar(select(Window.id).where(Window.number == number))


def _results(pc) -> dict[str, tuple[str, str]]:
    with pc.store.read() as s:
        return {r.type: (r.push_state, r.push_result) for r in s.scalars(select(EventRow))}


def test_a_clerks_forged_supervisor_event_is_rejected_with_the_reason(central, tmp_path):
    core.publish_reference(central.db, "users", STAFF, hall=central.hall_id)
    pc = make_pc(central, tmp_path, "a", window=1)
    wid = _window_id(pc.store, 3)
    # The PC's own services would refuse this; a changed program writes it straight into its outbox.
    with pc.store.write("clerk1") as uow:
        uow.emit(qw.WINDOW_CATEGORIES_CHANGED, f"window:{wid}", {"number": 3, "categories": ["A"]})
    with pc.store.write("clerk1") as uow:
        qs.issue_ticket(uow, "A")  # a clerk may issue a ticket: applied
    pc.agent.push_all()
    with central.db.read() as s:
        assert s.scalars(select(EventRow.type)).all() == ["ticket.issued"]
        (why,) = s.scalars(select(Rejection.reason)).all()
    assert why.startswith("权限不符：") and "只有值班长可以" in why
    state, result = _results(pc)[qw.WINDOW_CATEGORIES_CHANGED]
    assert state == "rejected" and "只有值班长可以" in result


def test_an_unknown_actor_a_foreign_window_and_another_users_password_are_rejected(central, tmp_path):
    core.publish_reference(central.db, "users", STAFF, hall=central.hall_id)
    pc = make_pc(central, tmp_path, "a", window=1)
    with pc.store.write("clerk1") as uow:
        qs.issue_ticket(uow, "A")
    with pc.store.write("mallory") as uow:
        qs.issue_ticket(uow, "A")
    wid = _window_id(pc.store, 2)
    with pc.store.write("clerk1") as uow:  # the PC is enrolled for window 1
        uow.emit(qw.WINDOW_PAUSED, f"window:{wid}", {"number": 2, "window": 2, "reason": ""})
    with pc.store.write("clerk1") as uow:
        uow.emit(PASSWORD_CHANGED, "user:super1", {"password_hash": hash_password("Owned-by-clerk1"),
                                                   "changed_at_ms": 1})
    pc.agent.push_all()
    with central.db.read() as s:
        reasons = s.scalars(select(Rejection.reason).order_by(Rejection.device_seq)).all()
        applied = s.scalars(select(EventRow.actor)).all()
        super_hash = s.scalar(select(User.password_hash).where(User.username == "super1"))
    assert applied == ["clerk1"]
    assert "不是本大厅的工作人员" in reasons[0]
    assert "在 1号窗口工作，不能在 2号窗口办理" in reasons[1]
    assert "只能修改自己的密码" in reasons[2]
    from desk_app.store.passwords import verify_hash
    assert verify_hash(super_hash, "Super-1-pass")  # the forged password change was never applied
