"""Queue categories, tickets (a projection of ticket events) and ticket-number blocks."""
from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.models.base import ID, Base


class QueueCategory(Base):
    __tablename__ = "queue_categories"
    __table_args__ = (UniqueConstraint("hall_id", "prefix"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID, index=True)
    prefix: Mapped[str] = mapped_column(String(4))
    name: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Ticket(Base):
    """The current state of one ticket, folded from its events. ``number`` is a label, ``id`` the identity."""
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("hall_id", "day", "number"),
        Index("ix_tickets_open", "hall_id", "day", "status"),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID)
    day: Mapped[str] = mapped_column(String(10))  # ISO date of issue, hall-local
    category: Mapped[str] = mapped_column(String(4))  # prefix
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    priority_group: Mapped[str] = mapped_column(String(20), default="")
    appointment_id: Mapped[str | None] = mapped_column(String(60), nullable=True)
    issued_at_ms: Mapped[int] = mapped_column(BigInteger)
    issued_hlc: Mapped[str] = mapped_column(String(80), default="")
    issued_device: Mapped[str] = mapped_column(ID, default="")
    window_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    clerk: Mapped[str] = mapped_column(String(60), default="")
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the rest of the folded state


class NumberBlock(Base):
    """A block of daily ticket numbers this PC may hand out: leased from desk-central or device-scoped."""
    __tablename__ = "number_blocks"
    __table_args__ = (Index("ix_number_blocks_key", "hall_id", "day", "category"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID)
    day: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(4))
    device: Mapped[str] = mapped_column(ID, default="")
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)  # inclusive
    next: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10), default="local")  # local | lease | device
