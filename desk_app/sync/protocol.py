"""The replication protocol between a PC and desk-central: pydantic models for every request and answer."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from desk_app.domain.events import Event
from desk_app.store.event_schemas import MAX_JSON_INT, MAX_PAYLOAD_CHARS, json_problem  # noqa: F401 - re-exported

PROTOCOL_VERSION = 1
MAX_BATCH = 500               # events per push
MAX_DEFERRED = 2000           # sequence numbers a push may declare deferred (events waiting for a file)
# MAX_PAYLOAD_CHARS (one event's payload, as canonical JSON) comes from the event schemas: the PC checks
# it before storing an event, and desk-central refuses one oversized event alone (a rejection), not its batch.
MAX_BODY_BYTES = 8 * 1024 * 1024  # any request body (the ASGI middleware enforces it)
CHUNK_BYTES = 512 * 1024      # attachment upload chunk
ID_PATTERN = r"^[0-9a-fA-F-]{36}$"
MAX_SEQ = MAX_JSON_INT        # any sequence, cursor or time in the protocol: beyond it is not a real value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WireEvent(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    hall: str = Field(pattern=ID_PATTERN)
    device: str = Field(pattern=ID_PATTERN)
    device_seq: int = Field(ge=1, le=MAX_SEQ)
    hlc: str = Field(min_length=1, max_length=80, pattern=r"^\d{15}\.\d{5}\.[0-9a-fA-F-]{36}$")
    type: str = Field(min_length=1, max_length=60)
    schema_version: int = Field(ge=1, le=1000)
    actor: str = Field(default="", max_length=60)
    aggregate: str = Field(min_length=3, max_length=80, pattern=r"^[a-z_]+:.+$")
    payload: dict[str, Any] = Field(default_factory=dict)
    # The device's audit chain link (store.audit_chain); desk-central verifies it and flags a break.
    chain: str = Field(default="", pattern=r"^([0-9a-f]{64})?$")

    @field_validator("payload")
    @classmethod
    def _plain_json(cls, v: dict[str, Any]) -> dict[str, Any]:
        # What no correct PC sends (NaN, Infinity, a lone surrogate, a huge number, deep nesting) is a
        # malformed request (422); the payload's size and schema are checked per event (a rejection).
        why = json_problem(v)
        if why:
            raise ValueError(f"payload is not plain JSON: {why}")
        return v

    @field_validator("type", "actor", "aggregate")
    @classmethod
    def _utf8(cls, v: str) -> str:
        if json_problem(v):
            raise ValueError("not valid UTF-8 text")
        return v

    def to_event(self) -> Event:
        return Event(**self.model_dump())


class PushRequest(_Strict):
    protocol: int = PROTOCOL_VERSION
    sent_at_ms: int = Field(ge=0, le=MAX_SEQ)
    events: list[WireEvent] = Field(max_length=MAX_BATCH)
    # Device sequences below the batch's events that the PC holds back until their file is uploaded:
    # the server records them as deferred (not a gap) and accepts them when they come later.
    deferred: list[int] = Field(default_factory=list, max_length=MAX_DEFERRED)

    @field_validator("deferred")
    @classmethod
    def _positive(cls, v: list[int]) -> list[int]:
        if any(n < 1 or n > MAX_SEQ for n in v):
            raise ValueError("deferred sequence numbers are 1 to 2**53")
        return v


class PushResult(_Strict):
    id: str
    status: Literal["applied", "duplicate", "rejected"]
    reason: str = ""
    server_seq: int | None = None
    flags: str = ""


class PushResponse(_Strict):
    results: list[PushResult]
    # Set when the batch skipped ahead of the device's sequence: push again starting at this number.
    expected_seq: int | None = None
    epoch: str
    server_time_ms: int


class PulledEvent(WireEvent):
    server_seq: int
    flags: str = ""


class PullResponse(_Strict):
    events: list[PulledEvent]
    cursor: int        # pass back as ``since`` next time
    head: int          # newest committed sequence of the hall
    more: bool         # another page is waiting: pull again at once
    epoch: str
    server_time_ms: int
    # The event the PC named as the last it received (anchor) is not the server's event at that number:
    # the server's history is not the one the PC saw (restored), so the PC resyncs.
    diverged: bool = False


class OwnEventsResponse(_Strict):
    """What desk-central holds of the asking PC's own events (a PC restored from its own backup takes them back)."""
    events: list[PulledEvent]     # own events with device_seq > after, in device_seq order
    rejected: list[PushResult]    # own events refused with device_seq > after (reason in each)
    last_seq: int                 # the device cursor: every number up to it is used or deferred
    deferred: list[int]           # numbers declared deferred and not yet received
    next_after: int | None        # more to fetch: ask again with after=next_after


class StatusResponse(_Strict):
    epoch: str
    server_time_ms: int
    hall_id: str
    device_id: str
    device_index: int
    window_number: int | None
    device_last_seq: int
    head: int
    reference: dict[str, int]


class DeviceClock(_Strict):
    """A PC of the hall whose clock is off, by its offset as desk-central last measured it."""
    device_id: str
    name: str = ""
    window_number: int | None = None
    offset_ms: int  # the PC's clock minus desk-central's


class ClocksResponse(_Strict):
    devices: list[DeviceClock] = []


class EnrollRequest(_Strict):
    protocol: int = PROTOCOL_VERSION
    code: str = Field(min_length=6, max_length=40)
    # What the PC called itself; ignored (desk-central gives every enrollment a new device id).
    device_id: str | None = Field(default=None, pattern=ID_PATTERN)
    name: str = Field(default="", max_length=60)


class EnrollResponse(_Strict):
    token: str
    hall_id: str
    device_id: str
    device_index: int
    window_number: int | None
    epoch: str
    # The PC's first clock reading against the server's: its first tickets already carry the hall's day.
    server_time_ms: int | None = None
    data_key: str = ""  # the hall's data key (hex), kept in the PC's keystore (server/hall_keys.py)


class LeaseRequest(_Strict):
    day: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    category: str = Field(min_length=1, max_length=4)
    size: int = Field(ge=1, le=200)
    # The highest number of the category and day this PC holds or knows issued: a lease starts above it
    # (a server restored from a backup resumes above every number a PC reports).
    floor: int = Field(default=0, ge=0, le=MAX_SEQ)


class LeaseResponse(_Strict):
    day: str
    category: str
    start: int
    end: int


class ReferenceDocOut(_Strict):
    kind: str
    version: int
    label: str
    sha256: str
    body: Any


class BlobStatus(_Strict):
    sha256: str
    size: int
    received: int
    complete: bool


class ErrorBody(_Strict):
    code: str
    message: str
