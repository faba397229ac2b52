"""The live hall overview's tables: acknowledged alerts (the supervisor's alert log) and the PCs' heartbeats."""
from __future__ import annotations

from sqlalchemy import BigInteger, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.models.base import ID, Base


class AlertAck(Base):
    __tablename__ = "alert_acks"
    __table_args__ = (Index("ix_alert_acks_day", "hall_id", "day"),)
    id: Mapped[str] = mapped_column(String(80), primary_key=True)  # the alert's key
    hall_id: Mapped[str] = mapped_column(ID)
    day: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(20), default="")
    subject: Mapped[str] = mapped_column(String(60), default="")
    text: Mapped[str] = mapped_column(String(300), default="")
    acknowledged_by: Mapped[str] = mapped_column(String(60), default="")
    at_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    note: Mapped[str] = mapped_column(String(200), default="")


class PcHeartbeatRow(Base):
    """A PC's latest heartbeat of one hour (projection of pc.heartbeat): the other PCs' online and clock alerts."""
    __tablename__ = "pc_heartbeats"
    __table_args__ = (Index("ix_pc_heartbeats_at", "hall_id", "at_ms"),)
    id: Mapped[str] = mapped_column(String(60), primary_key=True)  # the aggregate: <device>/<hour>
    hall_id: Mapped[str] = mapped_column(ID)
    device: Mapped[str] = mapped_column(ID)
    label: Mapped[str] = mapped_column(String(60), default="")
    at_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    clock_offset_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
