"""Complaints (办不成事) projection and the per-device daily case-number counter."""
from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.models.base import ID, Base


class Complaint(Base):
    """A report that something could not get done, folded from complaint events."""
    __tablename__ = "complaints"
    __table_args__ = (
        UniqueConstraint("hall_id", "number"),
        Index("ix_complaints_status_due", "hall_id", "status", "due_date"),
        Index("ix_complaints_recorded", "hall_id", "recorded_at_ms"),  # a period's complaints (reports)
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID)
    number: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    ticket_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    case_id: Mapped[str | None] = mapped_column(ID, nullable=True, index=True)
    case_number: Mapped[str] = mapped_column(String(40), default="")
    window_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recorded_at_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    due_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CaseCounter(Base):
    """Local, never replicated: the next case sequence of this device for one hall day (offline-safe numbers)."""
    __tablename__ = "case_counters"
    hall_id: Mapped[str] = mapped_column(ID, primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    device: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True, default="case")  # case | complaint
    next: Mapped[int] = mapped_column(Integer, default=1)
