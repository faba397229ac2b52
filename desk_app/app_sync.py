"""Sync wiring for the program: the agent for the server this PC enrolled with, and the reference handlers."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk_app.app_services import Core


@dataclass
class SyncHandle:
    """What runs for sync on this PC; ``stop()`` ends it (agent, uploads and an embedded server)."""

    agent: Any = None
    uploader: Any = None
    server: Any = None
    server_thread: threading.Thread | None = None
    closers: list[Any] = field(default_factory=list)

    def stop(self) -> None:
        # The embedded server goes first: it ends the agent's long poll, so the agent stops at once.
        if self.server is not None:
            self.server.should_exit = True
            if self.server_thread is not None:
                self.server_thread.join(10)
        for part in (self.uploader, self.agent):
            if part is not None:
                part.stop()
        for fn in self.closers:
            fn()
        self.closers.clear()


def reference_handlers() -> dict[str, Any]:
    """Reference data sync may not apply itself (it may not import services): catalog, holiday table and the
    hall's settings (review body and court of the rejection decision)."""
    from desk_app.domain.catalog.io import catalog_from_dict
    from desk_app.services.calendar import save_published_table
    from desk_app.services.catalog import CatalogService
    from desk_app.services.reference import apply_hall_settings

    def catalog(store: Any, label: str, body: Any) -> None:
        parsed = catalog_from_dict(body)
        CatalogService(store).import_catalog(parsed.items, label or parsed.catalog_version)

    def calendar(store: Any, _label: str, body: Any) -> None:
        save_published_table(store, body)

    def settings(store: Any, _label: str, body: Any) -> None:
        apply_hall_settings(store, body)

    return {"catalog": catalog, "calendar": calendar, "settings": settings}


def start_agent(core: Core, url: str, handle: SyncHandle) -> None:
    """Start the agent and the uploads for ``url`` into ``handle`` (a CA file gone: offline, and told why)."""
    from desk_app.domain.errors import KnownError
    from desk_app.sync.enrollment import start_sync

    def conflict(notice: Any) -> None:
        # The status widget words it in Chinese for the clerk; it registers itself in core.conflict_listeners.
        for fn in list(core.conflict_listeners):
            fn(notice)

    try:
        runtime = start_sync(core.store, core.data_dir, url, blobs=core.blobs, on_conflict=conflict,
                             reference_handlers=reference_handlers(), heartbeat=True,
                             verify=core.settings.get("sync.ca_file") or True)
    except KnownError as exc:
        core.bridge.warning.emit(exc.message + "本机暂时离线工作。")
        return
    handle.agent, handle.uploader = runtime.agent, runtime.uploader
    handle.closers.append(runtime.agent.client.close)


def start_configured_sync(core: Core) -> SyncHandle:
    """Sync with the server in the settings, if this PC is enrolled; otherwise run on its own."""
    from desk_app.sync.client import load_credential

    url = core.settings.get("sync.server_url")
    handle = SyncHandle()
    if not url or not load_credential(core.data_dir):
        if url:
            core.bridge.warning.emit("本机尚未注册到同步服务器：请用 desk-app enroll 输入注册码。现在单机运行。")
        return handle
    start_agent(core, url, handle)
    return handle
