"""The first use case through the event path: rows and events together, numbering per category per day."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from desk_app.domain.errors import ValidationError
from desk_app.services.queue import issue_ticket
from desk_app.store.database import Store
from desk_app.store.models import EventRow, Ticket


def test_issue_ticket_writes_row_and_event_together(store: Store) -> None:
    with store.write("guide1") as uow:
        t = issue_ticket(uow, "A")
    with store.read() as s:
        row = s.get(Ticket, t.id)
        ev = s.scalars(select(EventRow)).one()
    assert row.number == "A001" and row.status == "waiting"
    assert ev.aggregate == f"ticket:{t.id}" and ev.type == "ticket.issued"
    assert ev.push_state == "pending" and ev.actor == "guide1" and ev.device_seq == 1
    assert json.loads(ev.payload)["number"] == "A001"


def test_numbers_are_per_category_and_never_repeat(store: Store) -> None:
    numbers = []
    for cat in "AABAB":
        with store.write() as uow:
            numbers.append(issue_ticket(uow, cat).number)
    assert numbers == ["A001", "A002", "B001", "A003", "B002"]


def test_failed_use_case_leaves_nothing_and_no_sequence_gap(store: Store) -> None:
    with pytest.raises(RuntimeError):
        with store.write() as uow:
            issue_ticket(uow, "A")
            raise RuntimeError("crash in the middle")
    with store.write() as uow:
        t = issue_ticket(uow, "A")
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == 1
        assert s.scalars(select(EventRow.device_seq)).all() == [1]
    assert t.number == "A001"


def test_unknown_category_is_a_clear_message(store: Store) -> None:
    with pytest.raises(ValidationError, match="没有业务类别"):
        with store.write() as uow:
            issue_ticket(uow, "Z")


def test_clock_and_sequence_survive_restart(store: Store, data_dir) -> None:
    with store.write() as uow:
        issue_ticket(uow, "A")
    last = store.clock.last
    store.close()
    reopened = Store.open(data_dir / "local.db", now_ms=lambda: last.wall_ms - 600_000)  # clock stepped back
    with reopened.write() as uow:
        issue_ticket(uow, "A")
    with reopened.read() as s:
        hlcs = s.scalars(select(EventRow.hlc).order_by(EventRow.device_seq)).all()
    assert hlcs[0] < hlcs[1]
    reopened.close()
