"""``QueueService``: the queue use cases bound to a Store for the UI, through one generic use-case wrapper."""
from __future__ import annotations

from typing import Any, Callable

from desk_app.domain import queue as q
from desk_app.domain.timeutil import hall_day
from desk_app.services.queue import appointments, board, calling, issuing
from desk_app.services.queue import windows as window_cases
from desk_app.services.queue import statements as st
from desk_app.services.queue.results import IssuedTicket, TicketView
from desk_app.store.database import Store

# What a read use case takes before the caller's arguments: the session only, the hall, or the hall and today.
SESSION, HALL, TODAY = "session", "hall", "today"


def use_case(fn: Callable[..., Any], *, write: bool = True, config: bool = False,
             scope: str = HALL) -> Callable[..., Any]:
    """A QueueService method running ``fn``: a write gets a unit of work (one transaction, as the caller's
    ``actor`` or the service's), a read gets a session and ``scope``'s leading arguments; ``config`` passes the
    queue settings current at the call."""
    def method(self: "QueueService", *args: Any, actor: str | None = None, **kw: Any) -> Any:
        if config:
            kw["config"] = self.config
        if write:
            with self.store.write(self.actor if actor is None else actor) as uow:
                return fn(uow, *args, **kw)
        with self.store.read() as s:
            lead = {SESSION: (), HALL: (self.store.hall_id,), TODAY: (self.store.hall_id, self._day())}[scope]
            return fn(s, *lead, *args, **kw)
    method.__name__, method.__doc__ = fn.__name__, fn.__doc__
    return method


class QueueService:
    """The queue use cases bound to a Store; methods are called on the runner's writer/reader threads."""

    def __init__(self, store: Store, config: q.QueueConfig | Callable[[], q.QueueConfig] | None = None,
                 *, actor: str = ""):
        self.store = store
        self._config = config or q.QueueConfig()
        self.actor = actor

    @property
    def config(self) -> q.QueueConfig:
        return self._config() if callable(self._config) else self._config

    def _day(self) -> str:
        return hall_day(self.store.now_ms())

    # issuing: a new ticket comes back with its waiting-time estimate
    def issue(self, category: str, *, priority_group: str = "", handed_out: bool = False,
              actor: str | None = None) -> IssuedTicket:
        return self._with_estimate(self._issue(category, priority_group=priority_group, handed_out=handed_out,
                                               actor=actor))

    def check_in(self, code: str, *, priority_group: str = "", handed_out: bool = False,
                 actor: str | None = None) -> IssuedTicket:
        return self._with_estimate(self._check_in(code, priority_group=priority_group, handed_out=handed_out,
                                                  actor=actor))

    _issue = use_case(issuing.issue_ticket, config=True)
    _check_in = use_case(appointments.check_in, config=True)

    def _with_estimate(self, t: IssuedTicket) -> IssuedTicket:
        hall = self.store.hall_id
        with self.store.read() as s:
            serving = sum(1 for w in board.list_windows(s, hall)
                          if w.active and not w.paused and t.category in w.categories)
            est = q.estimate_wait_minutes(t.ahead, board.recent_service_ms(s, hall, t.day, t.category), serving)
        return IssuedTicket(**{**t.__dict__, "estimate_min": est})

    confirm_handed_out = use_case(issuing.confirm_handed_out)
    print_failed = use_case(issuing.print_failed)
    book_appointment = use_case(appointments.book_appointment)

    # calling
    call_next = use_case(calling.call_next, config=True)
    recall = use_case(calling.recall, config=True)
    no_show = use_case(calling.no_show)
    serve_again = use_case(calling.serve_again)
    start_service = use_case(calling.start_service)
    hold = use_case(calling.hold)
    resume = use_case(calling.resume)
    transfer = use_case(calling.transfer)
    finish = use_case(calling.finish)

    # windows and the day
    pause_window = use_case(window_cases.pause_window)
    resume_window = use_case(window_cases.resume_window)
    switch_categories = use_case(window_cases.switch_categories)
    close_category_for_day = use_case(window_cases.close_category_for_day)
    close_day = use_case(window_cases.close_day)

    # reads
    ticket = use_case(st.load_ticket, write=False, scope=SESSION)
    window = use_case(board.window_info, write=False)
    windows = use_case(board.list_windows, write=False)
    current = use_case(board.current_ticket, write=False, scope=TODAY)
    held = use_case(board.held_tickets, write=False, scope=TODAY)
    waiting_counts = use_case(board.waiting_counts, write=False, scope=TODAY)
    categories = use_case(board.categories, write=False, scope=TODAY)
    recent_calls = use_case(board.recent_calls, write=False, scope=TODAY)
    window_board = use_case(board.window_board, write=False, scope=TODAY)

    def window_queue(self, window: int, *, clerk: str = "", limit: int = 50) -> list[TicketView]:
        with self.store.read() as s:
            return board.window_queue(s, self.store.hall_id, self._day(), window, self.store.now_ms(),
                                      clerk=clerk, config=self.config, limit=limit)

    def estimates(self) -> dict[str, int]:
        return {c.prefix: c.estimate_min for c in self.categories()}

    def category_for_item(self, item_code: str, sector: str) -> str | None:
        cats = self.categories()
        return q.category_for_item([(c.prefix, c.settings) for c in cats], item_code, sector)
