"""Queue use cases: issuing, calling, windows and the day, the board; appointments; ``QueueService`` for the UI.

Each use case takes a unit of work (or a session, for reads) and returns a frozen dataclass of ``results``;
the names below are the package's public face, so callers import from ``desk_app.services.queue``.
"""
from desk_app.services.queue.board import (
    categories, current_ticket, held_tickets, list_windows, recent_calls, ticket_conflicts, waiting_counts,
    window_board, window_info, window_queue,
)
from desk_app.services.queue.calling import (
    call_next, finish, hold, no_show, recall, resume, serve_again, start_service, transfer,
)
from desk_app.services.queue.issuing import confirm_handed_out, issue_ticket, print_failed
from desk_app.services.queue.results import (
    CallView, CategoryInfo, DayClosed, IssuedTicket, RecallResult, TicketView, WindowBoard, WindowInfo,
)
from desk_app.services.queue.service import QueueService
from desk_app.services.queue.statements import status_label
from desk_app.services.queue.windows import (
    close_category_for_day, close_day, pause_window, resume_window, switch_categories,
)

__all__ = [
    "CallView", "CategoryInfo", "DayClosed", "IssuedTicket", "QueueService", "RecallResult", "TicketView",
    "WindowBoard", "WindowInfo", "call_next", "categories", "close_category_for_day", "close_day",
    "confirm_handed_out", "current_ticket", "finish", "held_tickets", "hold", "issue_ticket", "list_windows",
    "no_show", "pause_window", "print_failed", "recall", "recent_calls", "resume", "resume_window",
    "serve_again", "start_service", "status_label", "switch_categories", "ticket_conflicts", "transfer",
    "waiting_counts", "window_board", "window_info", "window_queue",
]
