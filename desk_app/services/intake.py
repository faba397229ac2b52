"""Intake use cases: open a case, set the applicant, check materials, decide the outcome, extend, supplement.

Each function takes a unit of work and returns the folded case (a frozen ``CaseState``). Dates for the
events (due date, deadlines) are computed here with the working-day calendar so the fold stays pure.
``IntakeService`` binds them to a Store for the UI.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from sqlalchemy import select, update

from desk_app.domain import intake as d
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from desk_app.domain.ids import new_id
from desk_app.domain.timeutil import hall_date, hall_day
from desk_app.domain.validators import validate_mobile, validate_resident_id, validate_uscc
from desk_app.services.calendar import read_calendar
from desk_app.services.hall_facts import HallFacts, hall_facts
from desk_app.services.printout_data import document_data
from desk_app.store import pii
from desk_app.store.database import Store, UnitOfWork
from desk_app.store.event_schemas import NAME_CHARS
from desk_app.store.models import Case, Device, Material, Meta, ServiceItem, Ticket
from desk_app.store.models.intake_extra import CaseCounter
from desk_app.store.reducer import aggregate_events

# Default deadlines in working days; a hall may change them in its settings.
NOTICE_DEADLINE_DAYS = 10      # one-time notice: bring the missing materials within
SUPPLEMENT_DEADLINE_DAYS = 5   # deferred acceptance: supply the deferred materials within
DUE_SOON_DAYS = 2

@dataclass(frozen=True)
class Decision:
    case: d.CaseState
    outcome: str
    documents: tuple[str, ...]   # printout kinds to print now, in order


@dataclass(frozen=True)
class IssuedDecision:
    """A decision and its printouts, numbered, rendered and archived in the same transaction."""
    case: d.CaseState
    outcome: str
    documents: tuple[Any, ...]   # desk_app.services.printing.PrintedDocument, in printing order


@dataclass(frozen=True)
class OpenedCase:
    case: d.CaseState
    reused: bool   # the ticket already had an open case (e.g. its QR scanned twice)


@dataclass(frozen=True)
class EarlierCase:
    """One of an applicant's earlier cases, as listed beside the case at hand."""
    case_id: str
    case_number: str
    status: str
    opened_at_ms: int
    item_names: str


# ---------------------------------------------------------------------------------------------- helpers
def device_index(session: Any, device_id: str) -> int:
    """The enrolled index of this PC (unique in the hall); before enrolment a number 100–999 taken from the
    device UUID, so two unenrolled PCs of a demo hall are very unlikely to share a case-number range."""
    meta = session.scalar(select(Meta.value).where(Meta.key == "device_index"))
    if meta and meta.strip().isdigit():
        return int(meta)
    dev = session.get(Device, device_id)
    if dev is not None and dev.device_index:
        return int(dev.device_index)
    return 100 + int(device_id.replace("-", "")[-6:], 16) % 900


def next_case_number(uow: UnitOfWork, day_iso: str, *, kind: str = "case") -> str:
    """This device's next number for the hall day; consumed inside the caller's transaction."""
    s = uow.session
    key = dict(hall_id=uow.hall_id, day=day_iso, device=uow.device_id, kind=kind)
    row = s.get(CaseCounter, key)
    if row is None:
        seq = 1
        s.add(CaseCounter(**key, next=2))
        s.flush()
    else:
        seq = row.next
        s.execute(update(CaseCounter).where(
            CaseCounter.hall_id == uow.hall_id, CaseCounter.day == day_iso, CaseCounter.device == uow.device_id,
            CaseCounter.kind == kind).values(next=seq + 1))
    facts = hall_facts(s, uow.hall_id)
    index = device_index(s, uow.device_id)
    number = d.format_case_number(facts.code, day_iso, index, seq)
    if kind == "case":
        # A restored database starts its counter again: never hand out a number the hall already has.
        while s.scalar(select(Case.id).where(Case.hall_id == uow.hall_id, Case.case_number == number)):
            seq += 1
            number = d.format_case_number(facts.code, day_iso, index, seq)
        s.execute(update(CaseCounter).where(
            CaseCounter.hall_id == uow.hall_id, CaseCounter.day == day_iso, CaseCounter.device == uow.device_id,
            CaseCounter.kind == kind).values(next=seq + 1))
        return number
    return f"TS-{number}"


def load_case(session: Any, case_id: str) -> d.CaseState:
    """The case folded from its events, its personal fields opened with the session's data key."""
    state = d.fold_case(aggregate_events(session, f"case:{case_id}"))
    if state is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到该办件，可能已被删除或尚未同步。请刷新后重试。"), field="case")
    return pii.open_case(pii.cipher_of(session), state)


def find_case_id(session: Any, hall_id: str, case_number: str) -> str:
    number = case_number.strip().upper()
    case_id = session.scalar(select(Case.id).where(Case.hall_id == hall_id, Case.case_number == number))
    if case_id is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "没有找到办件编号为 {number} 的办件。请核对编号，或确认该办件已同步到本机。"),
                            number=number,
                            field="case_number")
    return case_id


def earlier_cases(session: Any, hall_id: str, resident_id: str, *, limit: int = 50) -> list[EarlierCase]:
    """The cases whose applicant has this resident ID, newest first, found through the blind index
    (HMAC-SM3 under the hall's data key): the ID number itself is stored only sealed."""
    rid = validate_resident_id(resident_id, field="resident_id")
    cipher = pii.cipher_of(session)
    if cipher is None:
        return []  # no data key, no index (plaintext databases are sealed, and indexed, at start)
    rows = session.execute(select(Case.id, Case.case_number, Case.status, Case.opened_at_ms, Case.item_names)
                           .where(Case.hall_id == hall_id, Case.applicant_index == cipher.blind_index(rid))
                           .order_by(Case.opened_at_ms.desc()).limit(limit))
    return [EarlierCase(*r) for r in rows]


def _load_items(session: Any, item_codes: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
    codes = list(dict.fromkeys(c.strip() for c in item_codes if c and c.strip()))
    items, materials, versions = [], [], set()
    for code in codes:
        item = session.scalar(select(ServiceItem).where(ServiceItem.item_code == code))
        if item is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "事项目录中没有实施编码为 {code} 的事项。请重新搜索选择。"),
                                code=code, field="items")
        if item.retired:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "事项“{name}”已从事项目录中取消，不能再受理。请告知申请人现行的办理事项或渠道。"),
                                  name=item.name, field="items")
        rec = dict(item.record or {})
        items.append({
            "item_code": item.item_code, "name": item.name, "department": item.department,
            "item_type": item.item_type, "legal_limit_days": item.legal_limit_days,
            "promised_limit_days": item.promised_limit_days, "legal_basis": rec.get("legal_basis", ""),
            "legal_limit": rec.get("legal_limit", ""), "promised_limit": rec.get("promised_limit", ""),
            "result_name": rec.get("result_name", ""), "delivery_methods": list(rec.get("delivery_methods", [])),
            "enquiry_phone": rec.get("enquiry_phone", ""),
            # per-item remedies for a rejection decision (docs/catalog-format.md); "" = the hall's
            "review_body": rec.get("review_body", ""), "court": rec.get("court", ""),
        })
        versions.add(item.catalog_version)
        rows = session.scalars(select(Material).where(Material.service_item_id == item.id)
                               .order_by(Material.seq)).all()
        for m in rows:
            r = dict(m.record or {})
            materials.append({
                "material_id": m.id, "item_code": item.item_code, "name": m.name, "seq": m.seq,
                "deferrable": m.deferrable, "commitment_allowed": m.commitment_allowed,
                "required": r.get("required", True),
                "requirement": {k: r.get(k) for k in ("material_type", "form", "copies", "paper_size",
                                                      "issuing_body", "requirements", "source_explanation")
                                if r.get(k) not in (None, "")},
            })
    return items, materials, ",".join(sorted(v for v in versions if v))


def _guard(state: d.CaseState, window_number: int | None) -> None:
    """A case finished elsewhere (another window, maybe while this PC was offline) cannot be changed here."""
    if state.terminal:
        where = f"{state.last_window}号窗口" if state.last_window is not None else "其他窗口"
        if state.last_window == window_number:
            where = "本窗口"
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "办件 {case_number} 已由{where}{status}，不能再修改。您录入的内容未保存，"
                                                        "仍保留在屏幕上。"), case_number=state.case_number,
                            where=where, status=d.STATUS_LABELS[state.status], field="case")


def _emit(uow: UnitOfWork, case_id: str, type_name: str, payload: dict[str, Any]) -> d.CaseState:
    uow.emit(type_name, f"case:{case_id}", payload)
    return load_case(uow.session, case_id)


# ---------------------------------------------------------------------------------------------- use cases
def open_case(uow: UnitOfWork, *, item_codes: list[str] | None = None, ticket_id: str | None = None,
              ticket_number: str = "", window_number: int | None = None) -> OpenedCase:
    """Open a case for a called ticket or a walk-in. Opening twice for the same ticket gives the same case."""
    s = uow.session
    if ticket_id:
        existing = s.scalars(select(Case).where(Case.ticket_id == ticket_id, Case.hall_id == uow.hall_id)
                             .order_by(Case.opened_at_ms)).all()
        for row in existing:
            if row.status in (d.CHECKING, d.NOTICE_ISSUED):
                return OpenedCase(load_case(s, row.id), True)
        if not ticket_number:
            ticket_number = s.scalar(select(Ticket.number).where(Ticket.id == ticket_id)) or ""
    items, materials, version = _load_items(s, item_codes or [])
    now = uow.now_ms()
    day = hall_day(now)
    case_id = new_id()
    number = next_case_number(uow, day)
    uow.emit(d.CASE_OPENED, f"case:{case_id}", {
        "case_number": number, "ticket_id": ticket_id, "ticket_number": ticket_number,
        "window_number": window_number, "opened_at_ms": now, "opened_on": day,
        "items": items, "materials": materials, "catalog_version": version,
    })
    return OpenedCase(load_case(s, case_id), False)


def set_items(uow: UnitOfWork, case_id: str, item_codes: list[str], *, window_number: int | None = None
              ) -> d.CaseState:
    state = load_case(uow.session, case_id)
    _guard(state, window_number)
    if state.status not in (d.CHECKING, d.NOTICE_ISSUED):
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "办件已作出决定，不能再更改事项。"), field="items")
    # An empty list is allowed: a clerk who picked the wrong sole item removes it and searches again; any
    # decision but "not in scope" still needs an item (domain.intake.check_outcome).
    items, materials, version = _load_items(uow.session, item_codes)
    return _emit(uow, case_id, d.CASE_ITEMS_SET, {"items": items, "materials": materials,
                                                   "catalog_version": version, "window_number": window_number})


def validate_applicant(applicant: dict[str, Any], agent: dict[str, Any] | None) -> tuple[dict, dict | None]:
    """Check and normalise the applicant (person or organisation) and the agent; fields named for the form."""
    kind = applicant.get("kind", "person")
    name = (applicant.get("name") or "").strip()
    out: dict[str, Any] = {"kind": kind, "name": name}
    if kind == "person":
        if not name:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请填写申请人姓名。"), field="name")
        out["resident_id"] = validate_resident_id(applicant.get("resident_id", ""), field="resident_id")
    elif kind == "organisation":
        if not name:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请填写单位名称。"), field="name")
        out["uscc"] = validate_uscc(applicant.get("uscc", ""), field="uscc")
        out["legal_rep"] = (applicant.get("legal_rep") or "").strip()
        if not out["legal_rep"]:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请填写法定代表人（负责人）姓名。"), field="legal_rep")
        if len(out["legal_rep"]) > NAME_CHARS:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "法定代表人（负责人）姓名过长（最多{name_chars}字），请核对后重新填写。"),
                                  name_chars=NAME_CHARS,
                                  field="legal_rep")
    else:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "申请人类型应为个人或单位。"), field="kind")
    phone = (applicant.get("phone") or "").strip()
    out["phone"] = validate_mobile(phone, field="phone") if phone else ""
    if len(name) > NAME_CHARS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "名称过长（最多{name_chars}字）。"),
                              name_chars=NAME_CHARS, field="name")
    if kind == "organisation" and agent is None:
        # An organisation always acts through a person; without an agent the legal representative comes.
        pass
    ag = None
    if agent:
        ag_name = (agent.get("name") or "").strip()
        if not ag_name:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请填写代理人姓名。"), field="agent_name")
        if len(ag_name) > NAME_CHARS:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "代理人姓名过长（最多{name_chars}字），请核对后重新填写。"),
                                  name_chars=NAME_CHARS, field="agent_name")
        ag = {"name": ag_name,
              "resident_id": validate_resident_id(agent.get("resident_id", ""), field="agent_resident_id")}
        ag_phone = (agent.get("phone") or "").strip()
        ag["phone"] = validate_mobile(ag_phone, field="agent_phone") if ag_phone else ""
        if not agent.get("power_of_attorney"):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "代理人办理须提交授权委托书，请核验后勾选“已核验授权委托书”。"),
                                  field="power_of_attorney")
        ag["power_of_attorney"] = True
    return out, ag


def set_applicant(uow: UnitOfWork, case_id: str, applicant: dict[str, Any], agent: dict[str, Any] | None = None,
                  *, window_number: int | None = None) -> d.CaseState:
    app, ag = validate_applicant(applicant, agent)
    state = load_case(uow.session, case_id)
    _guard(state, window_number)
    if state.status not in (d.CHECKING, d.NOTICE_ISSUED):
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "办件已作出决定，不能再更改申请人。"), field="name")
    return _emit(uow, case_id, d.CASE_APPLICANT_SET, {"applicant": app, "agent": ag,
                                                       "window_number": window_number})


def check_material(uow: UnitOfWork, case_id: str, material_id: str, status: str, *, form: str = "",
                   copies: int = 0, reason_code: str = "", reason_text: str = "",
                   window_number: int | None = None) -> d.CaseState:
    state = load_case(uow.session, case_id)
    _guard(state, window_number)
    if state.status not in (d.CHECKING, d.NOTICE_ISSUED):
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "办件已作出决定，材料审查结果不能再修改。"), field="materials")
    checked = d.validate_check(state.material(material_id), status, form=form, copies=copies,
                               reason_code=reason_code, reason_text=reason_text)
    return _emit(uow, case_id, d.CASE_MATERIAL_CHECKED,
                 {"material_id": material_id, **checked, "window_number": window_number})


def correct_material(uow: UnitOfWork, case_id: str, material_id: str, note: str = "", *,
                     window_number: int | None = None) -> d.CaseState:
    """Correctable on the spot: the applicant fixed it; the material goes back to be checked again."""
    state = load_case(uow.session, case_id)
    _guard(state, window_number)
    row = state.material(material_id)
    if row["status"] != d.DEFECTIVE:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{name}”没有标记为有误，无需更正。"), name=row['name'], field="materials")
    return _emit(uow, case_id, d.CASE_CORRECTED, {
        "material_id": material_id, "note": note.strip()[:200], "was": row["reason_code"],
        "window_number": window_number})


def link_attachment(uow: UnitOfWork, case_id: str, material_id: str, sha256: str, *, filename: str = "",
                    window_number: int | None = None) -> d.CaseState:
    """Link an already stored file (services.attachments.add_attachment) to a material of the case."""
    state = load_case(uow.session, case_id)
    state.material(material_id)
    if sha256 in state.material(material_id)["attachments"]:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "这份扫描件已经关联到该材料，无需重复添加。"), field="attachments")
    return _emit(uow, case_id, d.CASE_ATTACHMENT_LINKED, {"material_id": material_id, "sha256": sha256,
                                                           "filename": filename, "window_number": window_number})


def add_material_scan(uow: UnitOfWork, case_id: str, material_id: str, data: bytes, *, media_type: str,
                      filename: str = "", window_number: int | None = None) -> d.CaseState:
    from desk_app.services.attachments import add_attachment
    sha = add_attachment(uow, data, media_type=media_type, filename=filename, case_id=case_id,
                         material_id=material_id, kind="scan")
    return link_attachment(uow, case_id, material_id, sha, filename=filename, window_number=window_number)


def decide(uow: UnitOfWork, case_id: str, outcome: str, *, refer_to: str = "", reasons: str = "",
           legal_basis: str = "", deadline_days: int | None = None, window_number: int | None = None,
           delivery_method: str = "window", review_body: str = "", court: str = "") -> Decision:
    """Decide one of the outcomes of seed 003 §28 and record the dates it sets.

    A rejection records the review body and court it names: what the clerk typed, else the item's, else
    the hall's (``rejection_rights``), so a reprint names the same ones after the settings change."""
    cal = read_calendar(uow.session)
    state = load_case(uow.session, case_id)
    _guard(state, window_number)
    d.check_outcome(state, outcome, refer_to=refer_to, reasons=reasons)
    today = hall_date(uow.now_ms())
    payload: dict[str, Any] = {"outcome": outcome, "decided_on": today.isoformat(), "window_number": window_number,
                               "reasons": reasons.strip(), "legal_basis": legal_basis.strip(),
                               "refer_to": refer_to.strip()}
    if outcome == d.NOTICE:
        days = NOTICE_DEADLINE_DAYS if deadline_days is None else deadline_days
        payload["deadline"] = cal.add_working_days(today, days).isoformat()
        payload["lines"] = d.notice_lines(state)
    elif outcome in (d.ACCEPT, d.ACCEPT_DEFERRED):
        payload["due_date"] = cal.due_date(today, state.promised_days).isoformat()
        payload["promised_days"] = state.promised_days
        payload["delivery_method"] = delivery_method if delivery_method in d.DELIVERY_METHODS else "window"
        if outcome == d.ACCEPT_DEFERRED:
            days = SUPPLEMENT_DEADLINE_DAYS if deadline_days is None else deadline_days
            payload["deadline"] = cal.add_working_days(today, days).isoformat()
            payload["deferred"] = [m["material_id"] for m in d.deferred_open(state)]
    elif outcome == d.FINISH:
        payload["due_date"] = today.isoformat()
    if outcome == d.REJECT:
        body, crt = d.rejection_rights(state.items, hall_facts(uow.session, uow.hall_id).settings)
        payload["review_body"] = (review_body or "").strip() or body
        payload["court"] = (court or "").strip() or crt
        d.check_rights(payload["review_body"], payload["court"])
        if state.status == d.ACCEPTED_DEFERRED:
            payload["after_deferral"] = True
            payload["lines"] = [{**m, "reason": "逾期未补正"} for m in d.deferred_open(state)]
    uow.emit(d.CASE_DECIDED, f"case:{case_id}", payload)
    new = load_case(uow.session, case_id)
    if new.decision.get("decided_on") != payload["decided_on"] or new.status != d.OUTCOME_STATUS[outcome]:
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "该办件刚被其他窗口处理，您的决定未生效。"), field="outcome")
    return Decision(new, outcome, d.OUTCOME_DOCUMENTS[outcome])


def decide_and_issue(uow: UnitOfWork, case_id: str, outcome: str, *, renderer: Any, clerk_name: str = "",
                     blobs: Any = None, **kw: Any) -> IssuedDecision:
    """Decide and issue the outcome's documents in one transaction: a decision never lacks its sealed paper,
    and a document that cannot be rendered (incomplete data) leaves no decision behind either."""
    from desk_app.services.printing import issue_printout
    dec = decide(uow, case_id, outcome, **kw)
    hall = hall_facts(uow.session, uow.hall_id)
    docs = tuple(issue_printout(uow, kind, document_data(dec.case, kind, hall, clerk_name=clerk_name),
                                renderer=renderer, blobs=blobs)
                 for kind in dec.documents)
    return IssuedDecision(dec.case, outcome, docs)


def receive_supplement(uow: UnitOfWork, case_id: str, material_id: str, *, form: str = d.ORIGINAL,
                       copies: int = 1, window_number: int | None = None) -> d.CaseState:
    """A deferred material arrives after acceptance."""
    state = load_case(uow.session, case_id)
    _guard(state, window_number)
    row = state.material(material_id)
    if state.status != d.ACCEPTED_DEFERRED or row["status"] != d.DEFERRED:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{name}”不是待补正的容缺材料。"), name=row['name'], field="materials")
    checked = d.validate_check(row, d.RECEIVED, form=form, copies=copies)
    return _emit(uow, case_id, d.CASE_SUPPLEMENT_RECEIVED, {
        "material_id": material_id, "form": checked["form"], "copies": checked["copies"],
        "supplied_on": hall_day(uow.now_ms()), "window_number": window_number})


def _expired_deferral_reasons(uow: UnitOfWork, case_id: str) -> str:
    state = load_case(uow.session, case_id)
    if not d.supplement_overdue(state, hall_day(uow.now_ms())):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "该办件的补正期限尚未届满或材料已补齐，不能以逾期未补正为由不予受理。"),
                              field="outcome")
    names = "、".join(m["name"] for m in d.deferred_open(state))
    return f"容缺受理后，申请人未在{state.supplement_deadline}前补正以下材料：{names}。"


def refuse_expired_deferral(uow: UnitOfWork, case_id: str, *, legal_basis: str = "",
                            window_number: int | None = None, review_body: str = "", court: str = "") -> Decision:
    """Refuse with reasons a deferred case whose materials did not arrive by the deadline (seed 003 §28(3))."""
    reasons = _expired_deferral_reasons(uow, case_id)
    return decide(uow, case_id, d.REJECT, reasons=reasons, legal_basis=legal_basis, window_number=window_number,
                  review_body=review_body, court=court)


def refuse_expired_and_issue(uow: UnitOfWork, case_id: str, *, renderer: Any, legal_basis: str = "",
                             clerk_name: str = "", blobs: Any = None, window_number: int | None = None,
                             review_body: str = "", court: str = "") -> IssuedDecision:
    reasons = _expired_deferral_reasons(uow, case_id)
    return decide_and_issue(uow, case_id, d.REJECT, reasons=reasons, legal_basis=legal_basis,
                            clerk_name=clerk_name, renderer=renderer, blobs=blobs, window_number=window_number,
                            review_body=review_body, court=court)


def extend(uow: UnitOfWork, case_id: str, *, reason: str, extra_days: int,
           window_number: int | None = None) -> d.CaseState:
    """Extend the time limit with a written reason (seed 003 §29); only before the date has passed."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "延长办理期限必须书面写明理由。"), field="reason")
    if len(reason) > 200:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "延期理由最多200字。"), field="reason")
    if not isinstance(extra_days, int) or not 1 <= extra_days <= 60:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "延长的工作日数应为1至60。"), field="extra_days")
    state = load_case(uow.session, case_id)
    _guard(state, window_number)
    if state.status not in d.IN_PROGRESS or not state.due_date:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "只有已受理、尚未办结的办件可以延期。"), field="case")
    today = hall_day(uow.now_ms())
    if today > state.due_date:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "办件已于{due_date}到期，超期后不能再补办延期，已列入超期办件。"),
                              due_date=state.due_date,
                              field="extra_days")
    new_due = read_calendar(uow.session).add_working_days(date.fromisoformat(state.due_date), extra_days)
    new_due = new_due.isoformat()
    return _emit(uow, case_id, d.CASE_EXTENDED, {"reason": reason, "extra_days": extra_days,
                                                  "new_due_date": new_due, "extended_on": today,
                                                  "window_number": window_number})


def mark_result_ready(uow: UnitOfWork, case_id: str, *, result_name: str = "",
                      window_number: int | None = None) -> d.CaseState:
    state = load_case(uow.session, case_id)
    _guard(state, window_number)
    if state.status != d.ACCEPTED:
        label = d.STATUS_LABELS.get(state.status, state.status)
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "办件当前为“{label}”，不能出件。容缺材料须先补齐。"), label=label, field="case")
    name = result_name.strip() or "、".join(i.get("result_name") or i["name"] for i in state.items)
    return _emit(uow, case_id, d.CASE_RESULT_READY, {"result_name": name, "ready_on": hall_day(uow.now_ms()),
                                                      "window_number": window_number})


def acknowledge_conflicts(uow: UnitOfWork, case_id: str) -> d.CaseState:
    state = load_case(uow.session, case_id)
    ids = [c["event_id"] for c in state.open_conflicts]
    if not ids:
        return state
    return _emit(uow, case_id, d.CASE_CLOSED_ELSEWHERE, {"event_ids": ids})


def record_document(uow: UnitOfWork, case_id: str, *, kind: str, document_number: str, sha256: str = "",
                    reprint: bool = False) -> d.CaseState:
    """Remember on the case which document was printed (the print log itself belongs to the print service)."""
    return _emit(uow, case_id, d.CASE_DOCUMENT_ISSUED, {"kind": kind, "document_number": document_number,
                                                         "sha256": sha256, "reprint": reprint,
                                                         "printed_on": hall_day(uow.now_ms())})


# ---------------------------------------------------------------------------------------------- for the UI
Renderer = Callable[[str, dict[str, Any]], bytes]


class IntakeService:
    """Intake bound to a Store; each method is one transaction (run it through the Runner's writer)."""

    def __init__(self, store: Store, *, actor: str = "", window_number: int | None = None):
        self.store = store
        self.actor = actor
        self.window_number = window_number

    def _w(self, actor: str | None):
        return self.store.write(actor if actor is not None else self.actor)

    def open_case(self, *, item_codes: list[str] | None = None, ticket_id: str | None = None,
                  ticket_number: str = "", actor: str | None = None) -> OpenedCase:
        with self._w(actor) as uow:
            return open_case(uow, item_codes=item_codes, ticket_id=ticket_id, ticket_number=ticket_number,
                             window_number=self.window_number)

    def set_items(self, case_id: str, item_codes: list[str]) -> d.CaseState:
        with self._w(None) as uow:
            return set_items(uow, case_id, item_codes, window_number=self.window_number)

    def set_applicant(self, case_id: str, applicant: dict[str, Any], agent: dict[str, Any] | None = None
                      ) -> d.CaseState:
        with self._w(None) as uow:
            return set_applicant(uow, case_id, applicant, agent, window_number=self.window_number)

    def check_material(self, case_id: str, material_id: str, status: str, **kw: Any) -> d.CaseState:
        with self._w(None) as uow:
            return check_material(uow, case_id, material_id, status, window_number=self.window_number, **kw)

    def correct_material(self, case_id: str, material_id: str, note: str = "") -> d.CaseState:
        with self._w(None) as uow:
            return correct_material(uow, case_id, material_id, note, window_number=self.window_number)

    def add_material_scan(self, case_id: str, material_id: str, data: bytes, *, media_type: str,
                          filename: str = "") -> d.CaseState:
        with self._w(None) as uow:
            return add_material_scan(uow, case_id, material_id, data, media_type=media_type, filename=filename,
                                     window_number=self.window_number)

    def decide(self, case_id: str, outcome: str, **kw: Any) -> Decision:
        with self._w(None) as uow:
            return decide(uow, case_id, outcome, window_number=self.window_number, **kw)

    def decide_and_issue(self, case_id: str, outcome: str, *, printing: Any = None, clerk_name: str = "",
                         **kw: Any) -> IssuedDecision:
        """``printing`` is the PrintService (its renderer and blob store are used)."""
        with self._w(None) as uow:
            return decide_and_issue(uow, case_id, outcome, clerk_name=clerk_name, renderer=printing.renderer,
                                    blobs=printing.blobs,
                                    window_number=self.window_number, **kw)

    def receive_supplement(self, case_id: str, material_id: str, **kw: Any) -> d.CaseState:
        with self._w(None) as uow:
            return receive_supplement(uow, case_id, material_id, window_number=self.window_number, **kw)

    def refuse_expired_deferral(self, case_id: str, **kw: Any) -> Decision:
        with self._w(None) as uow:
            return refuse_expired_deferral(uow, case_id, window_number=self.window_number, **kw)

    def refuse_expired_and_issue(self, case_id: str, *, printing: Any = None, clerk_name: str = "",
                                 legal_basis: str = "", review_body: str = "", court: str = "") -> IssuedDecision:
        with self._w(None) as uow:
            return refuse_expired_and_issue(uow, case_id, legal_basis=legal_basis, clerk_name=clerk_name,
                                            renderer=printing.renderer, blobs=printing.blobs,
                                            window_number=self.window_number, review_body=review_body,
                                            court=court)

    def extend(self, case_id: str, *, reason: str, extra_days: int) -> d.CaseState:
        with self._w(None) as uow:
            return extend(uow, case_id, reason=reason, extra_days=extra_days, window_number=self.window_number)

    def mark_result_ready(self, case_id: str, result_name: str = "") -> d.CaseState:
        with self._w(None) as uow:
            return mark_result_ready(uow, case_id, result_name=result_name, window_number=self.window_number)

    def acknowledge_conflicts(self, case_id: str) -> d.CaseState:
        with self._w(None) as uow:
            return acknowledge_conflicts(uow, case_id)

    def record_document(self, case_id: str, **kw: Any) -> d.CaseState:
        with self._w(None) as uow:
            return record_document(uow, case_id, **kw)

    # ---- reads
    def get(self, case_id: str) -> d.CaseState:
        with self.store.read() as s:
            return load_case(s, case_id)

    def find(self, case_number: str) -> d.CaseState:
        with self.store.read() as s:
            return load_case(s, find_case_id(s, self.store.hall_id, case_number))

    def earlier_cases(self, resident_id: str) -> list[EarlierCase]:
        with self.store.read() as s:
            return earlier_cases(s, self.store.hall_id, resident_id)

    def hall(self) -> HallFacts:
        with self.store.read() as s:
            return hall_facts(s, self.store.hall_id)

    def rejection_rights(self, case_id: str) -> tuple[str, str]:
        """The review body and court a rejection of this case would name now (the decision form shows them)."""
        with self.store.read() as s:
            return d.rejection_rights(load_case(s, case_id).items, hall_facts(s, self.store.hall_id).settings)

    def document_data(self, case_id: str, kind: str, *, clerk_name: str = "", document_number: str = ""
                      ) -> dict[str, Any]:
        with self.store.read() as s:
            return document_data(load_case(s, case_id), kind, hall_facts(s, self.store.hall_id),
                                 clerk_name=clerk_name, document_number=document_number)
