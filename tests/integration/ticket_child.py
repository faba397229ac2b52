"""The child process the kill tests shoot: it issues tickets, one use case after another, until killed."""
from __future__ import annotations

from typing import Any


def issue_tickets_until_killed(db_path: str, done: Any = None, started: Any = None) -> None:
    """Issue tickets in categories A and B in turn, as fast as it can; ``done.value`` (a shared int) counts the
    committed ones and ``started`` (an event) is set after the third. Importable under spawn as well as fork."""
    from desk_app.services.queue import issue_ticket
    from desk_app.store.database import Store

    store = Store.open(db_path)
    n = 0
    while True:
        with store.write("guide") as uow:
            issue_ticket(uow, "AB"[n % 2])
        n += 1
        if done is not None:
            done.value = n
        if started is not None and n == 3:
            started.set()
