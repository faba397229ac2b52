"""Composition root: builds the program from its parts, in this order.

1. Data directory and logging (``DESK_APP_DATA`` or the per-user data directory).
2. QApplication with the bundled CJK font, Qt's Chinese translations and the style sheet.
3. Store (migrations applied), blob store, settings.
4. Message bridge and runner; the store announces every commit through the bridge.
5. Services bound to the store.
6. Devices: real adapters from the settings, or simulators in the demo.
7. Sync agent (when a server is configured; the demo runs its own desk-central).
8. Windows: the screens of the signed-in role, the hall display and the applicant screen.
Shut-down runs the other way round.
"""
from __future__ import annotations

import logging
import logging.handlers
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable

from desk_app.paths import default_data_dir
from desk_app.runtime.bridge import MessageBridge
from desk_app.runtime.ops import Runner
from desk_app.runtime.settings import Settings
from desk_app.services import attachments
from desk_app.store.blobs import BlobStore
from desk_app.store.database import Store

log = logging.getLogger("desk_app")


def setup_logging(data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(data_dir / "desk_app.log", maxBytes=5_000_000,
                                                   backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(threadName)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


@dataclass
class Core:
    """Everything below the widgets; built without a QApplication event loop running."""

    data_dir: Path
    store: Store
    blobs: BlobStore
    settings: Settings
    bridge: MessageBridge
    runner: Runner
    services: SimpleNamespace = field(default_factory=SimpleNamespace)
    queue_config: Any = None  # a callable giving the queue configuration from the settings
    conflict_listeners: list[Callable[[Any], None]] = field(default_factory=list)  # sync conflict notices
    closers: list[Callable[[], Any]] = field(default_factory=list)

    def close(self) -> None:
        for fn in reversed(self.closers):
            try:
                fn()
            except Exception:  # shutting down: log and go on closing the rest
                log.exception("error while closing")
        self.runner.shutdown()
        self.store.close()


def build_core(data_dir: Path | None = None) -> Core:
    """Steps 3 to 5 of the start-up order (needs a QCoreApplication for the bridge's queued signals)."""
    from desk_app.store.files import make_private, private_umask
    from desk_app.store.pii_migration import unlock
    data_dir = data_dir or default_data_dir()
    private_umask()  # every file of the program from here on is 0600, every directory 0700
    data_dir.mkdir(parents=True, exist_ok=True)
    make_private(data_dir)  # and those an older version left readable by others
    store = Store.open(data_dir / "local.db", background_checkpoint=True)
    unlock(store, data_dir)  # the hall's data key: personal data sealed (store/pii_migration.py)
    blobs = BlobStore(data_dir / "blobs", cipher=store.cipher)  # scans sealed before they touch the disk
    attachments.configure(blobs)
    settings = Settings(data_dir / "settings.json")
    bridge = MessageBridge()
    store.add_commit_listener(bridge.publish_events)
    runner = Runner(bridge)
    core = Core(data_dir, store, blobs, settings, bridge, runner)
    core.services = build_services(core)
    return core


def build_services(core: Core) -> SimpleNamespace:
    """Step 5: one service object per area, all bound to the same store."""
    return SimpleNamespace(store_info=lambda: (core.store.device_id, core.store.hall_id))
