"""Ticket numbers: handed out from blocks this PC holds for (hall, day, category)."""
from __future__ import annotations

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from desk_app.domain.ids import new_id
from desk_app.store.models import NumberBlock, Ticket


def take_number(session: Session, hall_id: str, day: str, category: str, device: str) -> int:
    """The next daily sequence number for the category; consumes it inside the caller's transaction."""
    block = session.execute(
        select(NumberBlock.id, NumberBlock.next, NumberBlock.end)
        .where(NumberBlock.hall_id == hall_id, NumberBlock.day == day,
               NumberBlock.category == category, NumberBlock.next <= NumberBlock.end)
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
