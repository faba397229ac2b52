"""Pickup window (统一出件): find a case by its receipt barcode, hand out the result, record who took it and how."""
from __future__ import annotations

import re
from typing import Any

from desk_app.domain import intake as d
from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError, ValidationError
from desk_app.domain.printout_kinds import PICKUP_RECEIPT
from desk_app.domain.timeutil import hall_day, local_datetime
from desk_app.domain.validators import mask_resident_id, validate_resident_id
from desk_app.services.intake import _guard, find_case_id, load_case
from desk_app.store.database import Store, UnitOfWork
from desk_app.store.event_schemas import NAME_CHARS

_TRACKING = re.compile(r"^[A-Za-z0-9]{8,30}$")


def normalise_scan(text: str) -> str:
    """A case number from what the scanner or the keyboard gave (spaces, lower case, stray CR removed)."""
    value = re.sub(r"\s", "", text or "").upper()
    if not value:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请扫描收件凭证或受理通知书上的条码，或输入办件编号。"), field="barcode")
    if not d.looks_like_case_number(value):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{value}”不是办件编号。请扫描受理通知书上的办件条码。"),
                              value=value[:40], field="barcode")
    return value


def find_for_pickup(session: Any, hall_id: str, scanned: str) -> d.CaseState:
    """The case ready for pickup, or a message saying why not (already handed out, not finished...)."""
    number = normalise_scan(scanned)
    state = load_case(session, find_case_id(session, hall_id, number))
    if state.status == d.DELIVERED:
        dl = state.delivery or {}
        raise ConflictError(
            QT_TRANSLATE_NOOP("Errors", "办件 {number} 的结果已于{delivered_on} {delivered_at}由{receiver_name}领取（{deliver"
                                        "y_methods}），不能重复发放。"), number=number,
            delivered_on=dl.get('delivered_on', ''), delivered_at=dl.get('delivered_at', ''),
            receiver_name=dl.get('receiver_name', ''),
            delivery_methods=d.DELIVERY_METHODS.get(dl.get('method', ''), ''), field="barcode")
    if state.status != d.RESULT_READY:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "办件 {number} 当前为“{status}”，结果尚未可领取。"),
                              number=number, status=d.STATUS_LABELS.get(state.status, state.status), field="barcode")
    return state


def hand_out(uow: UnitOfWork, case_id: str, *, method: str, receiver_kind: str, receiver_name: str = "",
             receiver_id: str = "", tracking_number: str = "", window_number: int | None = None) -> d.CaseState:
    state = load_case(uow.session, case_id)
    _guard(state, window_number)
    if state.status != d.RESULT_READY:
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "办件 {case_number} 当前为“{status}”，不能发放结果。"),
                            case_number=state.case_number,
                            status=d.STATUS_LABELS.get(state.status, state.status), field="barcode")
    if method not in d.DELIVERY_METHODS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请选择送达方式：窗口领取、邮寄、电子送达或自助领取。"), field="method")
    if receiver_kind not in d.RECEIVER_KINDS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请选择领取人是申请人本人还是代理人。"), field="receiver_kind")
    payload: dict[str, Any] = {"method": method, "receiver_kind": receiver_kind, "window_number": window_number}
    name = (receiver_name or "").strip()
    if len(name) > NAME_CHARS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "领取人姓名过长（最多{name_chars}字），请核对后重新填写。"),
                              name_chars=NAME_CHARS, field="receiver_name")
    if method in ("window", "self_service"):
        rid = validate_resident_id(receiver_id, field="receiver_id")
        if receiver_kind == "applicant":
            app = state.applicant
            own = app.get("resident_id") if app.get("kind") == "person" else None
            if own and own != rid:
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "领取人身份证号与申请人不一致。如由他人代领，请选择“代理人”并核验授权委托书。"),
                                      field="receiver_id")
            name = name or app.get("name", "")
        elif not name:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请填写代领人姓名。"), field="receiver_name")
        payload["receiver_id_masked"] = mask_resident_id(rid)
    elif method == "post":
        tn = (tracking_number or "").strip()
        if not _TRACKING.match(tn):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "请填写邮件的运单号（8至30位字母或数字）。"), field="tracking_number")
        payload["tracking_number"] = tn
        name = name or state.applicant.get("name", "")
    else:  # electronic
        name = name or state.applicant.get("name", "")
    payload["receiver_name"] = name
    now = uow.now_ms()
    payload["delivered_on"] = hall_day(now)
    payload["delivered_at"] = local_datetime(now).strftime("%H:%M")
    uow.emit(d.CASE_RESULT_DELIVERED, f"case:{case_id}", payload)
    new = load_case(uow.session, case_id)
    if new.status != d.DELIVERED or new.delivery != payload:
        raise ConflictError(QT_TRANSLATE_NOOP("Errors", "该办件结果刚由其他窗口发放，本次发放未生效。"), field="barcode")
    return new


class PickupService:
    def __init__(self, store: Store, *, actor: str = "", window_number: int | None = None):
        self.store = store
        self.actor = actor
        self.window_number = window_number

    def find(self, scanned: str) -> d.CaseState:
        with self.store.read() as s:
            return find_for_pickup(s, self.store.hall_id, scanned)

    def hand_out(self, case_id: str, **kw: Any) -> d.CaseState:
        with self.store.write(self.actor) as uow:
            return hand_out(uow, case_id, window_number=self.window_number, **kw)

    def hand_out_and_issue(self, case_id: str, *, printing: Any, clerk_name: str = "",
                           **kw: Any) -> tuple[d.CaseState, Any]:
        """Hand out and issue the pickup receipt in one transaction; returns (case, PrintedDocument)."""
        from desk_app.services.hall_facts import hall_facts
        from desk_app.services.printout_data import document_data
        from desk_app.services.printing import issue_printout
        with self.store.write(self.actor) as uow:
            state = hand_out(uow, case_id, window_number=self.window_number, **kw)
            data = document_data(state, PICKUP_RECEIPT, hall_facts(uow.session, uow.hall_id),
                                 clerk_name=clerk_name)
            doc = issue_printout(uow, PICKUP_RECEIPT, data, renderer=printing.renderer, blobs=printing.blobs)
            return state, doc


__all__ = ["PickupService", "find_for_pickup", "hand_out", "normalise_scan"]
