"""Queue categories, tickets, window states, queue days and appointments (projections of events), number blocks."""
from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Index, Integer, String, UniqueConstraint, text
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


_SPECIAL = ("status = 'waiting' AND NOT (priority_group = '' AND transferred_in IS {false} AND appt_slot_ms IS NULL"
            " AND comes_back IS {false} AND target_window IS NULL AND target_clerk = '')")


class Ticket(Base):
    """The current state of one ticket, folded from its events. ``number`` is a label, ``id`` the identity."""
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("hall_id", "day", "number"),
        # A day's tickets by status; the report columns after the key make it cover the reports' period scan
        # (store/report_rows.py) without a table lookup per ticket. They change only with the status, which
        # moves the entry anyway, so no write touches this index more often than before.
        Index("ix_tickets_open", "hall_id", "day", "status", "category", "window_number", "clerk", "issued_at_ms",
              "wait_ms", "service_ms", "transfers", "no_show"),
        # The waiting tickets with every column the calling order and the waiting counts read, so
        # call-next and issuing rank and count them from this small index alone (no table lookups).
        Index("ix_tickets_waiting", "hall_id", "day", "status", "category", "issued_at_ms", "issued_hlc", "priority_group",
              "target_window", "target_clerk", "comes_back", "transferred_in", "appt_slot_ms", "id",
              sqlite_where=text("status = 'waiting'"), postgresql_where=text("status = 'waiting'")),
        # The few waiting tickets that are not plain walk-ins (priority, transferred, appointment, held,
        # targeted): call-next ranks them by the full calling order without scanning every waiting ticket.
        # The condition is written exactly as services/queue.py's query states it, so SQLite can match it.
        Index("ix_tickets_special", "hall_id", "day", "status", "category", "issued_at_ms", "issued_hlc",
              "priority_group", "target_window", "target_clerk", "comes_back", "transferred_in", "appt_slot_ms", "id",
              sqlite_where=text(_SPECIAL.format(false="0")), postgresql_where=text(_SPECIAL.format(false="false"))),
        # Only called tickets: issuing a ticket then writes one index page less.
        Index("ix_tickets_calls", "hall_id", "day", "called_at_ms", sqlite_where=text("called_at_ms IS NOT NULL"),
              postgresql_where=text("called_at_ms IS NOT NULL")),
        {"sqlite_with_rowid": False},  # stored by id: no separate primary-key index to write
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
    # calling-order inputs (see domain/queue.py order_key), columns so call-next sorts in SQL
    appt_slot_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    transferred_in: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    target_window: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_clerk: Mapped[str] = mapped_column(String(60), default="", server_default="")
    comes_back: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))  # resumed after a hold
    called_at_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    started_at_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    finished_at_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    recall_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # report figures (domain/reports.py), folded once here so a month's statistics read columns, not history
    wait_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # issue to first call
    service_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # at the serving window
    transfers: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    no_show: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
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


class WindowState(Base):
    """A window's live state folded from window events: paused, and the tidal category override."""
    __tablename__ = "window_states"
    __table_args__ = (Index("ix_window_states_hall_number", "hall_id", "number"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)  # the window's id
    hall_id: Mapped[str] = mapped_column(ID)
    number: Mapped[int] = mapped_column(Integer)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    pause_reason: Mapped[str] = mapped_column(String(100), default="")
    categories: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)  # None: the profile's
    changed_by: Mapped[str] = mapped_column(String(60), default="")
    paused_at_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class QueueDay(Base):
    """One hall day of the queue: categories closed for the day, and the end-of-day close."""
    __tablename__ = "queue_days"
    __table_args__ = (UniqueConstraint("hall_id", "day"),)
    id: Mapped[str] = mapped_column(String(60), primary_key=True)  # "<hall>/<day>"
    hall_id: Mapped[str] = mapped_column(ID)
    day: Mapped[str] = mapped_column(String(10))
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_categories: Mapped[list[str]] = mapped_column(default=list)


class Appointment(Base):
    """A booked slot, checked in on arrival by its code."""
    __tablename__ = "appointments"
    __table_args__ = (Index("ix_appointments_code", "hall_id", "code"),
                      Index("ix_appointments_day", "hall_id", "day", "category", "slot_start_ms"),
                      Index("ix_appointments_external", "hall_id", "external_id"))
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID)
    code: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(4))
    day: Mapped[str] = mapped_column(String(10))
    slot_start_ms: Mapped[int] = mapped_column(BigInteger)
    slot_end_ms: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="booked")
    ticket_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    conflicts: Mapped[list[str]] = mapped_column(default=list)
    # sealed (store/pii.py): room for the ciphertext of the longest value the event schema allows
    name: Mapped[str] = mapped_column(String(600), default="")
    phone: Mapped[str] = mapped_column(String(160), default="")
    resident_id: Mapped[str] = mapped_column(String(160), default="")
    item_code: Mapped[str] = mapped_column(String(40), default="")
    item_name: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(String(20), default="")
    external_id: Mapped[str] = mapped_column(String(64), default="")
