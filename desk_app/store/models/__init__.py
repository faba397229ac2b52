"""All tables, shared by the window PCs (SQLite) and desk-central (PostgreSQL or SQLite)."""
from desk_app.store.models.base import Base
from desk_app.store.models.core import (
    Attachment, Device, EventRow, Hall, Meta, User, Window,
)
from desk_app.store.models.catalog import Material, ServiceItem
from desk_app.store.models.queue import NumberBlock, QueueCategory, Ticket
from desk_app.store.models.intake import Case, CaseMaterial, Rating
from desk_app.store.models.intake_extra import CaseCounter, Complaint  # noqa: F401
from desk_app.store.models import server  # noqa: F401  (replication tables)
from desk_app.store.models import printing  # noqa: F401,E402  (printouts, print_log)
from desk_app.store.models import supervision  # noqa: F401,E402  (alert_acks)
from desk_app.store.models.accounts import SignInAttempt  # noqa: F401,E402
from desk_app.store.models.reports import ReportRollup  # noqa: F401,E402

__all__ = [
    "Base", "Attachment", "Device", "EventRow", "Hall", "Meta", "User", "Window",
    "Material", "ServiceItem", "NumberBlock", "QueueCategory", "Ticket", "Case", "CaseMaterial", "Rating",
]
