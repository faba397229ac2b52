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

from sqlalchemy import Connection, bindparam, func, insert, literal_column, select, update
from sqlalchemy.orm import Session

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError
from desk_app.domain.ids import new_id
from desk_app.domain.queue import format_number
from desk_app.store.fastsql import run
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


_B = NumberBlock.__table__
_T = Ticket.__table__
_M = Meta.__table__
# Built once: issuing a ticket is the hall's hottest write, and building statements costs more than running them.
_META = select(_M.c.value).where(_M.c.key == bindparam("key"))
_OPEN_BLOCKS = {
    sources: select(_B.c.id, _B.c.next, _B.c.end)
    .where(_B.c.hall_id == bindparam("hall_id"), _B.c.day == bindparam("day"),
           _B.c.category == bindparam("category"),
           # literal values: an IN list of bound values would be "expanding", which fastsql cannot run
           _B.c.source.in_([literal_column(f"'{src}'") for src in sources]), _B.c.next <= _B.c.end)
    .order_by(_B.c.start).limit(1)
    for sources in (("local",), ("lease", "device"))
}
_ADVANCE = update(_B).where(_B.c.id == bindparam("block_id")).values(next=bindparam("after"))
# The unique (hall_id, day, number) index answers this without scanning the day's tickets.
_NUMBER_USED = select(_T.c.id).where(_T.c.hall_id == bindparam("hall_id"), _T.c.day == bindparam("day"),
                                     _T.c.number == bindparam("number")).limit(1)


def _conn(session: Session | Connection) -> Connection:
    # Callers pass a unit of work's connection (hot path: no ORM session is made) or a session.
    return session.connection() if isinstance(session, Session) else session


def _meta(session: Session, key: str, default: str = "") -> str:
    value = run(_conn(session), _META, {"key": key}).scalar()
    return default if value is None else value


def _take_from(session: Session, sources: tuple[str, ...], hall_id: str, day: str,
               category: str) -> tuple[str, int] | None:
    row = run(_conn(session), _OPEN_BLOCKS[sources], {"hall_id": hall_id, "day": day,
                                                            "category": category}).first()
    return (row[0], row[1]) if row else None


def _advance(session: Session, block_id: str, seq: int) -> None:
    run(_conn(session), _ADVANCE, {"block_id": block_id, "after": seq + 1})


def take_number(session: Session, hall_id: str, day: str, category: str, device: str,
                mode: str | None = None) -> int:
    """The next daily sequence number for the category; consumes it inside the caller's transaction.

    ``mode`` is the numbering mode when the caller knows it (the store caches its settings); else it is read.
    """
    if (mode if mode is not None else _meta(session, MODE_KEY, "local")) != "leased":
        return _take_local(session, hall_id, day, category, device)
    conn = _conn(session)
    while True:
        found = _take_from(session, ("lease", "device"), hall_id, day, category)
        block_id, seq = found or _open_device_block(session, hall_id, day, category, device)
        _advance(session, block_id, seq)
        # Guard against a number already seen (e.g. a lease re-issued after the server was restored).
        used = run(conn, _NUMBER_USED, {"hall_id": hall_id, "day": day,
                                        "number": format_number(category, seq)}).first()
        if used is None:
            return seq


def _open_device_block(session: Session, hall_id: str, day: str, category: str,
                       device: str) -> tuple[str, int]:
    index = int(_meta(session, DEVICE_INDEX_KEY, "0"))
    opened = _conn(session).scalar(select(func.count()).select_from(NumberBlock).where(
        NumberBlock.hall_id == hall_id, NumberBlock.day == day, NumberBlock.category == category,
        NumberBlock.source == "device"))
    if opened >= len(DEVICE_TIERS):
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "类别 {category} 今日本机离线可用号码已用完。请恢复网络连接后再取号。"),
                            category=category,
                            field="category")
    start, end = device_range(index, opened)
    block_id = new_id()
    _conn(session).execute(insert(NumberBlock).values(
        id=block_id, hall_id=hall_id, day=day, category=category, device=device,
        start=start, end=end, next=start, source="device"))
    return block_id, start


def add_lease(session: Session, hall_id: str, day: str, category: str, device: str,
              start: int, end: int) -> None:
    """Record a block leased from desk-central."""
    _conn(session).execute(insert(NumberBlock).values(
        id=new_id(), hall_id=hall_id, day=day, category=category, device=device,
        start=start, end=end, next=start, source="lease"))


def leased_remaining(session: Session, hall_id: str, day: str, category: str) -> int:
    """Numbers still unused in this PC's leased blocks (the agent refills below half a block)."""
    return _conn(session).scalar(select(func.coalesce(func.sum(NumberBlock.end - NumberBlock.next + 1), 0)).where(
        NumberBlock.hall_id == hall_id, NumberBlock.day == day, NumberBlock.category == category,
        NumberBlock.source == "lease", NumberBlock.next <= NumberBlock.end)) or 0


def known_floor(session: Session, hall_id: str, day: str, category: str) -> int:
    """The highest leased-range number (1..4999) this PC holds in a lease or knows issued, by any PC.

    Sent with every lease request: desk-central restored from a backup has forgotten leases it handed
    out, and resumes above what the PCs report instead of leasing those numbers again.
    """
    conn = _conn(session)
    held = conn.scalar(select(func.max(NumberBlock.end)).where(
        NumberBlock.hall_id == hall_id, NumberBlock.day == day, NumberBlock.category == category,
        NumberBlock.source == "lease")) or 0
    issued = conn.scalar(select(func.max(Ticket.seq)).where(
        Ticket.hall_id == hall_id, Ticket.day == day, Ticket.category == category,
        Ticket.seq <= LEASE_LIMIT)) or 0
    return min(max(held, issued), LEASE_LIMIT)


def _take_local(session: Session, hall_id: str, day: str, category: str, device: str) -> int:
    found = _take_from(session, ("local",), hall_id, day, category)
    block_id, seq = found or _open_local_block(session, hall_id, day, category, device)
    _advance(session, block_id, seq)
    return seq


def _open_local_block(session: Session, hall_id: str, day: str, category: str, device: str) -> tuple[str, int]:
    # A PC that is the only issuer of its hall continues after the highest number it knows.
    used = _conn(session).scalar(select(func.max(Ticket.seq)).where(
        Ticket.hall_id == hall_id, Ticket.day == day, Ticket.category == category)) or 0
    block_id = new_id()
    _conn(session).execute(insert(NumberBlock).values(
        id=block_id, hall_id=hall_id, day=day, category=category, device=device,
        start=used + 1, end=999_999, next=used + 1, source="local"))
    return block_id, used + 1
