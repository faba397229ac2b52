"""Ticket-number leases: blocks of numbers per category per day, taken from desk-central while online."""
from __future__ import annotations

from sqlalchemy import select

from desk_app.store import numbering
from desk_app.store.database import Store
from desk_app.store.models import QueueCategory
from desk_app.sync.client import SyncClient


def leasing(store: Store) -> bool:
    """Whether this PC numbers tickets from leases (enrolled), not from its own device range."""
    return store.get_meta(numbering.MODE_KEY) == "leased"


def refill(store: Store, client: SyncClient, day: str, lease_size: int, *, report: bool) -> int:
    """Lease more numbers for every active category whose leased stock is below half a block; returns how
    many categories got a block. ``report`` (after a server restore): every category holding or having issued
    numbers asks too, so desk-central learns the highest number this PC knows of before it leases it again."""
    hall = store.hall_id
    with store.read() as s:
        cats = s.scalars(select(QueueCategory.prefix).where(QueueCategory.hall_id == hall,
                                                            QueueCategory.active.is_(True))).all()
        low = [c for c in cats if report or numbering.leased_remaining(s, hall, day, c) * 2 < lease_size]
        floors = {c: numbering.known_floor(s, hall, day, c) for c in low}
        if report:  # a category with nothing held or issued has nothing to tell, unless it is low
            low = [c for c in low if floors[c] or numbering.leased_remaining(s, hall, day, c) * 2 < lease_size]
    for c in low:
        got = client.lease(day, c, lease_size, floors[c])
        with store.write() as uow:
            numbering.add_lease(uow.session, hall, day, c, store.device_id, got.start, got.end)
    return len(low)
