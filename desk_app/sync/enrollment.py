"""Enrolling a PC with desk-central: trade the one-time code for a device credential and set up numbering."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk_app.store import numbering
from desk_app.store.database import Store
from desk_app.sync.client import SyncClient, save_credential


@dataclass(frozen=True)
class Enrollment:
    hall_id: str
    device_index: int
    window_number: int | None
    credential_path: Path


def enroll_pc(store: Store, client: SyncClient, code: str, data_dir: Path, name: str = "") -> Enrollment:
    """Enroll this PC (its device id stays); the credential file is readable by the owner only."""
    resp = client.enroll(code, store.device_id, name)
    path = save_credential(data_dir, resp.token)
    store.set_meta("hall_id", resp.hall_id)
    store.set_meta(numbering.DEVICE_INDEX_KEY, str(resp.device_index))
    store.set_meta(numbering.MODE_KEY, "leased")
    store.set_meta("sync_epoch", resp.epoch)
    if resp.window_number is not None:
        store.set_meta("window_number", str(resp.window_number))
    return Enrollment(resp.hall_id, resp.device_index, resp.window_number, path)
