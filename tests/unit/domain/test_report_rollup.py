"""The rollup path (entries summed, then figures) equals the row path (reports.compute) on random small days."""
from __future__ import annotations

from dataclasses import fields

from hypothesis import given, settings
from hypothesis import strategies as st

from desk_app.domain import report_rollup as ru
from desk_app.domain import reports as rp

DAYS = ["2026-11-23", "2026-11-24"]
DATES = [None, "2026-11-22", "2026-11-25", "2026-11-30", "2026-12-10"]
QUANTILES = {"wait_median_s", "wait_p90_s", "service_median_s", "service_p90_s"}
PERIOD = rp.Period(DAYS[0], DAYS[-1])


def _rows(times: st.SearchStrategy[int]) -> st.SearchStrategy[tuple[list, list, list, list]]:
    group = dict(hall_id=st.sampled_from(["H1", "H2"]), day=st.sampled_from(DAYS),
                 category=st.sampled_from(["A", "B", ""]), window_number=st.sampled_from([None, 1, 2]))
    clerk = st.sampled_from(["", "clerk1", "clerk2"])
    date = st.sampled_from(DATES)
    tickets = st.builds(rp.TicketRow, **group, clerk=clerk,
                        status=st.sampled_from(["finished", "no_show", "printing", "void", "waiting", "called"]),
                        issued_at_ms=st.just(0), wait_ms=st.none() | times, service_ms=st.none() | times,
                        transfers=st.integers(0, 2), no_show=st.booleans())
    cases = st.builds(rp.CaseRow, **group, clerk=clerk,
                      status=st.sampled_from(["accepted", "accepted_deferred", "result_ready", "rejected"]),
                      outcome=st.sampled_from(rp.CASE_OUTCOMES), notice_count=st.integers(0, 1),
                      accepted_on=date, due_date=date, completed_on=date, extended=st.booleans())
    ratings = st.builds(rp.RatingRow, **group, clerk=clerk, level=st.integers(1, 5), follow_up_due=date,
                        rectified_on=date)
    complaints = st.builds(rp.ComplaintRow, **group, kind=st.sampled_from(["slow", "attitude"]),
                           resolved=st.booleans())
    return st.tuples(*(st.lists(s, max_size=12) for s in (tickets, cases, ratings, complaints)))


def _rolled_up(rows: tuple[list, ...], dimension: str, as_of: str) -> rp.Report:
    sums = []
    for row in (r for kind in rows for r in kind):
        key = dict(zip(("hall", "day", "category", "window", "clerk"), ru.group_key(row)))[dimension]
        sums += [(None if dimension == "window" and key == ru.NO_WINDOW else key, m, v, n)
                 for m, v, n in ru.entries(row)]
    return ru.report(PERIOD, dimension, as_of, sums)


def _compare(rows: tuple[list, ...], as_of: str, quantile_error_s: float) -> None:
    for dimension in rp.DIMENSIONS:
        exact = rp.compute(PERIOD, dimension, *rows, as_of=as_of)
        rolled = _rolled_up(rows, dimension, as_of)
        assert list(rolled.groups) == list(exact.groups), dimension
        for key, fe, fr in [("total", exact.total, rolled.total)] + [
                (k, exact.groups[k], rolled.groups[k]) for k in exact.groups]:
            for f in fields(rp.Figures):
                ve, vr = getattr(fe, f.name), getattr(fr, f.name)
                if f.name in QUANTILES and ve is not None and vr is not None:
                    # a time counts at its bucket's start: never above the exact figure, less than a bucket below
                    assert 0 <= ve - vr < quantile_error_s + 1e-9, (dimension, key, f.name, ve, vr)
                else:
                    assert vr == ve, (dimension, key, f.name)


@settings(max_examples=30, deadline=None)
@given(_rows(st.integers(0, 3 * 3_600_000)), st.sampled_from(DATES[1:]))
def test_rollups_equal_the_rows_within_one_bucket(rows, as_of):
    _compare(rows, as_of, ru.COARSE_MS / 1000)


@settings(max_examples=20, deadline=None)
@given(_rows(st.integers(0, 180).map(lambda m: m * 60_000)), st.sampled_from(DATES[1:]))
def test_rollups_equal_the_rows_exactly_on_whole_minutes(rows, as_of):
    _compare(rows, as_of, 0.0)


def test_buckets_are_ten_seconds_below_ten_minutes_and_a_minute_above():
    assert [ru.bucket_ms(ms) for ms in (0, 9_999, 10_000, 599_999, 600_000, 659_999, 660_000)] == \
        [0, 0, 10_000, 590_000, 600_000, 600_000, 660_000]
