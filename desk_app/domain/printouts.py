"""Printout events and their fold: a printed document (number, kind, case) and each time it went to a printer."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from desk_app.domain.events import Event, ordered, register

PRINTOUT_ISSUED = register("printout.issued", "printout").name      # numbered, archived, first print
PRINTOUT_REPRINTED = register("printout.reprinted", "printout").name  # 补打: archived again, counted
# What became of one print (the issue or a reprint, by its event id) at the printer: sent, then the answer.
PRINTOUT_JOB_REPORTED = register("printout.job_reported", "printout").name
JOB_STATES = ("sent", "printed", "failed", "unknown")  # "" on a print record: not sent to a printer yet


@dataclass(frozen=True)
class PrintRecord:
    """One entry of the print log."""

    event_id: str
    at_ms: int
    actor: str
    device: str
    copies: int
    reprint: int          # 0 for the original print, then 1, 2, ... in fold order
    sha256: str
    printer: str
    job_state: str = ""   # "" never sent; then one of JOB_STATES, the latest report
    job_id: str = ""
    job_message: str = ""


@dataclass(frozen=True)
class PrintoutState:
    id: str
    hall_id: str
    kind: str
    number: str
    word: str
    year: int
    series: str
    seq: int
    case_id: str | None
    sha256: str
    created_at_ms: int
    created_by: str
    device: str
    data: dict[str, Any]
    prints: tuple[PrintRecord, ...] = field(default_factory=tuple)

    @property
    def reprint_count(self) -> int:
        return len(self.prints) - 1


def fold_printout(printout_id: str, events: list[Event]) -> PrintoutState | None:
    """Deterministic: the issued event defines the document, every event is one print; reprints counted in order."""
    evs = ordered(events)
    issued = next((e for e in evs if e.type == PRINTOUT_ISSUED), None)
    if issued is None:
        return None
    p = issued.payload
    prints: list[PrintRecord] = []
    n = 0
    for e in evs:
        if e.type not in (PRINTOUT_ISSUED, PRINTOUT_REPRINTED) or (e.type == PRINTOUT_ISSUED and e is not issued):
            continue
        reprint = 0 if e is issued else (n := n + 1)
        prints.append(PrintRecord(e.id, int(e.payload.get("at_ms", 0)), e.actor, e.device,
                                  int(e.payload.get("copies", 1)), reprint, e.payload.get("sha256", ""),
                                  e.payload.get("printer", "")))
    # a reprint folded before its issue (clock skew) still counts after it
    prints.sort(key=lambda r: (r.reprint != 0, r.reprint))
    reports = {}
    for e in evs:  # in fold order: the latest report of each print wins
        if e.type == PRINTOUT_JOB_REPORTED:
            reports[e.payload.get("print_id", "")] = e.payload
    prints = [r if r.event_id not in reports else replace(
        r, printer=reports[r.event_id].get("printer") or r.printer, job_state=reports[r.event_id].get("state", ""),
        job_id=str(reports[r.event_id].get("job", "")), job_message=reports[r.event_id].get("message", ""))
        for r in prints]
    return PrintoutState(
        id=printout_id, hall_id=issued.hall, kind=p["kind"], number=p["number"], word=p.get("word", ""),
        year=int(p["year"]), series=str(p["series"]), seq=int(p["seq"]), case_id=p.get("case_id"),
        sha256=p.get("sha256", ""), created_at_ms=int(p.get("at_ms", 0)), created_by=issued.actor,
        device=issued.device, data=p.get("data", {}), prints=tuple(prints))
