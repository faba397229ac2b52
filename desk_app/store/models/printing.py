"""Printed documents (numbered, archived) and the print log: projections of printout events."""
from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.models.base import ID, Base


class Printout(Base):
    """One numbered document. ``series`` is the issuing device's part of the number (offline-safe)."""
    __tablename__ = "printouts"
    __table_args__ = (
        # Not a unique constraint: numbers are unique by construction (device series), and a replica must
        # never refuse a pulled event because of a projection row.
        Index("ix_printouts_number", "hall_id", "number"),
        Index("ix_printouts_series", "hall_id", "year", "word", "series", "seq"),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(30))
    number: Mapped[str] = mapped_column(String(60))
    word: Mapped[str] = mapped_column(String(10), default="")
    year: Mapped[int] = mapped_column(Integer)
    series: Mapped[str] = mapped_column(String(10))
    seq: Mapped[int] = mapped_column(Integer)
    case_id: Mapped[str | None] = mapped_column(ID, nullable=True, index=True)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    created_at_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    created_by: Mapped[str] = mapped_column(String(60), default="")
    device: Mapped[str] = mapped_column(ID, default="")
    print_count: Mapped[int] = mapped_column(Integer, default=1)
    reprint_count: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the document's content (ID numbers masked)


class PrintLog(Base):
    """Each time a document went to a printer: kind, case, who, when, copies, which reprint."""
    __tablename__ = "print_log"
    id: Mapped[str] = mapped_column(ID, primary_key=True)  # the event id
    printout_id: Mapped[str] = mapped_column(ID, index=True)
    hall_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(30))
    number: Mapped[str] = mapped_column(String(60))
    case_id: Mapped[str | None] = mapped_column(ID, nullable=True, index=True)
    actor: Mapped[str] = mapped_column(String(60), default="")
    device: Mapped[str] = mapped_column(ID, default="")
    at_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    copies: Mapped[int] = mapped_column(Integer, default=1)
    reprint: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    printer: Mapped[str] = mapped_column(String(120), default="")
    # what the printer said about this print: "" not sent yet, sent, printed, failed, unknown
    job_state: Mapped[str] = mapped_column(String(12), default="")
    job_id: Mapped[str] = mapped_column(String(120), default="")
    job_message: Mapped[str] = mapped_column(String(300), default="")
