"""Cases (办件), their checklist, and ratings: projections of case and rating events."""
from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.models.base import ID, Base


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("hall_id", "case_number"),
        Index("ix_cases_status_due", "hall_id", "status", "due_date"),
        # a period's cases, covering the report's columns (store/report_rows.py)
        Index("ix_cases_opened", "hall_id", "opened_at_ms", "ticket_id", "window_number", "clerk", "status", "outcome",
              "notice_count", "accepted_on", "due_date", "completed_on", "extension_reason"),
        Index("ix_cases_applicant_index", "hall_id", "applicant_index"),  # a person's earlier cases
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID)
    case_number: Mapped[str] = mapped_column(String(40))
    ticket_id: Mapped[str | None] = mapped_column(ID, nullable=True, index=True)
    ticket_number: Mapped[str] = mapped_column(String(16), default="")
    status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20), default="")
    applicant_name: Mapped[str] = mapped_column(String(600), default="")  # sealed (store/pii.py)
    # HMAC-SM3 blind index of the applicant's resident ID: found by ID number without storing it in the clear
    applicant_index: Mapped[str] = mapped_column(String(64), default="", server_default="")
    item_codes: Mapped[list[str]] = mapped_column(default=list)
    catalog_version: Mapped[str] = mapped_column(String(40), default="")
    window_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    clerk: Mapped[str] = mapped_column(String(60), default="")
    opened_at_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    accepted_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    due_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    supplement_deadline: Mapped[str | None] = mapped_column(String(10), nullable=True)
    extension_reason: Mapped[str] = mapped_column(String(200), default="")
    item_names: Mapped[str] = mapped_column(String(400), default="")
    delivery_method: Mapped[str] = mapped_column(String(20), default="")
    conflict_count: Mapped[int] = mapped_column(Integer, default=0)  # unacknowledged conflicts
    notice_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # one-time notices
    completed_on: Mapped[str | None] = mapped_column(String(10), nullable=True)  # result ready / finished
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)


class CaseMaterial(Base):
    __tablename__ = "case_materials"
    __table_args__ = (UniqueConstraint("case_id", "material_id"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    case_id: Mapped[str] = mapped_column(ID, index=True)
    material_id: Mapped[str] = mapped_column(ID)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Rating(Base):
    __tablename__ = "ratings"
    __table_args__ = (Index("ix_ratings_follow", "hall_id", "follow_status", "follow_up_due"),
                      # a period's ratings, covering the report's columns (store/report_rows.py)
                      Index("ix_ratings_rated", "hall_id", "rated_at_ms", "status", "case_id", "window_number", "clerk",
                            "level", "follow_up_due", "rectified_on"))
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hall_id: Mapped[str] = mapped_column(ID)
    case_id: Mapped[str] = mapped_column(ID, index=True)
    case_number: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(12), default="requested")  # requested | pending | submitted
    window_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    clerk: Mapped[str] = mapped_column(String(60), default="")
    level: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1..5; None = pending rating
    reasons: Mapped[list[str]] = mapped_column(default=list)
    text: Mapped[str] = mapped_column(String(150), default="")
    rated_at_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    follow_up_due: Mapped[str | None] = mapped_column(String(10), nullable=True)
    follow_status: Mapped[str] = mapped_column(String(12), default="")  # "" | open | in_progress | rectified
    rectified_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)
