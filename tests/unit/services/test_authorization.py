"""Authorization in the services: each use case refused for a role (or window) that may not run it, and
nothing written when it is; the permission table covers every event type."""
from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import func, select, update

from desk_app.domain import intake as d
from desk_app.domain.errors import PermissionDenied
from desk_app.domain.events import known_event_types
from desk_app.domain.permissions import ALLOWED
from desk_app.domain.queue import QueueConfig
from desk_app.server.core import load_event_types
from desk_app.services.authorization import Actor, AuthorizedStore
from desk_app.services.intake import IntakeService
from desk_app.services.queue import QueueService
from desk_app.services.rating import RatingService
from desk_app.store.database import Store
from desk_app.store.models import EventRow, QueueCategory, Window
from tests.conftest import HALL_ID
from tests.intake_support import PERSON, Clock, add_item, seed_hall


@pytest.fixture
def hall(data_dir):
    s = Store.open(data_dir / "pc1.db", now_ms=Clock(datetime(2026, 11, 23, 9, 30)))
    s.set_meta("hall_id", HALL_ID)
    seed_hall(s)
    add_item(s, "X001", "个体工商户设立登记", promised=3, materials=[{"name": "申请书"}])
    with s.read() as r:
        have = set(r.scalars(select(Window.number)))
        cats = set(r.scalars(select(QueueCategory.prefix)))
    with s.write() as uow:
        if "A" not in cats:
            uow.session.add(QueueCategory(id="cat-a", hall_id=HALL_ID, prefix="A", name="综合", sort_order=1))
        for n in (1, 2, 3):
            if n not in have:
                uow.session.add(Window(id=f"w{n}", hall_id=HALL_ID, number=n, name=f"{n}号", categories=["A"]))
        uow.session.flush()
        uow.session.execute(update(Window).where(Window.number == 3).values(tidal=True))
    yield s
    s.close()


def _as(store, username, role, window=None):
    return AuthorizedStore(store, Actor(username, role, window))


def _count(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(EventRow))


def test_every_event_type_has_its_roles() -> None:
    load_event_types()  # every domain module registered
    assert set(known_event_types()) - set(ALLOWED) == set()


def test_only_a_supervisor_switches_a_tidal_window(hall) -> None:
    clerk = QueueService(_as(hall, "clerk1", "clerk", 3), QueueConfig(), actor="clerk1")
    before = _count(hall)
    with pytest.raises(PermissionDenied, match="只有值班长可以"):
        clerk.switch_categories(3, ["A"])
    assert _count(hall) == before  # refused before anything was written
    sup = QueueService(_as(hall, "super1", "supervisor"), QueueConfig(), actor="super1")
    assert sup.switch_categories(3, ["A"]).number == 3


def test_a_guide_issues_tickets_but_does_not_call_them(hall) -> None:
    guide = QueueService(_as(hall, "guide1", "guide"), QueueConfig(), actor="guide1")
    guide.issue("A", handed_out=True)
    with pytest.raises(PermissionDenied, match="导办（guide1）无权执行“ticket.called”"):
        guide.call_next(1)


def test_an_admin_does_no_queue_or_case_work(hall) -> None:
    admin = QueueService(_as(hall, "admin1", "admin"), QueueConfig(), actor="admin1")
    with pytest.raises(PermissionDenied):
        admin.issue("A")
    with pytest.raises(PermissionDenied):
        IntakeService(_as(hall, "admin1", "admin"), actor="admin1").open_case(item_codes=["X001"])


def test_a_clerk_cannot_work_or_decide_at_a_window_not_theirs(hall) -> None:
    mine = IntakeService(_as(hall, "clerk1", "clerk", 1), actor="clerk1", window_number=1)
    case = mine.open_case(item_codes=["X001"]).case
    mine.set_applicant(case.id, PERSON)
    mine.check_material(case.id, case.materials[0]["material_id"], d.RECEIVED, form=d.ORIGINAL, copies=1)
    # the same clerk, with services bound to window 2 (a changed screen, a forged call)
    other = IntakeService(_as(hall, "clerk1", "clerk", 1), actor="clerk1", window_number=2)
    before = _count(hall)
    with pytest.raises(PermissionDenied, match="在 1号窗口工作，不能在 2号窗口办理"):
        other.decide(case.id, d.ACCEPT)
    assert _count(hall) == before
    QueueService(hall, QueueConfig()).issue("A", handed_out=True)
    queue = QueueService(_as(hall, "clerk1", "clerk", 1), QueueConfig(), actor="clerk1")
    with pytest.raises(PermissionDenied, match="不能在 2号窗口"):
        queue.call_next(2)
    assert mine.decide(case.id, d.ACCEPT).outcome == d.ACCEPT


def test_only_a_supervisor_closes_a_follow_up(hall) -> None:
    clerk_store = _as(hall, "clerk1", "clerk", 1)
    intake = IntakeService(clerk_store, actor="clerk1", window_number=1)
    case = intake.open_case(item_codes=["X001"]).case
    intake.set_applicant(case.id, PERSON)
    intake.check_material(case.id, case.materials[0]["material_id"], d.RECEIVED, form=d.ORIGINAL, copies=1)
    intake.decide(case.id, d.ACCEPT)
    ratings = RatingService(clerk_store, actor="clerk1", window_number=1)
    req = ratings.request(case.id)
    ratings.submit(req.id, level=1, reasons=["slow"])  # the applicant rates on the clerk's PC
    with pytest.raises(PermissionDenied, match="只有值班长可以"):
        ratings.follow_up(req.id, "已回访", rectified=True)
    sup = RatingService(_as(hall, "super1", "supervisor"), actor="super1")
    assert sup.follow_up(req.id, "已回访，整改完成", rectified=True).follow_status == "rectified"


def test_a_user_acts_only_under_their_own_name(hall) -> None:
    QueueService(hall, QueueConfig()).issue("A", handed_out=True)
    queue = QueueService(_as(hall, "clerk1", "clerk", 1), QueueConfig(), actor="clerk1")
    with pytest.raises(PermissionDenied, match="操作人“clerk2”与登录用户“clerk1”不符"):
        queue.call_next(1, actor="clerk2")


def test_an_unknown_role_gets_no_store(hall) -> None:
    from desk_app.domain.errors import ValidationError
    with pytest.raises(ValidationError, match="角色“root”无效"):
        _as(hall, "x", "root")
