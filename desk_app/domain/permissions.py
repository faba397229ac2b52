"""Who may do what: the roles allowed to cause each event type, and the window rule; one table for the PCs'
services and for desk-central's check of pushed events, so both refuse the same things.

A use case is allowed when every event it emits is. Roles not listed for an event type are refused:
a new event type must be added here (a test checks that every registered type is).
"""
from __future__ import annotations

from typing import Any

from desk_app.domain.roles import ROLES, WINDOW_ROLES, role_label

STAFF = frozenset(ROLES)
SYSTEM_ROLE = "system"        # events of the program itself (actor ""), e.g. the end-of-day close
APPLICANT_ACTOR = "applicant"  # the applicant rates on the applicant screen of a clerk's PC

_FRONT = frozenset({"guide", "clerk", "supervisor"})
_WINDOW = frozenset({"clerk", "pickup", "supervisor"})
_CASE = frozenset({"clerk", "supervisor"})
_SUPERVISOR = frozenset({"supervisor"})

ALLOWED: dict[str, frozenset[str]] = {
    # queue at the guide desk
    "ticket.issued": _FRONT, "ticket.handed_out": _FRONT, "ticket.print_failed": _FRONT,
    "appointment.checked_in": _FRONT,
    # booked and cancelled at the guide desk, or by desk-central's booking API for an online booking system
    # (server/appointments.py writes those as the system: actor "", from the booking system's device)
    "appointment.booked": _FRONT | {SYSTEM_ROLE}, "appointment.cancelled": _FRONT | {SYSTEM_ROLE},
    # queue at a window
    **{f"ticket.{t}": _WINDOW for t in ("called", "recalled", "no_show", "served_again", "service_started",
                                        "held", "resumed", "transferred", "finished")},
    "window.paused": _WINDOW, "window.resumed": _WINDOW,
    # the hall's queue as a whole: the duty supervisor (and the program's own end-of-day close)
    "window.categories_changed": _SUPERVISOR,  # tidal windows
    "queue_day.category_closed": _SUPERVISOR, "queue_day.category_reopened": _SUPERVISOR,
    "queue_day.closed": _SUPERVISOR | {SYSTEM_ROLE}, "ticket.closed_end_of_day": _SUPERVISOR | {SYSTEM_ROLE},
    # intake
    **{f"case.{t}": _CASE for t in ("opened", "items_set", "applicant_set", "material_checked", "corrected",
                                    "attachment_linked", "decided", "supplement_received", "extended",
                                    "result_ready", "document_issued", "closed_elsewhere")},
    "case.result_delivered": _WINDOW,
    # the retention purge (services/retention.py), of cases, appointments and complaints alike
    "case.pii_purged": _SUPERVISOR | {"admin", SYSTEM_ROLE},
    "appointment.pii_purged": _SUPERVISOR | {"admin", SYSTEM_ROLE},
    "complaint.pii_purged": _SUPERVISOR | {"admin", SYSTEM_ROLE},
    "attachment.added": _WINDOW,
    "printout.issued": _WINDOW | {"guide"}, "printout.reprinted": _WINDOW | {"guide"},
    "printout.job_reported": _WINDOW | {"guide"},  # what the printer answered about one print
    # ratings: requested at the window, given by the applicant, followed up only by the supervisor
    "rating.requested": _WINDOW, "rating.left_pending": _WINDOW, "rating.submitted": _WINDOW,
    "rating.followed_up": _SUPERVISOR, "rating.rectified": _SUPERVISOR,
    "alert.acknowledged": _SUPERVISOR,  # the live hall overview's alerts
    "pc.heartbeat": frozenset({SYSTEM_ROLE}),  # the sync agent's, for the overview's offline and clock alerts
    # the complaint window (办不成事反映窗口)
    "complaint.recorded": _CASE, "complaint.progressed": _CASE, "complaint.resolved": _CASE,
    # accounts and sessions: every member of staff, for themselves
    "signin.succeeded": STAFF, "signin.failed": STAFF, "signin.locked_out": STAFF,
    "session.locked": STAFF, "session.unlocked": STAFF, "session.signed_out": STAFF,
    "user.password_changed": STAFF,
    # audit records
    "audit.pii_viewed": _WINDOW, "audit.exported": _SUPERVISOR | {"admin"}, "audit.settings_changed": STAFF,
}
# Recorded for attempts by names that may be no user at all (a mistyped or guessed user name).
ANY_ACTOR = frozenset({"signin.failed", "signin.locked_out"})


def _window_of(payload: dict[str, Any]) -> int | None:
    for key in ("window", "window_number"):
        value = payload.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def denial(type_name: str, role: str, payload: dict[str, Any], *, actor: str, username: str,
           aggregate: str = "", window: int | None = None) -> str:
    """Why ``username`` (of ``role``, working at ``window``) may not cause this event; "" when allowed.

    ``actor`` is the event's actor: the user themselves, or the applicant for a rating they give.
    ``window`` None: the window is not known (a PC enrolled without one), so it is not checked.
    """
    allowed = ALLOWED.get(type_name)
    if allowed is None:
        return f"事件类型 {type_name} 没有登记权限，任何角色都不能执行。"
    if actor != username and not (type_name == "rating.submitted" and actor == APPLICANT_ACTOR):
        return f"操作人“{actor}”与登录用户“{username}”不符。"
    if role not in allowed:
        who = "程序自身" if role == SYSTEM_ROLE else f"{role_label(role)}（{username}）"
        need = "、".join(role_label(r) for r in sorted(allowed) if r != SYSTEM_ROLE)
        return f"{who}无权执行“{type_name}”，只有{need}可以。"
    if type_name == "user.password_changed" and aggregate != f"user:{username}":
        return f"{username} 只能修改自己的密码。"
    if role in WINDOW_ROLES and window is not None:
        at = _window_of(payload)
        if at is not None and at != window:
            return f"{role_label(role)}（{username}）在 {window}号窗口工作，不能在 {at}号窗口办理。"
    return ""
