"""The rollups the projections keep equal the fold of the rows: in any arrival order, across a transfer after a
case was opened, and after a rebuild from the rows."""
from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest
from sqlalchemy import select

from desk_app.domain import queue as q
from desk_app.domain import reports as rp
from desk_app.store import report_rollups
from desk_app.store.database import Store
from desk_app.store.models import EventRow
from desk_app.store.models.reports import ReportRollup
from desk_app.store.reducer import row_to_event
from desk_app.store.report_rows import period_report
from tests.report_support import Clock, at, case, complaint, fixed_day, rating, step, ticket

HALL = "01900000-0000-7000-8000-000000000001"
TODAY = date(2026, 12, 10)
DAY = rp.period("day", date(2026, 11, 23))


def _open(path) -> Store:
    s = Store.open(path, now_ms=Clock())
    s.set_meta("hall_id", HALL)
    return s


def _day_with_a_late_transfer(s: Store) -> None:
    """The fixed day, and a ticket transferred B -> A after its case, rating and complaint were recorded."""
    fixed_day(s)
    t = ticket(s, "B009", at(14, 0))
    step(s, t, q.TICKET_CALLED, at(14, 5), 2, clerk="clerk2")
    c = case(s, t, 2, "clerk2", at(14, 6), {"outcome": "finish"})
    rating(s, c, 2, "clerk2", 2, due="2026-11-30")
    complaint(s, t, "slow", resolved=False)
    step(s, t, q.TICKET_TRANSFERRED, at(14, 20), 2, to_category="A", reason="应到综合窗口")


def _assert_same_as_rows(s: Store) -> None:
    with s.engine.connect() as conn:
        for dim in rp.DIMENSIONS:
            a = report_rollups.rollup_report(conn, DAY, dim, [HALL], TODAY)
            b = period_report(conn, DAY, dim, [HALL], TODAY)
            assert list(a.groups) == list(b.groups), dim
            for key, fa, fb in [("total", a.total, b.total)] + [(k, a.groups[k], b.groups[k]) for k in b.groups]:
                for f in fields(rp.Figures):
                    assert getattr(fa, f.name) == getattr(fb, f.name), (dim, key, f.name)


def _rollups(s: Store) -> set[tuple]:
    with s.engine.connect() as conn:
        return {tuple(r)[:-1] + (r.n,) for r in conn.execute(select(ReportRollup)) if r.n}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    s = _open(tmp_path_factory.mktemp("rollups") / "a.db")
    _day_with_a_late_transfer(s)
    yield s
    s.close()


def test_rollups_follow_each_event_and_a_transfer_after_the_case(written):
    with written.engine.connect() as conn:
        by_cat = report_rollups.rollup_report(conn, DAY, "category", [HALL], TODAY).groups
    assert by_cat["A"].complaints == 1 and by_cat["A"].ratings_by_level.get(2) == 1  # moved with B009
    _assert_same_as_rows(written)


def test_events_replicated_newest_first_give_the_same_rollups(written, tmp_path):
    with written.read() as session:
        events = [row_to_event(r) for r in session.scalars(select(EventRow).order_by(EventRow.device_seq))]
    other = _open(tmp_path / "b.db")
    try:
        other.apply_remote(reversed(events))  # cases and ratings before their tickets, the transfer first
        _assert_same_as_rows(other)
        assert _rollups(other) == _rollups(written)
    finally:
        other.close()


def test_rebuild_from_the_rows_gives_the_maintained_rollups(written):
    kept = _rollups(written)
    with written.engine.begin() as conn:
        report_rollups.rebuild(conn)
    assert _rollups(written) == kept and kept
