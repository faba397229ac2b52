"""Halls, windows, users, devices, the event log (outbox), attachments and the persisted clock."""
from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.models.base import ID, Base


class Hall(Base):
    __tablename__ = "halls"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    department: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Window(Base):
    """A service counter. ``kind``: general, sector, pickup, complaint. ``categories``: the window profile."""
    __tablename__ = "windows"
    __table_args__ = (UniqueConstraint("hall_id", "number"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID, index=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(60), default="")
    kind: Mapped[str] = mapped_column(String(20), default="general")
    categories: Mapped[list[str]] = mapped_column(default=list)  # category prefixes, in serving order
    tidal: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    profile: Mapped[dict[str, Any]] = mapped_column(default=dict)


class User(Base):
    """A lobby guide, clerk, pickup clerk, supervisor or admin (domain.roles). ``role`` decides the screens
    and what the services let the user do. A user left out of a later publish is disabled, not deleted:
    their old events keep naming them."""
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("hall_id", "username"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID, index=True)
    username: Mapped[str] = mapped_column(String(40))
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(20))  # guide, clerk, pickup, supervisor, admin
    password_hash: Mapped[str] = mapped_column(String(200), default="")  # Argon2id; "" only in the demo hall
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_changed_at_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)


class Device(Base):
    """A PC enrolled in a hall. ``device_index`` scopes offline ticket numbers."""
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID, index=True)
    name: Mapped[str] = mapped_column(String(60), default="")
    window_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    device_index: Mapped[int] = mapped_column(Integer, default=0)
    credential_hash: Mapped[str] = mapped_column(String(200), default="")
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    info: Mapped[dict[str, Any]] = mapped_column(default=dict)


class EventRow(Base):
    """The event log. On a PC it is also the outbox: local events with ``push_state`` pending.

    Every index is a page each event writes, so there is none on hlc: the clock restarts from the device's
    last event and the ``hlc_seen`` setting (see Store._load_clock).
    """
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("device", "device_seq"),
        Index("ix_events_aggregate_hlc", "aggregate", "hlc", "id"),
        Index("ix_events_push", "push_state", "device_seq"),
        Index("ix_events_hall_server_seq", "hall", "server_seq"),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall: Mapped[str] = mapped_column(ID)
    device: Mapped[str] = mapped_column(ID)
    device_seq: Mapped[int] = mapped_column(BigInteger)
    hlc: Mapped[str] = mapped_column(String(80))
    type: Mapped[str] = mapped_column(String(60))
    schema_version: Mapped[int] = mapped_column(Integer, default=1)
    actor: Mapped[str] = mapped_column(String(60), default="")
    aggregate: Mapped[str] = mapped_column(String(80))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON text, exactly as replicated
    recorded_at_ms: Mapped[int] = mapped_column(BigInteger)
    origin: Mapped[str] = mapped_column(String(10), default="local")  # local | remote
    # pending | acked | rejected (local events); "" for pulled ones
    push_state: Mapped[str] = mapped_column(String(10), default="pending")
    push_result: Mapped[str] = mapped_column(Text, default="")
    server_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    flags: Mapped[str] = mapped_column(String(100), default="")
    # SM3 link of the device's audit chain (store.audit_chain); "" on a PC for events pulled from others.
    chain: Mapped[str] = mapped_column(String(64), default="")


class Attachment(Base):
    """Metadata of a content-addressed file (scan, archived printout) stored under the data directory."""
    __tablename__ = "attachments"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(80), default="application/octet-stream")
    filename: Mapped[str] = mapped_column(String(200), default="")
    hall_id: Mapped[str] = mapped_column(ID, default="")
    case_id: Mapped[str | None] = mapped_column(ID, nullable=True, index=True)
    material_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    kind: Mapped[str] = mapped_column(String(30), default="scan")  # scan | printout
    created_at_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    upload_state: Mapped[str] = mapped_column(String(10), default="pending")  # pending | acked


class Meta(Base):
    """Small key/value facts about this database (device identity, hall, reference-data versions)."""
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
