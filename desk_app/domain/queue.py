"""Queue tickets: event types, numbering, the calling-order rules and the fold of a ticket's events into its state.

Everything here is pure: the same events give the same state whatever order they arrived in,
because the fold sorts them by hybrid logical time first. An event that is not valid in the
state reached so far (a second window calling a ticket already called elsewhere, a finish after
the day was closed...) changes nothing and is recorded as a conflict, so the window that lost is
told instead of the ticket being silently taken from the window that won.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.domain.events import Event, ordered, register

# ---------------------------------------------------------------------------------------- event types
TICKET_ISSUED = register("ticket.issued", "ticket").name
TICKET_HANDED_OUT = register("ticket.handed_out", "ticket").name  # printed, or the guide confirmed it
TICKET_PRINT_FAILED = register("ticket.print_failed", "ticket").name
TICKET_CALLED = register("ticket.called", "ticket").name
TICKET_RECALLED = register("ticket.recalled", "ticket").name
TICKET_NO_SHOW = register("ticket.no_show", "ticket").name
TICKET_SERVED_AGAIN = register("ticket.served_again", "ticket").name  # 过号受理
TICKET_SERVICE_STARTED = register("ticket.service_started", "ticket").name
TICKET_HELD = register("ticket.held", "ticket").name
TICKET_RESUMED = register("ticket.resumed", "ticket").name
TICKET_TRANSFERRED = register("ticket.transferred", "ticket").name
TICKET_FINISHED = register("ticket.finished", "ticket").name
TICKET_CLOSED = register("ticket.closed_end_of_day", "ticket").name

# ---------------------------------------------------------------------------------------- statuses
PRINTING = "printing"   # number taken, ticket not yet in the applicant's hand: not counted, not callable
WAITING = "waiting"
CALLED = "called"
SERVING = "serving"
HELD = "held"           # the applicant went to fetch something; comes back to the same window
NO_SHOW = "no_show"     # 过号: may be served again the same day
FINISHED = "finished"
CLOSED = "closed"       # closed at the end of the day while still open
VOID = "void"           # the print failed: the number is a gap, the ticket never existed for the hall

TERMINAL = frozenset({FINISHED, CLOSED, VOID})
OPEN = frozenset({PRINTING, WAITING, CALLED, SERVING, HELD, NO_SHOW})
AT_WINDOW = frozenset({CALLED, SERVING, HELD})

DEFAULT_PRIORITY_GROUPS: tuple[tuple[str, str], ...] = (
    ("elderly", "老年人"), ("disabled", "残疾人"), ("military", "现役军人"), ("pregnant", "孕妇"),
)


def format_number(prefix: str, seq: int) -> str:
    """The printed ticket number: category prefix and a zero-padded daily sequence, e.g. A023."""
    return f"{prefix}{seq:03d}"


@dataclass(frozen=True)
class Conflict:
    """An event the fold refused: who sent it and why. The losing window is told from this."""
    event_id: str
    event_type: str
    device: str
    actor: str
    window: int | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "event_type": self.event_type, "device": self.device,
                "actor": self.actor, "window": self.window, "reason": self.reason}


@dataclass(frozen=True)
class TicketState:
    id: str
    hall_id: str
    day: str
    category: str
    seq: int
    number: str
    status: str
    priority_group: str = ""
    appointment_id: str | None = None
    issued_at_ms: int = 0   # the waiting time counts from here, also after a transfer
    issued_hlc: str = ""
    issued_device: str = ""
    window_number: int | None = None
    clerk: str = ""
    # ordering inputs, kept as columns so call-next sorts in SQL
    appt_slot_ms: int | None = None   # set only for an appointment checked in on time
    transferred_in: bool = False
    target_window: int | None = None  # a transfer to a window, or a held ticket coming back
    target_clerk: str = ""
    comes_back: bool = False           # resumed after a hold: first at its window
    called_at_ms: int | None = None   # last call or recall (the hall display sorts by it)
    started_at_ms: int | None = None
    finished_at_ms: int | None = None
    recall_count: int = 0
    extra: dict[str, Any] = field(default_factory=dict)  # history, conflicts, transfer reasons

    @property
    def conflicts(self) -> list[dict[str, Any]]:
        return list(self.extra.get("conflicts", []))


def _window_of(ev: Event) -> int | None:
    w = ev.payload.get("window")
    return int(w) if w is not None else None


def _conflict(state: TicketState, ev: Event, reason: str) -> TicketState:
    c = Conflict(ev.id, ev.type, ev.device, ev.actor, _window_of(ev), reason)
    extra = dict(state.extra)
    extra["conflicts"] = [*extra.get("conflicts", []), c.to_dict()]
    return replace(state, extra=extra)


def _note(state: TicketState, ev: Event, **data: Any) -> dict[str, Any]:
    extra = dict(state.extra)
    entry = {"type": ev.type.split(".", 1)[1], "at_ms": ev.payload.get("at_ms"), **data}
    extra["history"] = [*extra.get("history", []), entry]
    return extra


def _issued(ev: Event) -> TicketState:
    p = ev.payload
    return TicketState(
        id=ev.aggregate_id, hall_id=ev.hall, day=p["day"], category=p["category"],
        seq=p["seq"], number=p["number"],
        status=WAITING if p.get("handed_out", True) else PRINTING,
        priority_group=p.get("priority_group", "") or "", appointment_id=p.get("appointment_id"),
        issued_at_ms=p["issued_at_ms"], issued_hlc=ev.hlc, issued_device=ev.device,
        appt_slot_ms=p.get("appt_slot_ms"), extra={},
    )


def _step(state: TicketState, ev: Event) -> TicketState:
    """One event applied to a ticket; an event invalid in this state becomes a recorded conflict."""
    t, p = ev.type, ev.payload
    st = state.status
    w = _window_of(ev)
    at = p.get("at_ms")
    if st in TERMINAL:
        return _conflict(state, ev, f"ticket already {st}")
    if t == TICKET_HANDED_OUT:
        if st == PRINTING:
            return replace(state, status=WAITING)
        return state  # a confirmation after the ticket moved on is harmless
    if t == TICKET_PRINT_FAILED:
        if st == PRINTING:
            return replace(state, status=VOID)
        return _conflict(state, ev, f"print failure reported for a ticket already {st}")
    if t == TICKET_CLOSED:
        return replace(state, status=CLOSED, extra=_note(state, ev))
    if t == TICKET_CALLED:
        if st != WAITING:
            where = f" at window {state.window_number}" if state.window_number is not None else ""
            return _conflict(state, ev, f"ticket already {st}{where}")
        return replace(state, status=CALLED, window_number=w, clerk=p.get("clerk", ""),
                       called_at_ms=at, recall_count=0, comes_back=False,
                       extra=_note(state, ev, window=w))
    if t == TICKET_SERVED_AGAIN:
        if st != NO_SHOW:
            return _conflict(state, ev, f"ticket is {st}, not a no-show")
        return replace(state, status=CALLED, window_number=w, clerk=p.get("clerk", ""),
                       called_at_ms=at, recall_count=0, extra=_note(state, ev, window=w))
    # Everything below is done by the window holding the ticket.
    if st not in AT_WINDOW or w != state.window_number:
        return _conflict(state, ev, f"ticket is {st} at window {state.window_number}")
    if t == TICKET_RECALLED:
        if st != CALLED:
            return _conflict(state, ev, f"cannot recall a ticket that is {st}")
        return replace(state, recall_count=state.recall_count + 1, called_at_ms=at)
    if t == TICKET_NO_SHOW:
        if st != CALLED:
            return _conflict(state, ev, f"cannot mark a ticket that is {st} as no-show")
        return replace(state, status=NO_SHOW, extra=_note(state, ev, window=w))
    if t == TICKET_SERVICE_STARTED:
        if st != CALLED:
            return _conflict(state, ev, f"cannot start service of a ticket that is {st}")
        return replace(state, status=SERVING, started_at_ms=at, clerk=p.get("clerk", state.clerk))
    if t == TICKET_HELD:
        if st == HELD:
            return state
        return replace(state, status=HELD, extra=_note(state, ev, reason=p.get("reason", "")))
    if t == TICKET_RESUMED:
        if st != HELD:
            return _conflict(state, ev, f"cannot resume a ticket that is {st}")
        return replace(state, status=WAITING, target_window=w, comes_back=True, target_clerk="",
                       extra=_note(state, ev))
    if t == TICKET_TRANSFERRED:
        to_cat = p.get("to_category") or state.category
        extra = _note(state, ev, reason=p.get("reason", ""), from_window=w, to_category=to_cat,
                      to_window=p.get("to_window"), to_clerk=p.get("to_clerk", ""))
        extra["transfers"] = int(extra.get("transfers", 0)) + 1
        return replace(state, status=WAITING, category=to_cat, transferred_in=True,
                       target_window=p.get("to_window"), target_clerk=p.get("to_clerk", "") or "",
                       comes_back=False, window_number=None, clerk="", called_at_ms=state.called_at_ms,
                       started_at_ms=None, recall_count=0, extra=extra)
    if t == TICKET_FINISHED:
        return replace(state, status=FINISHED, finished_at_ms=at, extra=_note(state, ev))
    return state  # an event type from a newer schema: ignored until this PC is upgraded


def fold_ticket(events: list[Event]) -> TicketState | None:
    """The ticket's state from its events, in hybrid-logical-clock order; None until it is issued."""
    state: TicketState | None = None
    pending: list[Event] = []
    for ev in ordered(events):
        if ev.type == TICKET_ISSUED:
            if state is None:
                state = _issued(ev)
                # events that sort before the issue (a PC with a slow clock) apply right after it
                for early in pending:
                    state = _step(state, early)
                pending = []
            continue
        if state is None:
            pending.append(ev)
        else:
            state = _step(state, ev)
    return state


# ---------------------------------------------------------------------------------------- configuration
@dataclass(frozen=True)
class QueueConfig:
    """Hall rules for the queue, from the settings (see domain/settings_schema.py)."""
    priority_groups: tuple[tuple[str, str], ...] = DEFAULT_PRIORITY_GROUPS
    priority_policy: str = "interleave:3"  # strict | interleave:N (one priority ticket per N ordinary)
    recall_cap: int = 3
    appointment_early_min: int = 30
    appointment_late_min: int = 15

    @property
    def interleave_n(self) -> int | None:
        """N of "interleave:N", or None for strict priority."""
        if self.priority_policy.startswith("interleave:"):
            return max(1, int(self.priority_policy.split(":", 1)[1]))
        return None

    def validate_group(self, group: str) -> str:
        group = (group or "").strip()
        if group and group not in {g for g, _ in self.priority_groups}:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "未知的绿色通道类别“{group}”。请在列表中选择。"),
                                  group=group, field="priority_group")
        return group

    def group_label(self, group: str) -> str:
        return dict(self.priority_groups).get(group, group)

    @classmethod
    def from_settings(cls, get: Any) -> "QueueConfig":
        """``get(key)`` reads a setting; unknown policy text falls back to strict, never crashes."""
        policy = str(get("queue.priority_policy") or "strict")
        if not (policy == "strict" or (policy.startswith("interleave:")
                                       and policy.split(":", 1)[1].isdigit())):
            policy = "strict"
        try:
            groups = tuple((str(c), str(n)) for c, n in (get("queue.priority_groups") or ())) \
                or DEFAULT_PRIORITY_GROUPS
        except (KeyError, TypeError, ValueError):  # no such setting on this version, or a malformed one
            groups = DEFAULT_PRIORITY_GROUPS
        return cls(priority_groups=groups, priority_policy=policy, recall_cap=int(get("queue.recall_cap")),
                   appointment_early_min=int(get("queue.appointment_early_min")),
                   appointment_late_min=int(get("queue.appointment_late_min")))


# ---------------------------------------------------------------------------------------- calling order
def prefer_priority(config: QueueConfig, recent_lanes: list[bool]) -> bool:
    """Whether the next call at a window takes a priority ticket first.

    ``recent_lanes``: whether each of the window's latest calls (newest first) was a priority
    ticket. Strict: always. Interleave N: after a priority call, the next N calls go to ordinary
    tickets (when any wait), so neither group starves.
    """
    n = config.interleave_n
    if n is None:
        return True
    return not any(recent_lanes[:n])


@dataclass(frozen=True)
class WindowProfile:
    """Which categories a window serves, in order; optionally, when they are empty, the longest wait."""
    number: int
    categories: tuple[str, ...]
    category_order: bool = True          # False: the served categories interleave by waiting time
    fallback_longest_wait: bool = False  # finally: any category's longest-waiting ticket
    clerk: str = ""


def order_key(t: TicketState, profile: WindowProfile, now_ms: int, priority_first: bool) -> tuple:
    """The calling order of DOMAIN.md, first key first (smaller sorts first).

    at this window already → priority group → transferred in → appointment whose slot started →
    appointment → (category order of the window) → issue time.
    """
    here = t.comes_back and t.target_window == profile.number
    prio = bool(t.priority_group)
    cat_rank = (profile.categories.index(t.category) if profile.category_order
                and t.category in profile.categories else 0)
    return (
        0 if here else 1,
        (0 if prio else 1) if priority_first else (1 if prio else 0),
        0 if t.transferred_in else 1,
        0 if (t.appt_slot_ms is not None and t.appt_slot_ms <= now_ms) else 1,
        0 if t.appt_slot_ms is not None else 1,
        cat_rank,
        t.issued_at_ms,
        t.issued_hlc,
    )


def eligible(t: TicketState, profile: WindowProfile) -> bool:
    """Whether the window may call the ticket at all (targets of transfers and holds are binding)."""
    if t.status != WAITING:
        return False
    if t.target_window is not None:
        return t.target_window == profile.number
    if t.target_clerk:
        return bool(profile.clerk) and t.target_clerk == profile.clerk
    return t.category in profile.categories


def pick_next(tickets: list[TicketState], profile: WindowProfile, now_ms: int,
              priority_first: bool) -> TicketState | None:
    """The reference implementation of call-next (the service does the same in SQL for speed)."""
    candidates = [t for t in tickets if eligible(t, profile)]
    if candidates:
        return min(candidates, key=lambda t: order_key(t, profile, now_ms, priority_first))
    if profile.fallback_longest_wait:
        rest = [t for t in tickets if t.status == WAITING and t.target_window is None
                and not t.target_clerk]
        if rest:
            return min(rest, key=lambda t: (t.issued_at_ms, t.issued_hlc))
    return None


def ahead_profile(t: TicketState) -> WindowProfile:
    """The window that people ahead of ``t`` is counted at: one serving only t's category (or the window or
    clerk t was sent to). Tickets sent to another window or clerk wait for someone else and are not counted."""
    return WindowProfile(number=t.target_window if t.target_window is not None else -1,
                         categories=(t.category,), clerk=t.target_clerk)


def people_ahead(tickets: list[TicketState], t: TicketState, now_ms: int, priority_first: bool = True) -> int:
    """How many waiting tickets the calling order puts before ``t``: priority groups, transfers and
    appointments included, exactly those that ``pick_next`` would call first at ``ahead_profile(t)``.

    The count takes the priority lane as preferred (as ``strict`` does, and as the window's own list
    shows): under an interleaving policy an ordinary ticket may be called a little sooner.
    """
    profile = ahead_profile(t)
    key = order_key(t, profile, now_ms, priority_first)
    return sum(1 for o in tickets if o.id != t.id and eligible(o, profile)
               and order_key(o, profile, now_ms, priority_first) < key)


# ---------------------------------------------------------------------------------------- estimates
def estimate_wait_minutes(ahead: int, recent_service_ms: list[int], windows_serving: int,
                          default_service_min: float = 8.0) -> int:
    """Minutes until a new ticket is called: people ahead × mean recent service time ÷ open windows."""
    if ahead <= 0:
        return 0
    mean_min = (sum(recent_service_ms) / len(recent_service_ms) / 60_000) if recent_service_ms \
        else default_service_min
    return max(1, round(ahead * mean_min / max(1, windows_serving)))


# ---------------------------------------------------------------------------------------- categories
def category_for_item(categories: list[tuple[str, dict[str, Any]]], item_code: str, sector: str) -> str | None:
    """The queue category (prefix) of a service item, from each category's settings.

    ``categories``: (prefix, settings) in display order. A category's settings may list
    ``item_codes`` and ``sectors``; an exact item code beats a sector; otherwise the category
    marked ``default`` takes everything.
    """
    for prefix, s in categories:
        if item_code and item_code in (s.get("item_codes") or []):
            return prefix
    for prefix, s in categories:
        if sector and sector in (s.get("sectors") or []):
            return prefix
    for prefix, s in categories:
        if s.get("default"):
            return prefix
    return None
