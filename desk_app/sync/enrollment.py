"""Enrolling a PC with desk-central (one-time code for a device credential) and starting its sync threads."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from desk_app.store import numbering
from desk_app.store.database import Store
from desk_app.store.pii_migration import install_hall_key
from desk_app.sync.client import SyncClient, save_credential

if TYPE_CHECKING:
    from desk_app.store.blobs import BlobStore
    from desk_app.sync.agent import SyncAgent
    from desk_app.sync.uploads import Uploader


@dataclass(frozen=True)
class Enrollment:
    hall_id: str
    device_index: int
    window_number: int | None
    credential_path: Path


ENROLL_CLOCK_ROUND_TRIP_MS = 5_000  # a slower enrollment says little about the clock: the agent measures it


def enroll_pc(store: Store, client: SyncClient, code: str, data_dir: Path, name: str = "") -> Enrollment:
    """Enroll this PC as the new device desk-central makes for the code; the credential file is readable
    by the owner only. The PC takes the device id the server gave (its not yet pushed events move to it)."""
    t0 = store.raw_now_ms()
    resp = client.enroll(code, store.device_id, name)
    t1 = store.raw_now_ms()
    store.adopt_device_id(resp.device_id, resp.hall_id)
    if resp.server_time_ms is not None and t1 - t0 < ENROLL_CLOCK_ROUND_TRIP_MS:
        # A PC whose clock is hours off must not lease numbers and issue tickets for another hall day
        # before its agent's first exchange measures the offset precisely (the agent refines it).
        store.set_clock_offset((t0 + t1) // 2 - resp.server_time_ms)
    if resp.data_key:  # the hall's data key: every PC of the hall opens what the others sealed
        install_hall_key(store, data_dir, bytes.fromhex(resp.data_key))
    path = save_credential(data_dir, resp.token)
    store.set_meta("hall_id", resp.hall_id)
    store.set_meta(numbering.DEVICE_INDEX_KEY, str(resp.device_index))
    store.set_meta(numbering.MODE_KEY, "leased")
    store.set_meta("sync_epoch", resp.epoch)
    if resp.window_number is not None:
        store.set_meta("window_number", str(resp.window_number))
    return Enrollment(resp.hall_id, resp.device_index, resp.window_number, path)


@dataclass
class SyncRuntime:
    """The running sync of one PC: stop() it on shutdown. It returns promptly: a push or a chunk upload
    in flight is finished, a long poll in flight is abandoned (see SyncAgent.stop)."""
    agent: "SyncAgent"
    uploader: "Uploader | None"

    def stop(self) -> None:
        self.agent.stop()
        if self.uploader is not None:
            self.uploader.stop()
        self.agent.client.close()


def start_sync(store: Store, data_dir: Path, server_url: str, *, blobs: "BlobStore | None" = None,
               verify: "bool | str" = True, **agent_kw) -> SyncRuntime | None:
    """Start the agent (and the upload queue when ``blobs`` is given) for an enrolled PC; None if not enrolled.

    ``agent_kw`` go to SyncAgent, e.g. ``on_conflict=widget.conflict_received.emit`` and
    ``reference_handlers={"catalog": ...}`` (the composition root supplies what sync may not import).
    """
    from desk_app.sync.agent import SyncAgent
    from desk_app.sync.client import load_credential
    from desk_app.sync.uploads import Uploader
    token = load_credential(data_dir)
    if not token or not server_url:
        return None
    client = SyncClient(server_url, token, verify=verify)
    agent = SyncAgent(store, client, **agent_kw)
    uploader = None
    if blobs is not None:
        blobs.fetcher = client.blob_content  # scans made at other windows, fetched when first opened
        uploader = Uploader(store, client, blobs, on_acked=lambda _sha: agent.sync_now(),
                            on_problem=agent.report_blob_problem)
        agent.uploader = uploader
        uploader.start()
    agent.start()
    return SyncRuntime(agent, uploader)
