"""Intake of a case (办件): checklist rules, the outcomes of seed 001 §14 / seed 003 §28, and the fold of case events.

Everything here is pure: dates arrive as ISO strings already computed by the services (which own the
working-day calendar), so the fold gives the same case on every PC whatever order the events came in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from desk_app.domain import printout_kinds as kinds
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError, ValidationError
from desk_app.domain.events import Event, ordered, register

# ---------------------------------------------------------------------------------------------- events
CASE_OPENED = register("case.opened", "case").name
CASE_ITEMS_SET = register("case.items_set", "case").name
CASE_APPLICANT_SET = register("case.applicant_set", "case").name
CASE_MATERIAL_CHECKED = register("case.material_checked", "case").name
CASE_CORRECTED = register("case.corrected", "case").name
CASE_ATTACHMENT_LINKED = register("case.attachment_linked", "case").name
CASE_DECIDED = register("case.decided", "case").name
CASE_SUPPLEMENT_RECEIVED = register("case.supplement_received", "case").name
CASE_EXTENDED = register("case.extended", "case").name
CASE_RESULT_READY = register("case.result_ready", "case").name
CASE_RESULT_DELIVERED = register("case.result_delivered", "case").name
CASE_DOCUMENT_ISSUED = register("case.document_issued", "case").name
CASE_CLOSED_ELSEWHERE = register("case.closed_elsewhere", "case").name
CASE_PII_PURGED = register("case.pii_purged", "case").name  # retention: the personal data is erased

# ---------------------------------------------------------------------------------------------- states
CHECKING = "checking"              # open at the window, materials being checked
NOTICE_ISSUED = "notice_issued"    # one-time notice given; the applicant comes back to the same case
ACCEPTED = "accepted"              # promised item accepted, the clock runs
ACCEPTED_DEFERRED = "accepted_deferred"  # accepted with deferred materials still to come
RESULT_READY = "result_ready"      # back office finished, waiting at the pickup window
DELIVERED = "delivered"
FINISHED = "finished"              # instant item finished and handed over on the spot
REFUSED = "refused"                # not in scope: referred to the right department or channel
REJECTED = "rejected"              # rejection decision with reasons

TERMINAL = frozenset({DELIVERED, FINISHED, REFUSED, REJECTED})
IN_PROGRESS = frozenset({ACCEPTED, ACCEPTED_DEFERRED})  # the promised time limit runs
# Marked for translation: error messages take these as parameters, and the UI translates them there too.
STATUS_LABELS = {
    CHECKING: QT_TRANSLATE_NOOP("Errors", "审查中"), NOTICE_ISSUED: QT_TRANSLATE_NOOP("Errors", "已一次性告知"),
    ACCEPTED: QT_TRANSLATE_NOOP("Errors", "已受理"), ACCEPTED_DEFERRED: QT_TRANSLATE_NOOP("Errors", "容缺受理"),
    RESULT_READY: QT_TRANSLATE_NOOP("Errors", "待领取"), DELIVERED: QT_TRANSLATE_NOOP("Errors", "已送达"),
    FINISHED: QT_TRANSLATE_NOOP("Errors", "即办办结"), REFUSED: QT_TRANSLATE_NOOP("Errors", "不予受理(非本部门)"),
    REJECTED: QT_TRANSLATE_NOOP("Errors", "不予受理"),
}

# Outcomes a clerk can choose (seed 003 §28). "finished" is acceptance of an instant item.
OUT_OF_SCOPE = "out_of_scope"
NOTICE = "notice"
ACCEPT = "accept"
ACCEPT_DEFERRED = "accept_deferred"
REJECT = "reject"
FINISH = "finish"
OUTCOMES = (OUT_OF_SCOPE, NOTICE, ACCEPT, ACCEPT_DEFERRED, REJECT, FINISH)
OUTCOME_STATUS = {OUT_OF_SCOPE: REFUSED, NOTICE: NOTICE_ISSUED, ACCEPT: ACCEPTED,
                  ACCEPT_DEFERRED: ACCEPTED_DEFERRED, REJECT: REJECTED, FINISH: FINISHED}
# The printouts each outcome produces (domain/printout_kinds.py), in printing order.
OUTCOME_DOCUMENTS = {
    OUT_OF_SCOPE: (kinds.REFUSAL_NOTICE,),
    NOTICE: (kinds.ONE_TIME_NOTICE,),
    ACCEPT: (kinds.ACCEPTANCE_NOTICE, kinds.MATERIALS_RECEIPT),
    ACCEPT_DEFERRED: (kinds.ACCEPTANCE_NOTICE, kinds.MATERIALS_RECEIPT, kinds.SUPPLEMENT_NOTICE),
    REJECT: (kinds.REJECTION_DECISION,),
    FINISH: (kinds.MATERIALS_RECEIPT,),
}

# ---------------------------------------------------------------------------------------------- materials
PENDING = "pending"
RECEIVED = "received"
MISSING = "missing"
DEFECTIVE = "defective"
DEFERRED = "deferred"
COMMITTED = "committed"   # notify-and-commit (告知承诺): a signed commitment replaces the certificate
MATERIAL_STATUSES = (PENDING, RECEIVED, MISSING, DEFECTIVE, DEFERRED, COMMITTED)
MATERIAL_LABELS = {PENDING: "未审查", RECEIVED: "已收", MISSING: "缺少", DEFECTIVE: "有误",
                   DEFERRED: "容缺", COMMITTED: "告知承诺"}

ORIGINAL = "original"
COPY = "copy"
ORIGINAL_AND_COPY = "original_and_copy"
FORMS = {ORIGINAL: "原件", COPY: "复印件", ORIGINAL_AND_COPY: "原件及复印件"}

DEFECT_REASONS: dict[str, str] = {
    "expired": "证件已过有效期",
    "unclear": "字迹或影像不清晰",
    "unfilled": "填写不完整",
    "unsigned": "缺少签字或盖章",
    "inconsistent": "信息与其他材料不一致",
    "wrong_form": "不符合法定形式",
    "wrong_size": "纸张规格不符",
    "too_few_copies": "份数不足",
    "not_original": "应提交原件",
    "other": "其他",
}

# ---------------------------------------------------------------------------------------------- remedies
# What the rejection decision names when neither the item nor the hall says (seed 003 §28(4)).
DEFAULT_REVIEW_BODY = "本级人民政府"
DEFAULT_COURT = "有管辖权的人民法院"
RIGHTS_MAX_LEN = 60


def rejection_rights(items: Iterable[dict[str, Any]], hall_settings: dict[str, Any]) -> tuple[str, str]:
    """(review body, court) for a rejection: the first item that names one, else the hall's, else the default."""
    items = list(items)

    def pick(key: str, default: str) -> str:
        for item in items:
            if str(item.get(key) or "").strip():
                return str(item[key]).strip()
        return str(hall_settings.get(key) or "").strip() or default

    return pick("review_body", DEFAULT_REVIEW_BODY), pick("court", DEFAULT_COURT)


def check_rights(review_body: str, court: str) -> None:
    """Refuse names that would mislead the applicant about where to seek review or sue."""
    if len(review_body) > RIGHTS_MAX_LEN or len(court) > RIGHTS_MAX_LEN:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "复议机关和人民法院的名称最多{rights_max_len}字。请写机关全称。"),
                              rights_max_len=RIGHTS_MAX_LEN, field="review_body")
    if "法院" in review_body:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "复议机关“{review_body}”是法院。复议机关是行政机关（通常为本级人民政府），"
                                                          "法院请填在“人民法院”一栏。"), review_body=review_body, field="review_body")
    if court and not court.endswith("法院"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{court}”不是法院名称。请填写法院全称，例如“某某市某某区人民法院”。"),
                              court=court, field="court")


# ---------------------------------------------------------------------------------------------- delivery
DELIVERY_METHODS = {"window": "窗口领取", "post": "邮寄送达", "electronic": "电子送达",
                    "self_service": "自助领取"}
RECEIVER_KINDS = {"applicant": "申请人本人", "agent": "代理人"}

CASE_NUMBER_RE = re.compile(r"^[A-Z0-9]{2,12}-\d{8}-\d{1,3}-\d{4,6}$")


def format_case_number(hall_code: str, day_iso: str, device_index: int, seq: int) -> str:
    """``<hall code>-<yyyymmdd>-<device index>-<seq>``: unique per hall without asking anyone (offline-safe),
    because each PC has its own index and its own daily counter. Only Code128-safe characters."""
    code = re.sub(r"[^A-Z0-9]", "", hall_code.upper()) or "HALL"
    return f"{code}-{day_iso.replace('-', '')}-{int(device_index)}-{int(seq):04d}"


def looks_like_case_number(text: str) -> bool:
    return bool(CASE_NUMBER_RE.match(text.strip().upper()))


# ---------------------------------------------------------------------------------------------- state
@dataclass(frozen=True)
class CaseState:
    id: str
    hall_id: str
    case_number: str
    status: str
    ticket_id: str | None = None
    ticket_number: str = ""
    window_number: int | None = None
    clerk: str = ""
    opened_at_ms: int = 0
    opened_on: str = ""
    catalog_version: str = ""
    items: tuple[dict[str, Any], ...] = ()
    materials: tuple[dict[str, Any], ...] = ()   # checklist rows, in catalog order
    applicant: dict[str, Any] = field(default_factory=dict)
    agent: dict[str, Any] | None = None
    decision: dict[str, Any] = field(default_factory=dict)   # the latest decision
    decisions: tuple[dict[str, Any], ...] = ()
    notice_count: int = 0
    notice_deadline: str | None = None
    accepted_on: str | None = None
    due_date: str | None = None          # promised completion date (after extension if any)
    original_due_date: str | None = None
    extension: dict[str, Any] | None = None
    supplement_deadline: str | None = None
    corrections: tuple[dict[str, Any], ...] = ()
    documents: tuple[dict[str, Any], ...] = ()
    result: dict[str, Any] | None = None
    delivery: dict[str, Any] | None = None
    conflicts: tuple[dict[str, Any], ...] = ()
    acknowledged_conflicts: tuple[str, ...] = ()
    pii_purged_on: str | None = None  # the retention purge erased the personal data (services/retention.py)
    last_actor: str = ""
    last_window: int | None = None

    # ---- derived views
    @property
    def instant(self) -> bool:
        return bool(self.items) and all(i.get("item_type") == "instant" for i in self.items)

    @property
    def promised_days(self) -> int:
        return max((int(i.get("promised_limit_days") or 0) for i in self.items), default=0)

    @property
    def legal_days(self) -> int:
        return max((int(i.get("legal_limit_days") or 0) for i in self.items), default=0)

    def material(self, material_id: str) -> dict[str, Any]:
        for m in self.materials:
            if m["material_id"] == material_id:
                return m
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "这份材料不属于本办件的材料清单。请在清单中选择。"), field="material")

    def by_status(self, *statuses: str) -> list[dict[str, Any]]:
        return [m for m in self.materials if m["status"] in statuses]

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL

    @property
    def open_conflicts(self) -> list[dict[str, Any]]:
        return [c for c in self.conflicts if c["event_id"] not in self.acknowledged_conflicts]

    def applicant_display(self) -> str:
        return self.applicant.get("name", "")

    def document_numbers(self, kind: str) -> list[str]:
        return [d["document_number"] for d in self.documents if d.get("kind") == kind]


# ---------------------------------------------------------------------------------------------- rules
def material_row(spec: dict[str, Any]) -> dict[str, Any]:
    """A checklist row for one catalog material, before it is checked."""
    return {
        "material_id": spec["material_id"], "item_code": spec.get("item_code", ""),
        "name": spec["name"], "seq": spec.get("seq", 0),
        "deferrable": bool(spec.get("deferrable")), "commitment_allowed": bool(spec.get("commitment_allowed")),
        "required": bool(spec.get("required", True)),
        "requirement": dict(spec.get("requirement") or {}),
        "status": PENDING, "form": "", "copies": 0, "reason_code": "", "reason_text": "", "note": "",
        "attachments": [], "supplied_on": None,
    }


def validate_check(row: dict[str, Any], status: str, *, form: str = "", copies: int = 0,
                   reason_code: str = "", reason_text: str = "") -> dict[str, Any]:
    """The checked values for one material, or a ValidationError naming the field."""
    name = row["name"]
    if status not in MATERIAL_STATUSES or status == PENDING:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{name}”的审查结果无效。请选择已收、缺少、有误、容缺或告知承诺。"),
                              name=name, field="status")
    out = {"status": status, "form": "", "copies": 0, "reason_code": "", "reason_text": reason_text.strip()}
    if len(out["reason_text"]) > 200:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{name}”的说明超过200字。请精简后再保存。"), name=name, field="reason_text")
    if status == RECEIVED:
        if form not in FORMS:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请为“{name}”选择收取的是原件、复印件还是原件及复印件。"),
                                  name=name, field="form")
        try:
            n = int(copies)
        except (TypeError, ValueError):
            n = 0
        if not 1 <= n <= 99:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{name}”的份数应为1至99之间的整数。"), name=name, field="copies")
        out.update(form=form, copies=n)
    elif status == DEFECTIVE:
        if reason_code not in DEFECT_REASONS:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请为“{name}”选择有误的原因。"), name=name, field="reason_code")
        if reason_code == "other" and not out["reason_text"]:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{name}”选择了“其他”原因，请写明具体问题。"), name=name, field="reason_text")
        out["reason_code"] = reason_code
    elif status == DEFERRED and not row.get("deferrable"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{name}”按实施清单不允许容缺受理。请标记为缺少，或收取该材料。"),
                              name=name, field="status")
    elif status == COMMITTED and not row.get("commitment_allowed"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{name}”按实施清单不适用告知承诺。请收取该材料或标记为缺少。"),
                              name=name, field="status")
    return out


def allowed_outcomes(state: CaseState) -> list[str]:
    """The outcomes the decision buttons offer now (the reason for each refusal is in ``check_outcome``)."""
    result = []
    for outcome in OUTCOMES:
        try:
            # the written reason is asked for when the button is pressed, not needed to offer it
            check_outcome(state, outcome, refer_to="-", reasons="-")
        except (ValidationError, ConflictError):
            continue
        result.append(outcome)
    return result


def check_outcome(state: CaseState, outcome: str, *, refer_to: str = "", reasons: str = "") -> None:
    """Raise with a Chinese message when ``outcome`` cannot be decided for the case as it stands."""
    if outcome not in OUTCOMES:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "未知的办理结果。"), field="outcome")
    if state.terminal:
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "办件 {case_number} 已{status}，不能再作出决定。"),
                            case_number=state.case_number, status=STATUS_LABELS[state.status],
                            field="outcome")
    if outcome == REJECT:
        # Allowed while checking, after a notice, or for a deferred case whose materials did not come (§28(3)).
        if state.status not in (CHECKING, NOTICE_ISSUED, ACCEPTED_DEFERRED):
            raise ConflictError(QT_TRANSLATE_NOOP("Errors", "该办件已受理，不能再作不予受理决定。"), field="outcome")
        if not reasons.strip():
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "不予受理决定必须写明理由。"), field="reasons")
        return
    if state.status not in (CHECKING, NOTICE_ISSUED):
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "办件 {case_number} 已{status}，不能再作出此决定。"),
                            case_number=state.case_number, status=STATUS_LABELS[state.status],
                            field="outcome")
    if outcome == OUT_OF_SCOPE:
        if not refer_to.strip():
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请写明应到哪个部门或通过什么渠道办理。"), field="refer_to")
        return
    if not state.items:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请先选择办理的事项。"), field="items")
    if not state.applicant.get("name"):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请先填写申请人信息。"), field="applicant")
    pending = state.by_status(PENDING)
    if pending:
        names = "、".join(m["name"] for m in pending[:3]) + ("等" if len(pending) > 3 else "")
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "还有{pending_count}份材料未审查：{names}。请逐项审查后再作决定。"),
                              pending_count=len(pending), names=names,
                              field="materials")
    lacking = state.by_status(MISSING, DEFECTIVE)
    deferred = state.by_status(DEFERRED)
    if outcome == NOTICE:
        if state.notice_count:
            raise ConflictError(QT_TRANSLATE_NOOP("Errors", "本办件已出具过一次性告知通知书，每个办件只能出具一次。请受理、容缺受理或作不予受理决定。"), field="outcome")
        if not lacking:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "没有缺少或有误的材料，无需一次性告知。"), field="outcome")
        return
    if lacking:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "有{lacking_count}份材料缺少或有误，不能受理。请出具一次性告知通知书或让申请人当场更正。"),
                              lacking_count=len(lacking), field="materials")
    if outcome == ACCEPT_DEFERRED:
        if not deferred:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "没有容缺的材料，请直接受理。"), field="outcome")
        if state.instant:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "即办件须材料齐全当场办结，不能容缺受理。"), field="outcome")
        return
    if deferred:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "有容缺的材料，请选择容缺受理。"), field="outcome")
    if outcome == FINISH and not state.instant:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "承诺件不能当场办结，请受理并告知承诺办结日期。"), field="outcome")
    if outcome == ACCEPT and state.instant:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "即办件应当场办结。"), field="outcome")


def notice_lines(state: CaseState) -> list[dict[str, Any]]:
    """Every missing or defective material with its requirement and reason, for the one-time notice."""
    lines = []
    for m in state.by_status(MISSING, DEFECTIVE):
        reason = "缺少该材料" if m["status"] == MISSING else DEFECT_REASONS.get(m["reason_code"], "")
        if m["reason_text"]:
            reason = f"{reason}：{m['reason_text']}" if reason else m["reason_text"]
        lines.append({**m, "reason": reason})
    return lines


def deferred_open(state: CaseState) -> list[dict[str, Any]]:
    return [m for m in state.materials if m["status"] == DEFERRED]


def is_overdue(state: CaseState, today_iso: str) -> bool:
    """Past the promised date (after a recorded extension) and not done (seed 003 §33)."""
    return state.status in IN_PROGRESS and state.due_date is not None and today_iso > state.due_date


def supplement_overdue(state: CaseState, today_iso: str) -> bool:
    """A deferred case whose materials did not arrive by the supplement deadline (seed 003 §28(3))."""
    return (state.status == ACCEPTED_DEFERRED and state.supplement_deadline is not None
            and today_iso > state.supplement_deadline and bool(deferred_open(state)))


# ---------------------------------------------------------------------------------------------- fold
_AFTER_TERMINAL_OK = {CASE_DOCUMENT_ISSUED, CASE_CLOSED_ELSEWHERE, CASE_ATTACHMENT_LINKED}


def fold_case(events: Iterable[Event]) -> CaseState | None:
    """The case's state from its events in hybrid-logical-clock order; None until it is opened.

    Conflicts are settled by rule: once a case is terminal, or decided, later events that would change
    it (made on another window while offline) do not apply and are listed in ``conflicts``.
    """
    state: CaseState | None = None
    for ev in ordered(list(events)):
        if ev.type == CASE_OPENED:
            if state is None:
                state = _opened(ev)
            continue
        if state is None:
            continue  # the opening has not arrived yet; the fold is redone when it does
        state = _apply(state, ev)
    return state


def _opened(ev: Event) -> CaseState:
    p = ev.payload
    return CaseState(
        id=ev.aggregate_id, hall_id=ev.hall, case_number=p["case_number"], status=CHECKING,
        ticket_id=p.get("ticket_id"), ticket_number=p.get("ticket_number", ""),
        window_number=p.get("window_number"), clerk=ev.actor, opened_at_ms=p.get("opened_at_ms", 0),
        opened_on=p.get("opened_on", ""), catalog_version=p.get("catalog_version", ""),
        items=tuple(p.get("items", [])), materials=tuple(material_row(m) for m in p.get("materials", [])),
        last_actor=ev.actor, last_window=p.get("window_number"),
    )


def _conflict(state: CaseState, ev: Event, reason: str) -> CaseState:
    c = {"event_id": ev.id, "type": ev.type, "device": ev.device, "actor": ev.actor,
         "window_number": ev.payload.get("window_number"), "reason": reason,
         "winner_status": state.status, "winner_actor": state.last_actor, "winner_window": state.last_window}
    return replace(state, conflicts=state.conflicts + (c,))


def _touch(state: CaseState, ev: Event, **changes: Any) -> CaseState:
    win = ev.payload.get("window_number", state.last_window)
    return replace(state, last_actor=ev.actor, last_window=win, **changes)


def _purged(state: CaseState, p: dict[str, Any]) -> CaseState:
    """Only a closed case is purged; the record of what was done stays, who it was done for goes."""
    if not state.terminal:
        return state
    applicant = {"kind": state.applicant.get("kind", "person"), "name": ""} if state.applicant else {}
    delivery = {**state.delivery, "receiver_name": ""} if state.delivery else state.delivery
    return replace(state, applicant=applicant, agent=None, delivery=delivery, pii_purged_on=p.get("purged_on"))


def _set_material(state: CaseState, material_id: str, **changes: Any) -> CaseState | None:
    rows, hit = [], False
    for m in state.materials:
        if m["material_id"] == material_id:
            m = {**m, **changes}
            hit = True
        rows.append(m)
    return replace(state, materials=tuple(rows)) if hit else None


def _apply(state: CaseState, ev: Event) -> CaseState:
    p, t = ev.payload, ev.type
    if t == CASE_CLOSED_ELSEWHERE:
        return replace(state, acknowledged_conflicts=state.acknowledged_conflicts + tuple(p.get("event_ids", [])))
    if t == CASE_DOCUMENT_ISSUED:
        return replace(state, documents=state.documents + (dict(p),))
    if t == CASE_PII_PURGED:
        return _purged(state, p)
    if t == CASE_ATTACHMENT_LINKED:
        cur = next((m for m in state.materials if m["material_id"] == p["material_id"]), None)
        if cur is None or p["sha256"] in cur["attachments"]:
            return state
        new = _set_material(state, p["material_id"], attachments=cur["attachments"] + [p["sha256"]])
        return new or state
    if state.terminal:
        return _conflict(state, ev, f"办件已{STATUS_LABELS[state.status]}")

    checking = state.status in (CHECKING, NOTICE_ISSUED)
    if t == CASE_ITEMS_SET:
        if not checking:
            return _conflict(state, ev, "办件已作出决定，不能更改事项")
        return _touch(state, ev, items=tuple(p["items"]),
                      materials=_merge_materials(state.materials, p["materials"]),
                      catalog_version=p.get("catalog_version", state.catalog_version))
    if t == CASE_APPLICANT_SET:
        if not checking:
            return _conflict(state, ev, "办件已作出决定，不能更改申请人")
        return _touch(state, ev, applicant=dict(p["applicant"]), agent=p.get("agent"))
    if t == CASE_MATERIAL_CHECKED:
        if not checking:
            return _conflict(state, ev, "办件已作出决定，不能更改材料审查结果")
        new = _set_material(state, p["material_id"], status=p["status"], form=p.get("form", ""),
                            copies=p.get("copies", 0), reason_code=p.get("reason_code", ""),
                            reason_text=p.get("reason_text", ""))
        return _touch(new, ev) if new else state
    if t == CASE_CORRECTED:
        if not checking:
            return _conflict(state, ev, "办件已作出决定")
        new = _set_material(state, p["material_id"], status=PENDING, reason_code="", reason_text="")
        if new is None:
            return state
        return _touch(new, ev, corrections=state.corrections + ({**p, "at_hlc": ev.hlc},))
    if t == CASE_DECIDED:
        return _decided(state, ev)
    if t == CASE_SUPPLEMENT_RECEIVED:
        if state.status != ACCEPTED_DEFERRED:
            return _conflict(state, ev, "办件不在容缺待补正状态")
        new = _set_material(state, p["material_id"], status=RECEIVED, form=p.get("form", ""),
                            copies=p.get("copies", 1), supplied_on=p.get("supplied_on"))
        if new is None:
            return state
        status = ACCEPTED if not deferred_open(new) else ACCEPTED_DEFERRED
        return _touch(new, ev, status=status)
    if t == CASE_EXTENDED:
        if state.status not in IN_PROGRESS:
            return _conflict(state, ev, "只有办理中的办件可以延期")
        ext = dict(p)
        return _touch(state, ev, due_date=p["new_due_date"], extension=ext,
                      original_due_date=state.original_due_date or state.due_date)
    if t == CASE_RESULT_READY:
        if state.status != ACCEPTED:
            return _conflict(state, ev, "办件未处于可出件状态")
        return _touch(state, ev, status=RESULT_READY, result=dict(p))
    if t == CASE_RESULT_DELIVERED:
        if state.status != RESULT_READY:
            return _conflict(state, ev, "办件结果尚未可领取")
        return _touch(state, ev, status=DELIVERED, delivery=dict(p))
    return state  # an event type of a newer schema: kept in the log, folded after upgrade


def _merge_materials(old: tuple[dict[str, Any], ...], specs: list[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    # Keep what was already checked for materials still required after the items changed.
    known = {m["material_id"]: m for m in old}
    return tuple(known.get(s["material_id"]) or material_row(s) for s in specs)


def _decided(state: CaseState, ev: Event) -> CaseState:
    p = ev.payload
    outcome = p["outcome"]
    if outcome == REJECT:
        ok = state.status in (CHECKING, NOTICE_ISSUED, ACCEPTED_DEFERRED)
    elif outcome == NOTICE:
        ok = state.status == CHECKING and state.notice_count == 0
    else:
        ok = state.status in (CHECKING, NOTICE_ISSUED)
    if not ok:
        return _conflict(state, ev, f"办件已{STATUS_LABELS[state.status]}，另一窗口的决定未生效")
    decision = dict(p)
    changes: dict[str, Any] = dict(status=OUTCOME_STATUS[outcome], decision=decision,
                                   decisions=state.decisions + (decision,))
    if outcome == NOTICE:
        changes.update(notice_count=state.notice_count + 1, notice_deadline=p.get("deadline"))
    if outcome in (ACCEPT, ACCEPT_DEFERRED, FINISH):
        changes.update(accepted_on=p.get("decided_on"), due_date=p.get("due_date"),
                       original_due_date=p.get("due_date"))
    if outcome == ACCEPT_DEFERRED:
        changes["supplement_deadline"] = p.get("deadline")
    if outcome == FINISH:
        changes["delivery"] = {"method": "window", "receiver_kind": "applicant", "on_the_spot": True,
                               "delivered_on": p.get("decided_on")}
    return _touch(state, ev, **changes)
