"""Report rollups: per day, hall, category, window and clerk, the sum of each measure (counts and time buckets)."""
from __future__ import annotations

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.models.base import ID, Base
from desk_app.store.models.intake_extra import Complaint


class ReportRollup(Base):
    """One measure's count in one group of one day (domain/report_rollup.py says what the measures are).

    Kept by the projections in the event's transaction; the primary key (hall and day first) is the index a
    period's report reads."""
    __tablename__ = "report_rollups"
    # SQLite: the rows stored in key order (no rowid), so a period's scan reads them in place (~30 % quicker)
    __table_args__ = {"sqlite_with_rowid": False}
    hall_id: Mapped[str] = mapped_column(ID, primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    category: Mapped[str] = mapped_column(String(4), primary_key=True)
    window_number: Mapped[int] = mapped_column(Integer, primary_key=True)  # -1: none (a key column cannot be NULL)
    clerk: Mapped[str] = mapped_column(String(60), primary_key=True)
    measure: Mapped[str] = mapped_column(String(24), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)  # a bucket, a date, an outcome, a level, ""
    n: Mapped[int] = mapped_column(BigInteger, default=0)


# A complaint's rollup follows its ticket's category (a transfer, or a ticket replicated after the complaint): found
# by this instead of a scan (cases.ticket_id and ratings.case_id are indexed already).
Index("ix_complaints_ticket", Complaint.__table__.c.ticket_id)
