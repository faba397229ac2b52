"""One data builder per printout kind: the dict desk_app.printing renders (documents.py's shapes), from its source.

A case document is the common part (``document_data``) plus its builder's own keys, from the folded case;
the ticket is built from the issued ticket and the report cover from the day's figures. Each builder is
registered beside its function with ``@_builds``; BUILDERS has one for every kind of domain/printout_kinds.py.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from desk_app.domain import intake as d
from desk_app.domain import printout_kinds as kinds
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.domain.printout_kinds import printout_kind
from desk_app.domain.timeutil import local_datetime
from desk_app.domain.validators import mask_resident_id
from desk_app.services.hall_facts import HallFacts

# A case kind's builder: (case, hall, the common part) -> the keys it adds or overrides.
CaseBuilder = Callable[[d.CaseState, HallFacts, dict[str, Any]], dict[str, Any]]
BUILDERS: dict[str, Callable[..., dict[str, Any]]] = {}


def _builds(kind: str) -> Callable[[Callable[..., dict[str, Any]]], Callable[..., dict[str, Any]]]:
    def register(fn: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        BUILDERS[printout_kind(kind).code] = fn
        return fn
    return register


def hall_part(hall: Any) -> dict[str, Any]:
    """The ``hall`` of every printout, from its HallFacts (the phone only when set: the template's enquiry phone
    stands in otherwise)."""
    name = getattr(hall, "name", "")
    phone = getattr(hall, "phone", "")
    return {"name": name, "department": getattr(hall, "department", "") or name, "code": getattr(hall, "code", ""),
            **({"phone": phone} if phone else {})}


# ---------------------------------------------------------------------------------------------- case documents
def document_data(state: d.CaseState, kind: str, hall: HallFacts, *, clerk_name: str = "",
                  document_number: str = "") -> dict[str, Any]:
    """The data dict of one case printout kind for this case: the common part, then the kind's own keys."""
    if not printout_kind(kind).case:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{kind}”不是办件文书，不能从办件生成。"), kind=kind, field="kind")
    app = state.applicant or {}
    applicant: dict[str, Any] = {"name": app.get("name", "")}
    if app.get("resident_id"):
        applicant.update(id_number=mask_resident_id(app["resident_id"]), id_type="居民身份证")
    elif app.get("uscc"):
        applicant.update(id_number=mask_resident_id(app["uscc"]), id_type="统一社会信用代码")
    if app.get("phone"):
        applicant["phone"] = app["phone"][:3] + "****" + app["phone"][-4:]
    if state.agent:
        applicant.update(agent_name=state.agent["name"],
                         agent_id_number=mask_resident_id(state.agent.get("resident_id", "")))
    data: dict[str, Any] = {
        "hall": hall_part(hall),
        "document_number": document_number,
        "case_number": state.case_number, "case_id": state.id,
        "applicant": applicant,
        "item": {"name": "、".join(i["name"] for i in state.items) or "（未选择事项）",
                 "code": "、".join(i["item_code"] for i in state.items),
                 "type": "即办件" if state.instant else "承诺件",
                 "promised_days": state.promised_days, "legal_days": state.legal_days},
        "clerk": clerk_name or state.last_actor or state.clerk,
        "window": state.last_window if state.last_window is not None else "未设置",
        "date": state.decision.get("decided_on") or state.opened_on,
    }
    data.update(BUILDERS[kind](state, hall, data))
    return data


@_builds(kinds.ONE_TIME_NOTICE)
def one_time_notice(state: d.CaseState, hall: HallFacts, common: dict[str, Any]) -> dict[str, Any]:
    dec = state.decision
    lines = dec.get("lines") if dec.get("outcome") == d.NOTICE else d.notice_lines(state)
    return {"materials": [_notice_material(m) for m in lines],
            "deadline": dec.get("deadline") or state.notice_deadline}


@_builds(kinds.MATERIALS_RECEIPT)
def materials_receipt(state: d.CaseState, hall: HallFacts, common: dict[str, Any]) -> dict[str, Any]:
    return {"materials": [{
        "name": m["name"], "copies_required": int((m["requirement"] or {}).get("copies") or 1),
        "copies_received": m["copies"] if m["status"] == d.RECEIVED else 0,
        "form": d.FORMS.get(m["form"], d.MATERIAL_LABELS[m["status"]]),
        "remarks": {d.DEFERRED: "容缺，待补正", d.COMMITTED: "告知承诺",
                    d.MISSING: "缺少", d.DEFECTIVE: "需补正"}.get(m["status"], ""),
    } for m in state.materials]}


@_builds(kinds.ACCEPTANCE_NOTICE)
def acceptance_notice(state: d.CaseState, hall: HallFacts, common: dict[str, Any]) -> dict[str, Any]:
    out = {"accepted_on": state.accepted_on, "promised_date": state.due_date,
           "delivery": d.DELIVERY_METHODS.get(state.decision.get("delivery_method", "window"), "窗口领取")}
    if state.supplement_deadline:
        out["progress_hint"] = f"本件为容缺受理，请于{state.supplement_deadline}前补齐容缺材料。"
    return out


@_builds(kinds.SUPPLEMENT_NOTICE)
def supplement_notice(state: d.CaseState, hall: HallFacts, common: dict[str, Any]) -> dict[str, Any]:
    return {"materials": [_notice_material({**m, "reason": "容缺受理，待补正"}) for m in d.deferred_open(state)],
            "deadline": state.supplement_deadline, "accepted_on": state.accepted_on}


@_builds(kinds.REJECTION_DECISION)
def rejection_decision(state: d.CaseState, hall: HallFacts, common: dict[str, Any]) -> dict[str, Any]:
    dec = state.decision
    basis = dec.get("legal_basis", "")
    # decisions recorded before the names were kept in the event fall back to today's settings
    body, court = d.rejection_rights(state.items, hall.settings)
    return {"reasons": [{"text": dec.get("reasons", ""), **({"legal_basis": basis} if basis else {})}],
            "review_body": dec.get("review_body") or body, "court": dec.get("court") or court}


@_builds(kinds.REFUSAL_NOTICE)
def refusal_notice(state: d.CaseState, hall: HallFacts, common: dict[str, Any]) -> dict[str, Any]:
    dec = state.decision
    return {"reason": dec.get("reasons", "") or "该事项不由本中心进驻部门办理", "handled_by": dec.get("refer_to", "")}


@_builds(kinds.PICKUP_RECEIPT)
def pickup_receipt(state: d.CaseState, hall: HallFacts, common: dict[str, Any]) -> dict[str, Any]:
    dl = state.delivery or {}
    name = (state.result or {}).get("result_name") or common["item"]["name"]
    remarks = d.DELIVERY_METHODS.get(dl.get("method", ""), "")
    if dl.get("tracking_number"):
        remarks += f" 运单号{dl['tracking_number']}"
    return {"items": [{"name": name, "count": 1, "remarks": remarks}],
            "receiver": {"name": dl.get("receiver_name", ""), "is_agent": dl.get("receiver_kind") == "agent",
                         **({"id_number": dl["receiver_id_masked"]} if dl.get("receiver_id_masked") else {})},
            "handed_at": f"{dl.get('delivered_on', '')} {dl.get('delivered_at', '')}".strip(),
            "date": dl.get("delivered_on") or common["date"]}


def _notice_material(m: dict[str, Any]) -> dict[str, Any]:
    req = m.get("requirement") or {}
    form = {"original": "原件", "copy": "复印件", "original_and_copy": "原件和复印件",
            "original_or_copy": "原件或复印件"}.get(req.get("material_type", ""), "")
    requirement = {key: v for key, v in (("original_or_copy", form), ("copies", int(req.get("copies") or 1)),
                                         ("paper_size", req.get("paper_size", "")),
                                         ("issuing_body", req.get("issuing_body", ""))) if v}
    problem = {d.MISSING: "缺少", d.DEFECTIVE: "需补正", d.DEFERRED: "容缺待补"}.get(m.get("status", ""), "")
    return {"name": m["name"], "problem": problem, "reason": m.get("reason", ""), "requirement": requirement}


# ---------------------------------------------------------------------------------------------- the others
@_builds(kinds.TICKET)
def ticket_data(ticket: Any, *, hall_name: str, tag: str = "") -> dict[str, Any]:
    """The queue ticket of an issued ticket (services.queue.IssuedTicket); the guide desk names the hall and the
    tag in the UI's language."""
    issued_at = local_datetime(ticket.issued_at_ms).replace(tzinfo=None) if ticket.issued_at_ms else datetime.now()
    return {"hall": {"name": hall_name, "department": ""}, "ticket_number": ticket.number, "ticket_id": ticket.id,
            "category": ticket.category_name or ticket.category, "waiting_ahead": ticket.ahead,
            "issued_at": issued_at, "tag": tag}


@_builds(kinds.DAILY_REPORT_COVER)
def report_cover(hall: Any, *, report_date: str, date: str, window: str, scope: str, prepared_by: str,
                 figures: list[dict[str, Any]]) -> dict[str, Any]:
    """The report cover: ``window`` only satisfies the common fields, the cover prints ``scope``."""
    return {"hall": hall_part(hall), "report_date": report_date, "date": date, "window": window, "scope": scope,
            "prepared_by": prepared_by, "clerk": prepared_by, "figures": figures}
