"""Ticket numbers: handed out from blocks this PC holds for (hall, day, category).

Two modes (Meta ``numbering_mode``):

* ``local`` (default, a PC with no desk-central): one open-ended block after the highest known number.
* ``leased`` (an enrolled PC): blocks leased from desk-central (numbers 1..4999, refilled by the sync
  agent while online); when they run out offline, the PC falls back to ranges only it may use:

  ========  =========================================  ==============================================
  tier      numbers                                    capacity per device, category and day
  ========  =========================================  ==============================================
  lease     1 .. 4999                                  as leased (the server never leases twice)
  device 1  5000 + device_index*100 + k, k < 100       100  (labels like A5123: still 5 characters)
  device 2  10000 + device_index*1000 + k, k < 1000    1000 (labels like A12345)
  ========  =========================================  ==============================================

  ``device_index`` (0..49) is unique in the hall (given at enrollment), so the ranges never collide:
  at most 50 enrolled PCs per hall, 1,100 offline tickets per PC, category and day beyond its leases.
  The unique constraint on tickets (hall, day, number) stays the last guard on both sides.
"""
from __future__ import annotations

from sqlalchemy import exists, func, insert, select, update
from sqlalchemy.orm import Session

from desk_app.domain.errors import ConflictError
from desk_app.domain.ids import new_id
from desk_app.store.models import Meta, NumberBlock, Ticket

MODE_KEY = "numbering_mode"
DEVICE_INDEX_KEY = "device_index"
LEASE_LIMIT = 4999
MAX_DEVICES = 50
DEVICE_TIERS = ((5000, 100), (10000, 1000))  # (base, span): range = base + index*span + k


def device_range(device_index: int, tier: int) -> tuple[int, int]:
    """The inclusive number range of a device in an offline tier."""
    if not 0 <= device_index < MAX_DEVICES:
        raise ValueError(f"device_index {device_index} outside 0..{MAX_DEVICES - 1}")
    base, span = DEVICE_TIERS[tier]
    start = base + device_index * span
    return start, start + span - 1


def _meta(session: Session, key: str, default: str = "") -> str:
    m = session.get(Meta, key)
    return m.value if m else default


def take_number(session: Session, hall_id: str, day: str, category: str, device: str) -> int:
    """The next daily sequence number for the category; consumes it inside the caller's transaction."""
    if _meta(session, MODE_KEY, "local") != "leased":
        return _take_local(session, hall_id, day, category, device)
    while True:
        block = session.execute(
            select(NumberBlock.id, NumberBlock.next, NumberBlock.end)
            .where(NumberBlock.hall_id == hall_id, NumberBlock.day == day,
                   NumberBlock.category == category, NumberBlock.source.in_(("lease", "device")),
                   NumberBlock.next <= NumberBlock.end)
            .order_by(NumberBlock.start).limit(1)
        ).first()
        if block is None:
            block_id, seq = _open_device_block(session, hall_id, day, category, device)
        else:
            block_id, seq = block.id, block.next
        session.execute(update(NumberBlock).where(NumberBlock.id == block_id).values(next=seq + 1))
        # Guard against a number already seen (e.g. a lease re-issued after the server was restored).
        if not session.scalar(select(exists().where(Ticket.hall_id == hall_id, Ticket.day == day,
                                                    Ticket.category == category, Ticket.seq == seq))):
            return seq


def _open_device_block(session: Session, hall_id: str, day: str, category: str,
                       device: str) -> tuple[str, int]:
    index = int(_meta(session, DEVICE_INDEX_KEY, "0"))
    opened = session.scalar(select(func.count()).select_from(NumberBlock).where(
        NumberBlock.hall_id == hall_id, NumberBlock.day == day, NumberBlock.category == category,
        NumberBlock.source == "device"))
    if opened >= len(DEVICE_TIERS):
        raise ConflictError(f"类别 {category} 今日本机离线可用号码已用完。请恢复网络连接后再取号。",
                            field="category")
    start, end = device_range(index, opened)
    block_id = new_id()
    session.execute(insert(NumberBlock).values(
        id=block_id, hall_id=hall_id, day=day, category=category, device=device,
        start=start, end=end, next=start, source="device"))
    return block_id, start


def add_lease(session: Session, hall_id: str, day: str, category: str, device: str,
              start: int, end: int) -> None:
    """Record a block leased from desk-central."""
    session.execute(insert(NumberBlock).values(
        id=new_id(), hall_id=hall_id, day=day, category=category, device=device,
        start=start, end=end, next=start, source="lease"))


def leased_remaining(session: Session, hall_id: str, day: str, category: str) -> int:
    """Numbers still unused in this PC's leased blocks (the agent refills below half a block)."""
    return session.scalar(select(func.coalesce(func.sum(NumberBlock.end - NumberBlock.next + 1), 0)).where(
        NumberBlock.hall_id == hall_id, NumberBlock.day == day, NumberBlock.category == category,
        NumberBlock.source == "lease", NumberBlock.next <= NumberBlock.end)) or 0


def _take_local(session: Session, hall_id: str, day: str, category: str, device: str) -> int:
    block = session.execute(
        select(NumberBlock.id, NumberBlock.next, NumberBlock.end)
        .where(NumberBlock.hall_id == hall_id, NumberBlock.day == day,
               NumberBlock.category == category, NumberBlock.source == "local",
               NumberBlock.next <= NumberBlock.end)
        .order_by(NumberBlock.start).limit(1)
    ).first()
    if block is None:
        block_id, seq = _open_local_block(session, hall_id, day, category, device)
    else:
        block_id, seq = block.id, block.next
    session.execute(update(NumberBlock).where(NumberBlock.id == block_id).values(next=seq + 1))
    return seq


def _open_local_block(session: Session, hall_id: str, day: str, category: str, device: str) -> tuple[str, int]:
    # A PC that is the only issuer of its hall continues after the highest number it knows.
    used = session.scalar(select(func.max(Ticket.seq)).where(
        Ticket.hall_id == hall_id, Ticket.day == day, Ticket.category == category)) or 0
    block_id = new_id()
    session.execute(insert(NumberBlock).values(
        id=block_id, hall_id=hall_id, day=day, category=category, device=device,
        start=used + 1, end=999_999, next=used + 1, source="local"))
    return block_id, used + 1
