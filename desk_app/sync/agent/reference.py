"""Reference data (catalog, categories, windows, users, ...): pull every kind published in a newer version."""
from __future__ import annotations

import logging
from typing import Any, Callable

from sqlalchemy import func, select

from desk_app.store.database import Store
from desk_app.store.models.server import ReferenceDoc
from desk_app.store.reference_data import write_setup
from desk_app.sync.client import SyncClient

log = logging.getLogger(__name__)

CATALOG_VERSION_KEY = "catalog_version"

ReferenceHandler = Callable[[Store, str, Any], None]  # (store, version label, body)


def refresh(store: Store, client: SyncClient, handlers: dict[str, ReferenceHandler],
            now_ms: Callable[[], int]) -> list[str]:
    """Pull every reference kind whose published version is newer than ours; returns the kinds updated."""
    versions = client.reference_versions()
    with store.read() as s:
        have = dict(s.execute(select(ReferenceDoc.kind, func.max(ReferenceDoc.version))
                              .group_by(ReferenceDoc.kind)).all())
    done: list[str] = []
    for kind, version in sorted(versions.items()):
        if version <= have.get(kind, 0):
            continue
        doc = client.reference(kind)
        handler = handlers.get(kind)
        if handler is not None:
            try:
                handler(store, doc.label, doc.body)
            except Exception:  # noqa: BLE001 - one bad document must not stop pushes or other kinds
                # Not recorded as pulled, so it is tried again next round (a fixed version replaces it).
                log.exception("reference %s version %s could not be applied; kept the previous one",
                              kind, doc.version)
                continue
        with store.write() as uow:
            uow.session.merge(ReferenceDoc(kind=kind, hall_id="", version=doc.version, label=doc.label,
                                           body=doc.body, sha256=doc.sha256, published_at_ms=now_ms()))
        if kind == "catalog":
            store.set_meta(CATALOG_VERSION_KEY, doc.label)
        done.append(kind)
    return done


def _apply_setup(store: Store, _label: str, body: Any) -> None:
    """Categories, windows and users through the one writer local loading uses (settings and all; staff
    left out of a published list are disabled here too, so they cannot sign in offline)."""
    with store.write("reference") as uow:
        write_setup(uow.session, store.hall_id, body)


DEFAULT_HANDLERS: dict[str, ReferenceHandler] = {
    "categories": _apply_setup, "windows": _apply_setup, "users": _apply_setup,
}
