"""The first use case through the event path: rows and events together, numbering per category per day."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from desk_app.domain.errors import ValidationError
from desk_app.domain.events import Event
from desk_app.domain.ids import new_id
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


def _remote_event(store: Store, hlc: str) -> Event:
    return Event(id=new_id(), hall=store.hall_id, device="other-pc", device_seq=1, hlc=hlc,
                 type="ticket.issued", schema_version=1, actor="guide", aggregate=f"ticket:{new_id()}",
                 payload={"day": "2026-11-23", "category": "B", "seq": 1, "number": "B001",
                          "priority_group": "", "appointment_id": None, "issued_at_ms": 1, "handed_out": True})


@pytest.mark.parametrize("forget_seen", [False, True])
def test_after_a_restart_a_fast_pcs_stamps_still_bound_this_pcs_events(store: Store, data_dir,
                                                                       forget_seen: bool) -> None:
    """A PC two hours ahead: this PC's clock does not follow it (not even after a restart), but an event on
    the aggregate of its pulled event still sorts after it."""
    from desk_app.domain.hlc import MAX_ADOPT_AHEAD_MS, Timestamp
    from desk_app.store.models import Meta
    with store.write() as uow:
        issue_ticket(uow, "A")
    ahead = Timestamp(store.clock.last.wall_ms + 2 * 3600_000, 0, "other-pc").encode()
    remote = _remote_event(store, ahead)
    store.apply_remote([remote])
    store.close()
    if forget_seen:  # a database from before the hlc_seen setting: found by one scan
        s = Store.open(data_dir / "local.db")
        with s.write() as uow:
            uow.session.query(Meta).filter(Meta.key == "hlc_seen").delete()
        s.close()
    reopened = Store.open(data_dir / "local.db")
    with reopened.write() as uow:
        issue_ticket(uow, "A")
        uow.emit("ticket.handed_out", remote.aggregate, {"at_ms": reopened.now_ms()})
    with reopened.read() as s:
        mine = s.scalars(select(EventRow.hlc).where(EventRow.device == reopened.device_id)
                         .order_by(EventRow.device_seq)).all()
    assert Timestamp.decode(mine[-2]).wall_ms <= reopened.now_ms() + MAX_ADOPT_AHEAD_MS
    assert mine[-1] > ahead
    reopened.close()
