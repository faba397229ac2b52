"""The event: the unit of replication, and the registry of event types with their schema versions."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError


@dataclass(frozen=True)
class EventType:
    name: str            # e.g. "ticket.issued"
    aggregate_kind: str  # e.g. "ticket": the projector that folds it
    schema_version: int = 1


_REGISTRY: dict[str, EventType] = {}


def register(name: str, aggregate_kind: str, schema_version: int = 1) -> EventType:
    """Declare an event type; each feature module registers the types it emits at import time."""
    known = _REGISTRY.get(name)
    if known and (known.aggregate_kind, known.schema_version) != (aggregate_kind, schema_version):
        raise ValueError(f"event type {name} registered twice with different shapes")
    et = EventType(name, aggregate_kind, schema_version)
    _REGISTRY[name] = et
    return et


def event_type(name: str) -> EventType:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "未知的事件类型：{name}。请升级本机程序后再同步。"), name=name, field="type") from None


def known_event_types() -> dict[str, EventType]:
    return dict(_REGISTRY)


@dataclass(frozen=True)
class Event:
    """One change. ``aggregate`` is "<kind>:<id>", the thing whose state the event changes."""

    id: str
    hall: str
    device: str
    device_seq: int
    hlc: str
    type: str
    schema_version: int
    actor: str
    aggregate: str
    payload: dict[str, Any] = field(default_factory=dict)
    chain: str = ""  # the device's audit chain link (store.audit_chain); "" where not known

    @property
    def aggregate_kind(self) -> str:
        return self.aggregate.split(":", 1)[0]

    @property
    def aggregate_id(self) -> str:
        return self.aggregate.split(":", 1)[1]

    @property
    def sort_key(self) -> tuple[str, str]:
        """Total order used by every fold: hybrid logical time, then id to break exact ties."""
        return (self.hlc, self.id)

    def to_dict(self) -> dict[str, Any]:
        # Shallow: dataclasses.asdict deep-copies the payload, which cost more than sending it.
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data or k != "chain"})

    def payload_json(self) -> str:
        return json.dumps(self.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def ordered(events: list[Event]) -> list[Event]:
    """Events in fold order, duplicates by id removed: the same list whatever order they arrived in."""
    unique = {e.id: e for e in events}
    return sorted(unique.values(), key=lambda e: e.sort_key)
