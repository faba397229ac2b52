"""Identifiers: UUIDv7 strings, time-ordered, generated offline on any PC."""
from __future__ import annotations

import uuid_utils


def new_id() -> str:
    """A new UUIDv7 as its canonical 36-character string."""
    return str(uuid_utils.uuid7())


def id_timestamp_ms(value: str) -> int:
    """The Unix milliseconds embedded in a UUIDv7 string."""
    return int(value.replace("-", "")[:12], 16)
