"""Shared helpers of the intake tests: a small catalog written straight into the store, a fixed clock, and the
`clock` and `hall` fixtures (a test module imports them by name to use them)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import CHINA_TZ
from desk_app.store.database import Store
from desk_app.store.keys import KeyFile, open_cipher
from desk_app.store.models import Hall, Material, ServiceItem
from tests.conftest import HALL_ID

VALID_ID = "110101199003074477"      # check digit ok
VALID_ID_2 = "11010519491231002X"
AGENT_ID = "440524198001010013"
VALID_USCC = "91350100M000100Y43"
BAD_ID = "110101199003074478"       # last digit wrong


class Clock:
    """A settable wall clock (hall-local datetimes) for stores in tests."""

    def __init__(self, when: datetime):
        self.ms = int(when.replace(tzinfo=CHINA_TZ).timestamp() * 1000)

    def __call__(self) -> int:
        return self.ms

    def set(self, when: datetime) -> None:
        self.ms = max(self.ms, int(when.replace(tzinfo=CHINA_TZ).timestamp() * 1000))


@pytest.fixture
def clock() -> Clock:
    """Monday 23 November 2026, 9:30 in the hall."""
    return Clock(datetime(2026, 11, 23, 9, 30))


@pytest.fixture
def hall(data_dir, clock):
    """A window PC's store bound to the test hall (seeded with seed_hall), on ``clock``."""
    s = Store.open(data_dir / "pc1.db", now_ms=clock)
    s.set_meta("hall_id", HALL_ID)
    s.cipher = open_cipher(s, KeyFile(data_dir), create=True)  # as the program runs: personal data sealed
    seed_hall(s)
    yield s
    s.close()


def seed_hall(store: Store, code: str = "QD01") -> None:
    with store.write() as uow:
        if uow.session.get(Hall, store.hall_id) is None:
            uow.session.add(Hall(id=store.hall_id, code=code, name="青岛市市南区政务服务中心",
                                 department="市南区行政审批服务局", phone="0532-12345678",
                                 settings={"review_body": "市南区人民政府", "court": "市南区人民法院"}))


def add_item(store: Store, code: str, name: str, *, item_type: str = "promised", promised: int | None = 5,
             legal: int | None = 20, materials: list[dict[str, Any]] | None = None, retired: bool = False,
             initials: str = "", record: dict[str, Any] | None = None) -> list[str]:
    """Add a service item with its materials; returns the material ids in order (``record``: extra catalog
    fields, e.g. review_body and court)."""
    mats = materials if materials is not None else [{"name": "申请书"}, {"name": "身份证明"}]
    ids = []
    with store.write() as uow:
        item_id = new_id()
        uow.session.add(ServiceItem(
            id=item_id, item_code=code, name=name, department="市场监督管理局", sector="市场监管",
            item_type=item_type, legal_limit_days=legal, promised_limit_days=promised, initials=initials,
            full_pinyin="", catalog_version="2026.11", retired=retired,
            record={"legal_basis": "《市场主体登记管理条例》", "result_name": "营业执照",
                    "legal_limit": f"{legal}个工作日", "promised_limit": f"{promised}个工作日",
                    **(record or {})}))
        for seq, m in enumerate(mats, 1):
            mid = new_id()
            ids.append(mid)
            uow.session.add(Material(
                id=mid, service_item_id=item_id, seq=seq, name=m["name"], deferrable=m.get("deferrable", False),
                commitment_allowed=m.get("commitment_allowed", False),
                record={"material_type": "original", "copies": m.get("copies", 1), "paper_size": "A4",
                        "issuing_body": m.get("issuing_body", "申请人自备"), "required": True}))
    return ids


PERSON = {"kind": "person", "name": "张三", "resident_id": VALID_ID, "phone": "13800138000"}
