"""Sync wiring for the program: the demo's own desk-central on SQLite, or the server this PC enrolled with."""
from __future__ import annotations

import json
import logging
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk_app.app import Core
from desk_app.paths import resources_dir

log = logging.getLogger(__name__)


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def _start_agent(core: Core, url: str, handle: SyncHandle) -> None:
    from desk_app.sync.enrollment import start_sync

    def conflict(notice: Any) -> None:
        # The status widget words it in Chinese for the clerk; it registers itself in core.conflict_listeners.
        for fn in list(core.conflict_listeners):
            fn(notice)

    from desk_app.domain.errors import KnownError
    try:
        runtime = start_sync(core.store, core.data_dir, url, blobs=core.blobs, on_conflict=conflict,
                             reference_handlers=reference_handlers(), heartbeat=True,
                             verify=core.settings.get("sync.ca_file") or True)
    except KnownError as exc:  # a CA file gone or unreadable: the hall works offline and is told why
        core.bridge.warning.emit(exc.message + "本机暂时离线工作。")
        runtime = None
    if runtime is not None:
        handle.agent, handle.uploader = runtime.agent, runtime.uploader
        handle.closers.append(runtime.agent.client.close)
    core.services.sync = handle.agent


def start_demo_sync(core: Core, central_dir: Path) -> SyncHandle:
    """Run desk-central on a SQLite file in this process (loopback only) and sync the demo PC with it."""
    import uvicorn

    from desk_app.server.app import CentralServer, create_app
    from desk_app.server.core import ServerDB, create_enrollment_code, create_hall, publish_reference
    from desk_app.services.reference import hall_info
    from desk_app.store.engine import sqlite_url
    from desk_app.sync.client import SyncClient, load_credential
    from desk_app.sync.enrollment import enroll_pc

    central_dir.mkdir(parents=True, exist_ok=True)
    fresh = not (central_dir / "central.db").exists()
    db = ServerDB(sqlite_url(central_dir / "central.db"))
    hall = hall_info(core.store)
    assert hall is not None, "seed the demo hall before starting its sync"
    if fresh:
        # What a hall administrator does once: create the hall and publish its reference data.
        create_hall(db, hall.code, hall.name, hall_id=hall.id)
        setup = json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))
        publish_reference(db, "categories", {"categories": setup["categories"]}, hall=hall.id, label="演示")
        publish_reference(db, "windows", {"windows": setup["windows"]}, hall=hall.id, label="演示")
        publish_reference(db, "users", {"users": setup["users"]}, hall=hall.id, label="演示")
        publish_reference(db, "settings", setup["hall"].get("settings", {}), hall=hall.id, label="演示")
        catalog = json.loads((resources_dir() / "catalog" / "sample_catalog.json").read_text(encoding="utf-8"))
        publish_reference(db, "catalog", catalog, hall=hall.id, label=catalog.get("catalog_version", ""))
    _publish_demo_calendar(db, hall.id)
    port = _free_port()
    # A long poll is always in flight: the server answers it when stopping instead of waiting out its 20 s.
    server = CentralServer(uvicorn.Config(create_app("", central_dir / "blobs", db=db), host="127.0.0.1",
                                           port=port, log_level="warning", timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, name="demo-central", daemon=True)
    thread.start()
    handle = SyncHandle(server=server, server_thread=thread, closers=[db.dispose])
    for _ in range(200):
        if server.started:
            break
        thread.join(0.05)
    url = f"http://127.0.0.1:{port}"
    if load_credential(core.data_dir) is None:
        client = SyncClient(url)
        try:
            # No window: the demo PC plays every window of the hall, and desk-central checks a clerk's events
            # against the window a PC was enrolled for (server/authorization.py).
            code = create_enrollment_code(db, hall.id, None)
            enroll_pc(core.store, client, code, core.data_dir, name="演示电脑")
        finally:
            client.close()
    if fresh:
        book_online_demo(db, hall.id, url)
    _start_agent(core, url, handle)
    return handle


def book_online_demo(db: Any, hall_id: str, url: str) -> dict[str, Any] | None:
    """What an online booking system does: enroll once, then book through desk-central's API (the next free
    slot of category A, today or on the next working days). The PC pulls the booking like any other PC's event."""
    import httpx

    from datetime import datetime, timedelta

    from desk_app.domain.hlc import wall_clock_ms
    from desk_app.domain.ids import new_id
    from desk_app.domain.timeutil import local_datetime
    from desk_app.server.core import create_enrollment_code

    try:
        with httpx.Client(base_url=url, timeout=10) as http:
            code = create_enrollment_code(db, hall_id, None)
            token = http.post("/v1/enroll", json={"code": code, "device_id": new_id(),
                                                  "name": "演示网上预约系统"}).raise_for_status().json()["token"]
            auth = {"Authorization": f"Bearer {token}"}
            now = local_datetime(wall_clock_ms())
            for day in (now.date() + timedelta(days=n) for n in range(8)):  # the next working day with room
                slots = http.get("/v1/appointments/slots", params={"day": day.isoformat(), "category": "A"},
                                 headers=auth).raise_for_status().json()
                for s in slots:
                    if s["booked"] >= s["capacity"] or datetime.fromisoformat(s["slot_end"]) <= now:
                        continue
                    r = http.post("/v1/appointments", headers=auth, json={
                        "external_id": "DEMO-WEB-0001", "category": "A", "slot_start": s["slot_start"],
                        "name": "郑网约", "phone": "13800138005", "item_name": "个体工商户设立登记"})
                    if r.status_code == 200:
                        return r.json()
                    log.warning("the demo's online booking was refused: %s", r.text)
                    return None
    except (httpx.HTTPError, KeyError, ValueError):
        log.warning("the demo's online booking could not be made", exc_info=True)
    return None


# Not the State Council's arrangement (unknown when this was written): the statutory days alone
# (全国年节及纪念日放假办法, 2024), so the demo hall can accept long items in December. Real halls publish
# the official table (README, "Next year's holidays").
DEMO_CALENDAR_LABEL = "{year}（演示：仅法定节日当天，非国务院正式放假安排）"


def _publish_demo_calendar(db: Any, hall_id: str) -> None:
    """What the hall's IT does every year: publish this year's and next year's holidays, once."""
    from datetime import date

    from desk_app.domain.errors import ValidationError
    from desk_app.server.calendar import package_year_table, publish_calendar, published_table
    from desk_app.server.core import reference_versions

    if reference_versions(db, hall_id).get("calendar"):
        return
    this_year = date.today().year
    for year in (this_year, this_year + 1):
        if str(year) in published_table(db):
            continue
        try:
            publish_calendar(db, package_year_table(year), label=str(year))
        except ValidationError:
            demo = resources_dir() / "demo" / f"calendar-{year}.json"
            if demo.exists():
                publish_calendar(db, json.loads(demo.read_text(encoding="utf-8")),
                                 label=DEMO_CALENDAR_LABEL.format(year=year))


def start_configured_sync(core: Core) -> SyncHandle:
    """Sync with the server in the settings, if this PC is enrolled; otherwise run on its own."""
    from desk_app.sync.client import load_credential

    url = core.settings.get("sync.server_url")
    handle = SyncHandle()
    if not url or not load_credential(core.data_dir):
        if url:
            core.bridge.warning.emit("本机尚未注册到同步服务器：请用 desk-app enroll 输入注册码。现在单机运行。")
        core.services.sync = None
        return handle
    _start_agent(core, url, handle)
    return handle
