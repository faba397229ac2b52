"""Projection of case, rating and complaint events into cases, case_materials, ratings and complaints."""
from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from desk_app.domain.complaint import fold_complaint
from desk_app.domain.events import Event
from desk_app.domain.intake import CaseState, fold_case
from desk_app.domain.rating import fold_rating
from desk_app.store.field_crypto import PREFIX
from desk_app.store.models import Case, CaseMaterial, EventRow, Rating
from desk_app.store.models.printing import Printout
from desk_app.store.pii import redact_json
from desk_app.store.models.intake_extra import Complaint
from desk_app.store.projectors import projector, row_projector
from desk_app.store.report_rollups import tracked
from desk_app.store.upsert import upsert_rows


def case_to_dict(state: CaseState) -> dict[str, Any]:
    """The folded state as JSON-able data for ``cases.state``, without the checklist (that is in case_materials).

    A shallow copy: ``dataclasses.asdict`` deep-copies every material dict and cost more than the whole write.
    """
    out = dict(vars(state))
    out.pop("materials")
    return out


@projector("case")
def project_case(session: Session, case_id: str, events: list[Event]) -> None:
    with tracked(session.connection(), Case.__table__, [case_id]):  # the report rollups follow the case
        _write_case(session, case_id, fold_case(events))


def _write_case(session: Session, case_id: str, state: CaseState | None) -> None:
    if state is None:
        session.execute(delete(CaseMaterial).where(CaseMaterial.case_id == case_id))
        session.execute(delete(Case).where(Case.id == case_id))
        return
    if state.pii_purged_on:
        erase_sealed(session, case_id)
    upsert_rows(session.connection(), Case.__table__, [dict(
        id=case_id, hall_id=state.hall_id, case_number=state.case_number, ticket_id=state.ticket_id,
        ticket_number=state.ticket_number, status=state.status, outcome=state.decision.get("outcome", ""),
        applicant_name=state.applicant.get("name", ""), applicant_index=state.applicant.get("id_index", ""),
        item_codes=[i["item_code"] for i in state.items],
        item_names="、".join(i.get("name", "") for i in state.items)[:400],
        catalog_version=state.catalog_version, window_number=state.window_number, clerk=state.clerk,
        opened_at_ms=state.opened_at_ms, accepted_on=state.accepted_on, due_date=state.due_date,
        supplement_deadline=state.supplement_deadline,
        extension_reason=(state.extension or {}).get("reason", "")[:200],
        delivery_method=(state.delivery or {}).get("method", ""), conflict_count=len(state.open_conflicts),
        notice_count=state.notice_count, completed_on=completed_on(state),
        state=case_to_dict(state),
    )])
    t = CaseMaterial.__table__
    existing = {r.material_id: (r.id, r.status, r.state) for r in session.execute(
        select(t.c.material_id, t.c.id, t.c.status, t.c.state).where(t.c.case_id == case_id))}
    keep = set()
    for m in state.materials:
        keep.add(m["material_id"])
        values = dict(seq=m.get("seq", 0), name=m["name"], status=m["status"], state=dict(m))
        known = existing.get(m["material_id"])
        if known is None:
            # Deterministic id so every replica has the same row identity.
            session.execute(insert(t).values(id=_row_id(case_id, m["material_id"]), case_id=case_id,
                                             material_id=m["material_id"], **values))
        elif (known[1], known[2]) != (values["status"], values["state"]):
            session.execute(update(t).where(t.c.id == known[0]).values(**values))  # only rows that changed
    gone = [rid for mid, (rid, _s, _st) in existing.items() if mid not in keep]
    if gone:
        session.execute(delete(t).where(t.c.id.in_(gone)))


def erase_sealed(session: Session, case_id: str) -> int:
    """After the retention purge: every sealed value in the case's events, its printouts' events and rows is
    replaced by its purge marker (store/pii.py), on every replica that folds the purge. The audit chain
    hashes a sealed value by the digest the marker keeps, so no link breaks. Returns the events rewritten."""
    e = EventRow.__table__
    mine = (e.c.aggregate == f"case:{case_id}") | (
        (e.c.type == "printout.issued") & e.c.payload.contains(f'"case_id":"{case_id}"'))
    rows = session.execute(select(e.c.id, e.c.payload).where(mine, e.c.payload.contains(PREFIX))).all()
    for eid, payload in rows:
        session.execute(update(e).where(e.c.id == eid).values(payload=redact_json(payload)))
    p = Printout.__table__
    for pid, data in session.execute(select(p.c.id, p.c.data).where(p.c.case_id == case_id)).all():
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        if PREFIX in text:
            session.execute(update(p).where(p.c.id == pid).values(data=json.loads(redact_json(text))))
    return len(rows)


def completed_on(state: CaseState) -> str | None:
    """The day the case's result was ready, or the day an instant item was finished on the spot (reports)."""
    if state.result and state.result.get("ready_on"):
        return state.result["ready_on"]
    if state.status == "finished":
        return state.decision.get("decided_on") or state.accepted_on or state.opened_on or None
    return None


def _row_id(case_id: str, material_id: str) -> str:
    import uuid
    return str(uuid.uuid5(uuid.UUID(case_id) if _is_uuid(case_id) else uuid.NAMESPACE_OID,
                          f"{case_id}/{material_id}"))


def _is_uuid(text: str) -> bool:
    import uuid
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


@row_projector("rating", Rating)
def project_rating(rating_id: str, events: list[Event]) -> dict[str, Any] | None:
    state = fold_rating(events)
    if state is None:
        return None
    return dict(
        id=rating_id, hall_id=state.hall_id, case_id=state.case_id, case_number=state.case_number,
        status=state.status, window_number=state.window_number, clerk=state.clerk, level=state.level,
        reasons=list(state.reasons), text=state.text, rated_at_ms=state.rated_at_ms,
        follow_up_due=state.follow_up_due, follow_status=state.follow_status,
        rectified_on=next((f.get("on") for f in state.follow_ups if f.get("rectified")), None), state=asdict(state),
    )


def _complaint_purged(row: dict[str, Any] | None, _events: list[Event]) -> bool:
    return row is not None and bool(row["state"].get("pii_purged_on"))  # only a resolved one (domain/complaint.py)


@row_projector("complaint", Complaint, purged=_complaint_purged)
def project_complaint(complaint_id: str, events: list[Event]) -> dict[str, Any] | None:
    state = fold_complaint(events)
    if state is None:
        return None
    return dict(
        id=complaint_id, hall_id=state.hall_id, number=state.number, status=state.status,
        category=state.category, description=state.description, ticket_id=state.ticket_id,
        case_id=state.case_id, case_number=state.case_number, window_number=state.window_number,
        recorded_at_ms=state.recorded_at_ms,
        due_date=state.due_date, state=asdict(state),
    )
