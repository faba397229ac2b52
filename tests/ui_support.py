"""One ScreenServices factory for the UI tests: every service a screen may use, real, over a test store."""
from __future__ import annotations

from typing import Any

from desk_app.domain import queue as q
from desk_app.printing.renderer import TemplateRenderer
from desk_app.runtime.settings import Settings
from desk_app.services.audit import AuditService
from desk_app.services.catalog import CatalogService
from desk_app.services.complaints import ComplaintService
from desk_app.services.intake import IntakeService
from desk_app.services.overview import OverviewService
from desk_app.services.pickup import PickupService
from desk_app.services.printing import PrintService
from desk_app.services.queue import QueueService
from desk_app.services.queue.appointments import AppointmentService
from desk_app.services.rating import RatingService
from desk_app.services.reports import ReportService
from desk_app.services.retention import RetentionService
from desk_app.services.security_settings import account_service
from desk_app.services.supervision import SupervisionService
from desk_app.ui.context import ScreenServices


def screen_services(store: Any, *, actor: str = "clerk1", window_number: int | None = 1,
                    **overrides: Any) -> ScreenServices:
    """The services of ``actor`` at ``window_number`` on ``store`` (printing into the store's blob store with the
    packaged templates, no sync); ``overrides`` replace single ones, e.g. ``queue=QueueService(store, config)``."""
    built: dict[str, Any] = dict(
        queue=QueueService(store, q.QueueConfig(), actor=actor),
        appointments=AppointmentService(store, actor=actor),
        intake=IntakeService(store, actor=actor, window_number=window_number),
        rating=RatingService(store, actor=actor, window_number=window_number),
        pickup=PickupService(store, actor=actor, window_number=window_number),
        complaints=ComplaintService(store, actor=actor, window_number=window_number),
        supervision=SupervisionService(store),
        overview=OverviewService(store),
        reports=ReportService(store),
        catalog=CatalogService(store),
        printing=PrintService(store, renderer=TemplateRenderer()),
        accounts=account_service(store, Settings(None).get),
        audit=AuditService(store, actor=actor),
        sync=None,
        retention=RetentionService(store, actor=actor),
    )
    built.update(overrides)
    return ScreenServices(**built)
