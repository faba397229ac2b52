"""desk-central's reports (SQLite and PostgreSQL): the fixed day pushed by a PC, then reported by the command
and by the supervisor PC's endpoint, with the figures computed by hand in tests/report_support.py."""
from __future__ import annotations

import json

import openpyxl
import pytest

from desk_app.server.cli import main as central_main
from tests.integration.sync.conftest import make_pc
from tests.report_support import Clock, fixed_day


@pytest.fixture
def pushed(central, server_url, tmp_path, monkeypatch):
    clock = Clock()
    monkeypatch.setattr("desk_app.server.reports.now_ms", clock)  # the day the report is made
    monkeypatch.setattr("desk_app.server.core.now_ms", clock)  # and desk-central's own clock: the fixed day is
    # ahead of the real one, and desk-central refuses events stamped more than a day ahead of its clock
    pc = make_pc(central, tmp_path, "pc", now_ms=clock)
    fixed_day(pc.store)
    while pc.agent.push_all():
        pass
    return pc


def _check_total(total: dict) -> None:
    assert (total["tickets_issued"], total["tickets_served"], total["tickets_no_show"],
            total["tickets_transferred"]) == (5, 3, 1, 1)
    assert total["wait_median_s"] == pytest.approx(360) and total["wait_p90_s"] == pytest.approx(774)
    assert total["service_median_s"] == pytest.approx(600) and total["service_p90_s"] == pytest.approx(696)
    assert total["cases_by_outcome"] == {"accept": 3, "finish": 1, "reject": 1}
    assert (total["notices"], total["cases_overdue"], total["cases_extended"]) == (1, 2, 1)
    assert total["ratings_by_level"] == {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1}
    assert total["satisfaction_rate"] == pytest.approx(0.6) and total["rectification_rate"] == pytest.approx(0.5)
    assert (total["complaints"], total["complaints_resolved"]) == (2, 1)


def test_report_command_json_and_xlsx(pushed, central, server_url, tmp_path, capsys):
    out = tmp_path / "r.json"
    assert central_main(["--db", server_url, "report", "--from", "2026-11-01", "--to", "2026-11-30",
                         "--hall", "H1", "--by", "window", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    _check_total(data["total"])
    by_window = {g["label"]: g["figures"] for g in data["groups"]}
    assert by_window["1号窗口"]["tickets_served"] == 2 and by_window["2号窗口"]["cases_by_outcome"] == {"reject": 1}
    # every hall (only one here), printed
    assert central_main(["--db", server_url, "report", "--from", "2026-11-23", "--to", "2026-11-23"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["groups"][0]["label"] == "H1 测试大厅"
    _check_total(printed["total"])
    x = tmp_path / "r.xlsx"
    assert central_main(["--db", server_url, "report", "--from", "2026-11-23", "--to", "2026-11-23",
                         "--format", "xlsx", "--out", str(x)]) == 0
    ws = openpyxl.load_workbook(x)["汇总"]
    assert ws.freeze_panes == "A2" and ws["A2"].value == "H1 测试大厅" and ws["B2"].value == 5


def test_report_command_refuses_bad_input(central, server_url, capsys):
    assert central_main(["--db", server_url, "report", "--from", "2026-11-30", "--to", "2026-11-01"]) != 0
    assert "结束日期早于开始日期" in capsys.readouterr().err
    assert central_main(["--db", server_url, "report", "--from", "2026-11-01", "--to", "2026-11-30",
                         "--hall", "NOPE"]) != 0
    assert "没有大厅“NOPE”" in capsys.readouterr().err


def test_endpoint_for_the_supervisor_pc(pushed, central):
    headers = {"Authorization": f"Bearer {pushed.client.token}"}
    r = central.client.get("/v1/reports", params={"from": "2026-11-23", "to": "2026-11-23", "by": "category"},
                           headers=headers)
    assert r.status_code == 200, r.text
    data = r.json()
    _check_total(data["total"])
    cats = {g["key"]: g["figures"] for g in data["groups"]}
    assert cats["A"]["tickets_issued"] == 4 and cats["B"]["complaints"] == 1
    assert central.client.get("/v1/reports", params={"from": "2026-11-23", "to": "2026-11-23"}).status_code == 401
    bad = central.client.get("/v1/reports", params={"from": "x", "to": "2026-11-23"}, headers=headers)
    assert bad.status_code == 422 and "日期格式" in bad.json()["message"]


def test_rollups_agree_with_the_fold_for_every_dimension(pushed, central):
    """desk-central reads the rollups it kept while the events were pushed; the fold of its rows gives the same
    figures, group by group (times whole minutes here, so the buckets are exact)."""
    from dataclasses import fields

    from desk_app.domain import reports as rp
    from desk_app.store.report_rollups import rollup_report
    from desk_app.store.report_rows import period_report
    p = rp.period("month", __import__("datetime").date(2026, 11, 1))
    today = __import__("datetime").date(2026, 12, 10)
    with central.db.engine.connect() as conn:
        for dim in rp.DIMENSIONS:
            a = rollup_report(conn, p, dim, [central.hall_id], today)
            b = period_report(conn, p, dim, [central.hall_id], today)
            assert list(a.groups) == list(b.groups), dim
            for key, fa, fb in [(None, a.total, b.total)] + [(k, a.groups[k], b.groups[k]) for k in b.groups]:
                for f in fields(rp.Figures):
                    va, vb = getattr(fa, f.name), getattr(fb, f.name)
                    assert va == (pytest.approx(vb) if isinstance(vb, float) else vb), (dim, key, f.name)
