"""What the queue use cases return: frozen dataclasses, never ORM rows."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class IssuedTicket:
    id: str
    number: str
    category: str
    day: str
    issued_at_ms: int
    priority_group: str = ""
    appointment_id: str | None = None
    appointment_on_time: bool = False
    ahead: int = 0             # tickets the calling order puts before this one (domain people_ahead)
    estimate_min: int = 0
    category_name: str = ""
    counted: bool = True       # False until printed or confirmed handed out


@dataclass(frozen=True)
class TicketView:
    id: str
    number: str
    category: str
    status: str
    priority_group: str = ""
    appointment: bool = False
    window_number: int | None = None
    clerk: str = ""
    issued_at_ms: int = 0
    called_at_ms: int | None = None
    started_at_ms: int | None = None
    recall_count: int = 0
    transferred_in: bool = False
    target_window: int | None = None
    target_clerk: str = ""
    conflicts: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class RecallResult:
    ticket: TicketView
    became_no_show: bool  # the cap was reached: the ticket is now a no-show


@dataclass(frozen=True)
class WindowInfo:
    number: int
    name: str
    categories: tuple[str, ...]
    paused: bool
    pause_reason: str
    tidal: bool
    active: bool


@dataclass(frozen=True)
class CategoryInfo:
    prefix: str
    name: str
    active: bool
    closed_today: bool
    waiting: int
    estimate_min: int
    settings: dict[str, Any]


@dataclass(frozen=True)
class CallView:
    number: str
    window_number: int
    called_at_ms: int
    category: str


@dataclass(frozen=True)
class WindowBoard:
    number: int
    name: str
    serving: str | None  # the ticket number at the window, if any
    paused: bool


@dataclass(frozen=True)
class DayClosed:
    day: str
    closed_tickets: int

