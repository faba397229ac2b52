"""The demo hall's own desk-central: on SQLite, in this process, with the hall's reference data published."""
from __future__ import annotations

import json
import logging
import socket
import threading
from pathlib import Path
from typing import Any

from desk_app.app_services import Core
from desk_app.app_sync import SyncHandle, start_agent
from desk_app.paths import resources_dir

log = logging.getLogger(__name__)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    start_agent(core, url, handle)
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
