"""Convergence after a partition heals, shared by the bench (`python -m bench.sync_heal`) and its test.

Three PCs with running sync agents reach desk-central through one ``CuttableProxy``. Each round: the
cable is pulled, every PC issues tickets offline, the cable is plugged back, and the time until every
PC holds the same tickets (all of them) is measured.
"""
from __future__ import annotations

import time
from typing import Callable

from sqlalchemy import select

from desk_app.store.models import Ticket


def ticket_ids(store) -> tuple[str, ...]:
    with store.read() as s:
        return tuple(s.scalars(select(Ticket.id).order_by(Ticket.id)))


def heal_rounds(stores: list, proxy, rounds: int, *, per_pc: int = 3, offline_s: float = 1.5,
                issue: Callable, timeout_s: float = 30.0) -> list[float]:
    """Seconds from healing to identical state, one figure per round (``timeout_s`` when not reached)."""
    out: list[float] = []
    for _ in range(rounds):
        proxy.cut()
        for store in stores:
            for _k in range(per_pc):
                issue(store)
        time.sleep(offline_s)             # long enough for every loop to be backing off
        want = set().union(*(ticket_ids(s) for s in stores))
        proxy.heal()
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout_s:
            views = [ticket_ids(s) for s in stores]
            if all(set(v) == want for v in views):
                break
            time.sleep(0.01)
        out.append(time.monotonic() - t0)
    return out


def p95(values: list[float]) -> float:
    s = sorted(values)
    return s[max(0, int(round(len(s) * 0.95)) - 1)]
