"""What every screen is given: the runner, the message bridge, settings, the services and the devices."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings

if TYPE_CHECKING:
    from desk_app.services.accounts import AccountService
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
    from desk_app.services.supervision import SupervisionService


@dataclass(frozen=True)
class SignedInUser:
    username: str
    display_name: str
    role: str  # guide | clerk | pickup | supervisor


class SyncLink(Protocol):
    """This PC's sync agent as the screens see it (ui may not import desk_app.sync)."""

    store: Any  # its store: the overview names this PC by ``store.device_id``

    def snapshot(self) -> Any: ...

    def sync_now(self) -> None: ...


@dataclass(frozen=True)
class ScreenServices:
    """The use cases of one signed-in user at one window (app_services.screen_services builds them).

    Every PC has all of them; which a role uses is decided by the screens its role opens (ui/windows.py), and
    what a role may change by the store under them (services/authorization.py)."""

    queue: QueueService
    appointments: AppointmentService
    intake: IntakeService
    rating: RatingService
    pickup: PickupService
    complaints: ComplaintService
    supervision: SupervisionService
    overview: OverviewService
    reports: ReportService
    catalog: CatalogService
    printing: PrintService
    accounts: AccountService
    audit: AuditService
    retention: RetentionService  # the personal-data purge (the supervisor's and the admin's screens)
    sync: SyncLink | None  # None: this PC runs without desk-central configured


@dataclass
class ScreenContext:
    runner: Runner
    bridge: MessageBridge
    settings: Settings
    services: ScreenServices
    devices: Any = None  # desk_app.devices.health.DeviceRegistry
    scan_router: Any = None  # desk_app.ui.devices.scan_router.ScanRouter: register(kinds, handler, owner=self)
    window_number: int | None = None
    user: SignedInUser = SignedInUser("demo", "演示用户", "clerk")
    hall_name: str = ""
    print_pipeline: Any = None  # desk_app.ui.printing.pipeline.PrintPipeline: every document goes through it
