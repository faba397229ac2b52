"""Each report statistic on the fixed day of tests/report_support.py, against its hand-computed value."""
from __future__ import annotations

from datetime import date

import pytest

from desk_app.domain import reports as rp
from desk_app.services.reports import ReportService
from desk_app.store.database import Store
from tests.report_support import Clock, fixed_day

HALL = "01900000-0000-7000-8000-000000000001"
DAY = rp.period("day", date(2026, 11, 23))


@pytest.fixture(scope="module")
def hall(tmp_path_factory):
    s = Store.open(tmp_path_factory.mktemp("reports") / "local.db", now_ms=Clock())
    s.set_meta("hall_id", HALL)
    fixed_day(s)
    yield ReportService(s)
    s.close()


@pytest.fixture(scope="module")
def total(hall):
    return hall.report(DAY).total


def test_tickets_issued_counts_only_handed_out_tickets(total):
    assert total.tickets_issued == 5


def test_tickets_served(total):
    assert total.tickets_served == 3


def test_tickets_no_show(total):
    assert total.tickets_no_show == 1


def test_tickets_transferred(total):
    assert total.tickets_transferred == 1


def test_waiting_time_median_and_p90(total):
    assert total.wait_median_s == pytest.approx(360)
    assert total.wait_p90_s == pytest.approx(774)


def test_service_time_median_and_p90(total):
    assert total.service_median_s == pytest.approx(600)
    assert total.service_p90_s == pytest.approx(696)


def test_cases_by_outcome(total):
    assert total.cases == 5
    assert total.cases_by_outcome == {"accept": 3, "finish": 1, "reject": 1}


def test_one_time_notices_per_case(total):
    assert total.notices == 1
    assert total.notices_per_case == pytest.approx(0.2)


def test_overdue_and_extended_cases(total):
    assert total.cases_overdue == 2
    assert total.cases_extended == 1


def test_ratings_by_level_and_satisfaction_rate(total):
    assert total.ratings == 5
    assert total.ratings_by_level == {5: 1, 4: 1, 3: 1, 2: 1, 1: 1}
    assert total.satisfaction_rate == pytest.approx(0.6)


def test_rectification_rate(total):
    assert (total.negative_ratings, total.negatives_due, total.rectified_in_time) == (2, 2, 1)
    assert total.rectification_rate == pytest.approx(0.5)


def test_complaints(total):
    assert (total.complaints, total.complaints_resolved) == (2, 1)
    assert total.complaints_by_kind == {"slow": 1, "attitude": 1}


def test_per_category(hall):
    g = hall.report(DAY, "category").groups
    assert set(g) == {"A", "B", ""}
    a, b = g["A"], g["B"]
    # T4 was transferred from B to A: it counts where it ended
    assert (a.tickets_issued, a.tickets_served, a.tickets_no_show, a.tickets_transferred) == (4, 3, 1, 1)
    assert (b.tickets_issued, b.tickets_served, b.complaints) == (1, 0, 1)
    assert a.cases == 3 and a.ratings == 3 and a.satisfaction_rate == pytest.approx(1.0)
    assert g[""].cases == 2 and g[""].rectification_rate == pytest.approx(0.5)


def test_per_window(hall):
    g = hall.report(DAY, "window").groups
    assert list(g) == [1, 2, 3, 9, None]
    w1 = g[1]
    assert (w1.tickets_issued, w1.tickets_served, w1.tickets_no_show) == (3, 2, 1)
    assert w1.wait_median_s == pytest.approx(240)  # waits 4, 15, 2 min
    assert w1.service_median_s == pytest.approx(660)  # 10 and 12 min
    assert (w1.cases, w1.cases_overdue, w1.ratings, w1.satisfaction_rate) == (3, 1, 3, pytest.approx(2 / 3))
    assert g[2].cases_by_outcome == {"reject": 1} and g[2].rectification_rate == pytest.approx(1.0)
    assert g[9].complaints == 2
    assert g[None].tickets_issued == 1


def test_per_clerk(hall):
    g = hall.report(DAY, "clerk").groups
    assert g["clerk1"].tickets_served == 2 and g["clerk1"].cases == 3
    assert g["clerk3"].cases_extended == 1 and g["clerk3"].notices == 1


def test_week_and_month_contain_the_day_and_another_day_is_empty(hall):
    for kind in ("week", "month"):
        assert hall.report(rp.period(kind, date(2026, 11, 25))).total.tickets_issued == 5
    empty = hall.report(rp.period("day", date(2026, 11, 24))).total
    assert (empty.tickets_issued, empty.cases, empty.ratings, empty.wait_median_s) == (0, 0, 0, None)
    assert empty.satisfaction_rate is None


def test_periods():
    assert rp.period("week", date(2026, 11, 26)) == rp.Period("2026-11-23", "2026-11-29")
    assert rp.period("month", date(2026, 2, 10)) == rp.Period("2026-02-01", "2026-02-28")
    assert rp.period("range", date(2026, 11, 1), date(2026, 11, 3)).days == ["2026-11-01", "2026-11-02",
                                                                               "2026-11-03"]
    with pytest.raises(ValueError):
        rp.period("range", date(2026, 11, 3), date(2026, 11, 1))


def test_percentile_interpolates_like_postgresql():
    assert rp.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert rp.percentile([10], 0.9) == 10
    assert rp.percentile([], 0.5) is None


def test_chart_series_on_the_fixed_day(hall):
    from desk_app.domain.report_series import by_hour, by_week
    hours = {p.hour: p for p in by_hour(hall.tickets(DAY))}
    assert hours[9].arrivals == 5 and hours[10].arrivals == 0  # all issued 09:00-09:40, T5 not counted
    # windows 1 and 3 served the tickets first called in the hour (T4 was called at 2 first, served at 1)
    assert hours[9].serving_windows == 2
    assert hours[9].wait_median_min == 6.0 and hours[9].wait_p90_min == 12.9
    weeks = by_week(hall.ratings(rp.period("month", date(2026, 11, 1))))
    assert weeks == [("2026-11-23", {5: 1, 4: 1, 3: 1, 2: 1, 1: 1})]


def test_report_cover_pdf_carries_the_real_figures(hall):
    from types import SimpleNamespace

    from desk_app.printing import render_pdf
    from desk_app.services.reports import cover_data
    from tests.unit.printing.conftest import pdf_pages_text
    info = SimpleNamespace(name="测试市政务服务中心", department="测试市行政审批服务局", code="QD01", phone="")
    data = cover_data(hall.report(DAY), info, prepared_by="陈值班长")
    figures = {f["label"]: f["value"] for f in data["figures"]}
    assert figures["取号数"] == "5" and figures["满意率"] == "60.0%" and figures["差评整改率"] == "50.0%"
    text = pdf_pages_text(render_pdf("daily-report-cover", {**data, "document_number": "QD日报〔2026〕1号"}))[0]
    for piece in ("取号数5", "满意率60.0%", "超期办件数2", "等候时间中位数(分)6.0", "全中心", "陈值班长"):
        assert piece in text, piece
    one = cover_data(hall.report(DAY, "window"), info, prepared_by="x", window=1)
    assert {f["label"]: f["value"] for f in one["figures"]}["取号数"] == "3" and one["window"] == "1号窗口"
