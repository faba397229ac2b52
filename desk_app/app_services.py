"""What the composition root builds below the widgets: the core, the shared services and each user's services."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from desk_app.paths import default_data_dir
from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings
from desk_app.store.blobs import BlobStore
from desk_app.store.database import Store
from desk_app.ui.context import ScreenServices, SyncLink

if TYPE_CHECKING:
    from desk_app.services.catalog import CatalogService
    from desk_app.services.overview import OverviewService
    from desk_app.services.printing import PrintService
    from desk_app.services.reports import ReportService

log = logging.getLogger("desk_app")


@dataclass(frozen=True)
class SharedServices:
    """The services every screen of a PC shares: one catalog search cache, one live overview, one printer."""

    catalog: CatalogService
    overview: OverviewService  # its memory is the hall's live state: one per PC
    reports: ReportService
    printing: PrintService
    sync: SyncLink | None  # None: this PC runs without desk-central configured


@dataclass
class Core:
    """Everything below the widgets; built without a QApplication event loop running."""

    data_dir: Path
    store: Store
    settings: Settings
    bridge: MessageBridge
    runner: Runner
    services: SharedServices | None = None  # step 6 of app.py's start-up, once sync has started
    conflict_listeners: list[Callable[[Any], None]] = field(default_factory=list)  # sync conflict notices

    @property
    def blobs(self) -> BlobStore:
        return self.store.blobs

    def close(self) -> None:
        self.runner.shutdown()
        self.store.close()


def build_core(data_dir: Path | None = None) -> Core:
    """Store (data key unlocked, blob store, migrations applied), settings, bridge and runner (needs a
    QCoreApplication for the bridge's queued signals)."""
    from desk_app.store.files import make_private, private_umask
    from desk_app.store.pii_migration import unlock
    data_dir = data_dir or default_data_dir()
    private_umask()  # every file of the program from here on is 0600, every directory 0700
    data_dir.mkdir(parents=True, exist_ok=True)
    make_private(data_dir)  # and those an older version left readable by others
    store = Store.open(data_dir / "local.db", background_checkpoint=True)
    unlock(store, data_dir)  # the hall's data key: personal data sealed (store/pii_migration.py)
    # scans sealed before they touch the disk; the attachment use cases reach it through their unit of work
    store.blobs = BlobStore(data_dir / "blobs", cipher=store.cipher)
    settings = Settings(data_dir / "settings.json")
    bridge = MessageBridge()
    store.add_commit_listener(bridge.publish_events)
    return Core(data_dir, store, settings, bridge, Runner(bridge))


def build_shared_services(core: Core, sync: SyncLink | None) -> SharedServices:
    from desk_app.printing.renderer import TemplateRenderer
    from desk_app.services.catalog import CatalogService
    from desk_app.services.overview import OverviewService
    from desk_app.services.printing import PrintService
    from desk_app.services.reference import hall_info
    from desk_app.services.reports import ReportService

    hall = hall_info(core.store)
    renderer = TemplateRenderer.for_hall(hall.code if hall else "", core.data_dir)
    return SharedServices(catalog=CatalogService(core.store), overview=OverviewService(core.store),
                          reports=ReportService(core.store), printing=PrintService(core.store, renderer=renderer),
                          sync=sync)


def screen_services(core: Core, *, actor: str, window_number: int | None, demo: bool = False,
                    role: str = "") -> ScreenServices:
    """The services one screen uses, bound to its user and window (the shared ones are the PC's).

    ``role``: the signed-in user's; the use cases run on a store that refuses what the role (or the window)
    does not allow (services/authorization.py). "" only for screens that change nothing (the hall display).
    ``demo``: password-less demo accounts may sign in (only `desk-app demo` passes True)."""
    from desk_app.domain.appointment_booking import SlotRules
    from desk_app.domain.queue import QueueConfig
    from desk_app.services.audit import AuditService
    from desk_app.services.authorization import Actor, AuthorizedStore
    from desk_app.services.calendar import hall_calendar
    from desk_app.services.complaints import ComplaintService
    from desk_app.services.intake import IntakeService
    from desk_app.services.pickup import PickupService
    from desk_app.services.queue import QueueService
    from desk_app.services.queue.appointments import AppointmentService
    from desk_app.services.rating import RatingService
    from desk_app.services.retention import RetentionService
    from desk_app.services.security_settings import account_service
    from desk_app.services.supervision import SupervisionService

    shared = core.services
    assert shared is not None, "build the shared services before a screen's"
    store = AuthorizedStore(core.store, Actor(actor, role, window_number)) if role else _ReadOnlyStore(core.store)
    get = core.settings.get
    return ScreenServices(
        queue=QueueService(store, lambda: QueueConfig.from_settings(get), actor=actor),
        appointments=AppointmentService(store, lambda: SlotRules.from_settings(get),
                                        calendar=lambda: hall_calendar(store), actor=actor),
        intake=IntakeService(store, actor=actor, window_number=window_number),
        rating=RatingService(store, actor=actor, window_number=window_number),
        pickup=PickupService(store, actor=actor, window_number=window_number),
        complaints=ComplaintService(store, actor=actor),
        supervision=SupervisionService(store),
        overview=shared.overview,
        reports=shared.reports,
        catalog=shared.catalog,
        printing=shared.printing,
        accounts=account_service(core.store, get, demo=demo),
        audit=AuditService(store, actor=actor),
        sync=shared.sync,
        retention=RetentionService(store, actor=actor),
    )


class _ReadOnlyStore:
    """The store for a screen nobody signed in to (the hall display): it reads, and refuses every write."""

    def __init__(self, store: Any):
        self._store = store

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def write(self, *_a: Any, **_kw: Any) -> Any:
        from desk_app.domain.errors import PermissionDenied
        raise PermissionDenied("此屏幕只用于显示，不能办理业务。请在窗口电脑上登录后操作。")
