"""Replication tables: desk-central's cursors, credentials, leases and uploads, and reference documents (both sides)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.models.base import ID, Base


class HallCursor(Base):
    """The last server sequence handed out in a hall. Locked (FOR UPDATE) while a push assigns sequences,
    so sequences become visible in commit order and a pull cursor never skips an event."""
    __tablename__ = "sync_hall_cursors"
    hall_id: Mapped[str] = mapped_column(ID, primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class DeviceCursor(Base):
    """The last device sequence the server has accepted (applied, duplicate, rejected or declared deferred)
    from a device, and the deferred sequences still to come (events waiting for their file upload)."""
    __tablename__ = "sync_device_cursors"
    device_id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID, index=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    # Sequences at or below last_seq the device declared deferred and has not sent yet, as a JSON list:
    # they are not gaps, and arrive late without being taken for reused numbers.
    deferred_seqs: Mapped[str] = mapped_column(Text, default="")
    last_seen_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    clock_offset_ms: Mapped[int] = mapped_column(BigInteger, default=0)  # device clock minus server clock


class EnrollmentCode(Base):
    """A one-time enrollment code (only its hash is kept) that binds a new PC to a hall and window."""
    __tablename__ = "sync_enrollment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID)
    window_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at_ms: Mapped[int] = mapped_column(BigInteger)
    expires_at_ms: Mapped[int] = mapped_column(BigInteger)
    used_by_device: Mapped[str] = mapped_column(ID, default="")
    used_at_ms: Mapped[int] = mapped_column(BigInteger, default=0)


class NumberCounter(Base):
    """Next unleased ticket number per hall, day and category (server side)."""
    __tablename__ = "sync_number_counters"
    hall_id: Mapped[str] = mapped_column(ID, primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    category: Mapped[str] = mapped_column(String(4), primary_key=True)
    next_start: Mapped[int] = mapped_column(Integer, default=1)


class NumberLease(Base):
    """A block of ticket numbers leased to one issuing PC (server side, for audit and re-delivery)."""
    __tablename__ = "sync_number_leases"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID, index=True)
    day: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(4))
    device_id: Mapped[str] = mapped_column(ID)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)  # inclusive
    leased_at_ms: Mapped[int] = mapped_column(BigInteger)


class ReferenceDoc(Base):
    """A published version of reference data (catalog, calendar, windows, users, printouts). hall_id "" = all halls.
    desk-central keeps every version; a PC keeps the versions it pulled."""
    __tablename__ = "reference_docs"
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    hall_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(60), default="")  # e.g. the catalog's own version string
    body: Mapped[Any] = mapped_column(JSON, default=dict)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    published_at_ms: Mapped[int] = mapped_column(BigInteger, default=0)


class BlobUpload(Base):
    """A resumable upload of a content-addressed file to desk-central."""
    __tablename__ = "sync_blob_uploads"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    # The PC's local copy no longer hashes to its name (disk corruption): not sent, the clerk re-scans.
    problem: Mapped[str] = mapped_column(String(40), default="", server_default="")


class BlobAccess(Base):
    """desk-central: a hall's own upload of a file, and its right to read it. The bytes are stored once,
    but a hall reads a file only after it sent those bytes itself: knowing a SHA-256 grants nothing."""
    __tablename__ = "sync_blob_access"
    hall_id: Mapped[str] = mapped_column(ID, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at_ms: Mapped[int] = mapped_column(BigInteger, default=0)


class Rejection(Base):
    """An event desk-central refused, with the reason; a re-push of the same id gets the same answer."""
    __tablename__ = "sync_rejections"
    event_id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID, index=True)
    device_id: Mapped[str] = mapped_column(ID)
    device_seq: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text)
    event: Mapped[str] = mapped_column(Text)  # the event as received, for audit
    at_ms: Mapped[int] = mapped_column(BigInteger)


class AuditChainHead(Base):
    """The newest link of a device's audit chain that desk-central has checked on push (server/audit.py)."""
    __tablename__ = "audit_chain_heads"
    device_id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID, default="")
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    chain: Mapped[str] = mapped_column(String(64), default="")
