"""Ticket numbering in leased mode: leases first, then the device's own ranges, never colliding."""
from __future__ import annotations

import pytest

from desk_app.domain.errors import ConflictError
from desk_app.store import numbering
from tests.conftest import HALL_ID


def test_device_ranges_do_not_overlap_and_stay_clear_of_leases():
    seen: set[int] = set()
    for idx in range(numbering.MAX_DEVICES):
        for tier in range(len(numbering.DEVICE_TIERS)):
            lo, hi = numbering.device_range(idx, tier)
            assert lo > numbering.LEASE_LIMIT
            r = set(range(lo, hi + 1))
            assert not (r & seen)
            seen |= r
    with pytest.raises(ValueError):
        numbering.device_range(numbering.MAX_DEVICES, 0)


def test_leased_mode_order_and_capacity(store):
    store.set_meta(numbering.MODE_KEY, "leased")
    store.set_meta(numbering.DEVICE_INDEX_KEY, "7")
    day = "2026-11-23"
    with store.write() as uow:
        numbering.add_lease(uow.session, HALL_ID, day, "A", store.device_id, 41, 42)
        got = [numbering.take_number(uow.session, HALL_ID, day, "A", store.device_id) for _ in range(4)]
        assert numbering.leased_remaining(uow.session, HALL_ID, day, "A") == 0
    assert got == [41, 42, 5700, 5701]
    with store.write() as uow:
        # a lease arriving later is used before the device range continues
        numbering.add_lease(uow.session, HALL_ID, day, "A", store.device_id, 61, 61)
        assert numbering.take_number(uow.session, HALL_ID, day, "A", store.device_id) == 61
        rest = [numbering.take_number(uow.session, HALL_ID, day, "A", store.device_id) for _ in range(98 + 1000)]
    assert rest[97] == 5799 and rest[98] == 17000 and rest[-1] == 17999
    with pytest.raises(ConflictError):
        with store.write() as uow:
            numbering.take_number(uow.session, HALL_ID, day, "A", store.device_id)
