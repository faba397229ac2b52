"""Service items (事项) and their materials, as imported from the catalog."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.models.base import ID, Base


class ServiceItem(Base):
    """One item of the implementation list. ``record`` holds the whole catalog record as imported."""
    __tablename__ = "service_items"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    item_code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(100), default="")
    sector: Mapped[str] = mapped_column(String(40), default="")
    item_type: Mapped[str] = mapped_column(String(10), default="promised")  # instant | promised
    legal_limit_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    promised_limit_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Space-separated pinyin variants (polyphonic characters give several), see domain/pinyin.py.
    initials: Mapped[str] = mapped_column(Text, default="")
    full_pinyin: Mapped[str] = mapped_column(Text, default="")
    catalog_version: Mapped[str] = mapped_column(String(40), default="")
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    seq: Mapped[int] = mapped_column(Integer, default=0)  # position in the published catalog, for stable lists
    record: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Material(Base):
    """A required material of a service item, with the catalog's requirements for it."""
    __tablename__ = "materials"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    service_item_id: Mapped[str] = mapped_column(ID, index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(200))
    deferrable: Mapped[bool] = mapped_column(Boolean, default=False)
    commitment_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    record: Mapped[dict[str, Any]] = mapped_column(default=dict)
