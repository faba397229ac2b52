"""Projection of printout events into the printouts and print_log tables."""
from __future__ import annotations

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from desk_app.domain.events import Event
from desk_app.domain.printouts import fold_printout
from desk_app.store.models.printing import PrintLog, Printout
from desk_app.store.reducer import projector


@projector("printout")
def project_printout(session: Session, printout_id: str, events: list[Event]) -> None:
    state = fold_printout(printout_id, events)
    # Rewritten whole: a pulled reprint may fold between two local ones, renumbering them.
    session.execute(delete(PrintLog).where(PrintLog.printout_id == printout_id))
    session.execute(delete(Printout).where(Printout.id == printout_id))
    if state is None:
        return
    session.execute(insert(Printout).values(
        id=state.id, hall_id=state.hall_id, kind=state.kind, number=state.number, word=state.word,
        year=state.year, series=state.series, seq=state.seq, case_id=state.case_id, sha256=state.sha256,
        created_at_ms=state.created_at_ms, created_by=state.created_by, device=state.device,
        print_count=len(state.prints), reprint_count=state.reprint_count, data=state.data))
    session.execute(insert(PrintLog), [dict(
        id=r.event_id, printout_id=state.id, hall_id=state.hall_id, kind=state.kind, number=state.number,
        case_id=state.case_id, actor=r.actor, device=r.device, at_ms=r.at_ms, copies=r.copies,
        reprint=r.reprint, sha256=r.sha256, printer=r.printer,
        job_state=r.job_state, job_id=r.job_id, job_message=r.job_message[:300]) for r in state.prints])
