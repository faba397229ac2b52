"""The printout fold: job reports attach to their print by its event id, in any arrival order, on every replica."""
from __future__ import annotations

import itertools

from desk_app.domain.events import Event
from desk_app.domain.printouts import PRINTOUT_ISSUED, PRINTOUT_JOB_REPORTED, PRINTOUT_REPRINTED, fold_printout

ISSUE = {"kind": "acceptance-notice", "number": "SL受〔2026〕01-00001号", "year": 2026, "series": "01", "seq": 1,
         "case_id": "c1", "sha256": "a"}


def _ev(i: int, type_: str, payload: dict, device: str = "pc1") -> Event:
    return Event(id=f"e{i}", hall="h", device=device, device_seq=i, hlc=f"{i:04d}", type=type_, schema_version=1,
                 actor="clerk", aggregate="printout:p1", payload=payload)


def test_reports_follow_their_print_whatever_the_arrival_order():
    events = [
        _ev(1, PRINTOUT_ISSUED, ISSUE),
        _ev(2, PRINTOUT_JOB_REPORTED, {"print_id": "e1", "state": "sent", "printer": "lp1", "job": "lp1-4"}),
        _ev(3, PRINTOUT_REPRINTED, {"sha256": "b"}, device="pc2"),
        _ev(4, PRINTOUT_JOB_REPORTED, {"print_id": "e1", "state": "printed", "printer": "lp1", "job": "lp1-4"}),
        _ev(5, PRINTOUT_JOB_REPORTED, {"print_id": "e3", "state": "unknown", "message": "没有回答"}, device="pc2"),
    ]
    states = set()
    for perm in itertools.permutations(events):
        s = fold_printout("p1", list(perm))
        states.add(tuple((r.event_id, r.reprint, r.job_state, r.job_id, r.printer, r.job_message) for r in s.prints))
    assert states == {(("e1", 0, "printed", "lp1-4", "lp1", ""), ("e3", 1, "unknown", "", "", "没有回答"))}


def test_a_print_without_a_report_was_never_sent():
    s = fold_printout("p1", [_ev(1, PRINTOUT_ISSUED, ISSUE)])
    assert [(r.job_state, r.job_id) for r in s.prints] == [("", "")]
