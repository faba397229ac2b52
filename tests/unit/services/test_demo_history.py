"""The demo's simulated month: seeded, through the reducer, idempotent, and fast enough for the demo."""
from __future__ import annotations

import json
import time
from datetime import datetime

from desk_app.domain import reports as rp
from desk_app.domain.timeutil import hall_date, ms_of
from desk_app.paths import resources_dir
from desk_app.services.demo_history import fill_history
from desk_app.services.reference import load_hall_setup
from desk_app.services.reports import ReportService
from desk_app.store.database import Store


def _demo_store(path, now):
    s = Store.open(path, now_ms=lambda: now)
    load_hall_setup(s, json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8")))
    return s


def test_a_realistic_month_is_filled_once(tmp_path):
    now = ms_of(datetime(2026, 12, 3, 8, 30))
    s = _demo_store(tmp_path / "a.db", now)
    t0 = time.perf_counter()
    summary = fill_history(s, days=30)
    elapsed = time.perf_counter() - t0
    assert summary.days == 22 and summary.tickets > 1800 and summary.cases > 1000
    month = ReportService(s).report(rp.Period("2026-11-03", "2026-12-02")).total
    assert month.tickets_issued == summary.tickets
    assert 0.8 < month.tickets_served / month.tickets_issued < 0.97
    assert 60 < month.wait_median_s < 1800 and 300 < month.service_median_s < 900
    assert month.cases == summary.cases and set(month.cases_by_outcome) >= {"accept", "finish", "notice"}
    assert 0.85 < month.satisfaction_rate < 1 and month.rectification_rate is not None
    assert month.complaints == summary.complaints and month.tickets_transferred > 0
    # nothing open is left behind on past days
    assert ReportService(s).report(rp.Period("2026-11-03", "2026-12-02")).total.tickets_no_show > 0
    assert fill_history(s, days=30).tickets == 0  # idempotent
    print(f"demo month: {summary} in {elapsed:.1f} s")
    s.close()


def test_same_seed_same_history(tmp_path):
    now = ms_of(datetime(2026, 12, 3, 8, 30))
    a, b = _demo_store(tmp_path / "a.db", now), _demo_store(tmp_path / "b.db", now)
    assert fill_history(a, days=7) == fill_history(b, days=7)
    p = rp.period("range", hall_date(now).replace(day=26, month=11), hall_date(now).replace(day=2))
    assert ReportService(a).report(p).total == ReportService(b).report(p).total
    a.close()
    b.close()
