"""`desk-central calendar publish` on SQLite and PostgreSQL, and an enrolled PC pulling the table and using it
at once (a 30-working-day item accepted on 2026-12-02 by a service built before the pull)."""
from __future__ import annotations

import json
from datetime import datetime

import pytest

from desk_app.app_sync import reference_handlers
from desk_app.domain import intake as d
from desk_app.domain.workdays import CalendarYearMissing
from desk_app.server import core
from desk_app.server.calendar import published_table
from desk_app.server.cli import main as central_main
from desk_app.services.calendar import hall_calendar
from desk_app.services.intake import IntakeService
from tests.intake_support import PERSON, Clock, add_item, seed_hall
from tests.integration.sync.conftest import make_pc

TABLE_2027 = {"2027": {"holidays": ["2027-01-01", "2027-02-08"], "workdays": ["2027-02-20"]}}


def test_calendar_publish_command(server_url, tmp_path, capsys) -> None:
    db = core.ServerDB(server_url)  # migrates a fresh database (SQLite file or PostgreSQL clone)
    db.dispose()
    assert central_main(["--db", server_url, "calendar", "publish", "--year", "2026"]) == 0
    assert "第 1 版（2026 年）" in capsys.readouterr().out
    # the package has no 2027 yet: refused, saying how else to publish it
    assert central_main(["--db", server_url, "calendar", "publish", "--year", "2027"]) == 2
    err = capsys.readouterr().err
    assert "chinesecalendar" in err and "JSON 文件" in err
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(TABLE_2027), encoding="utf-8")
    assert central_main(["--db", server_url, "calendar", "publish", str(path)]) == 0
    assert "第 2 版（2027 年）；已发布的年份：2026–2027" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"2027": {"holidays": ["2027-02-30"]}}), encoding="utf-8")
    assert central_main(["--db", server_url, "calendar", "publish", str(bad)]) == 2
    assert "2027-02-30" in capsys.readouterr().err
    assert central_main(["--db", server_url, "calendar", "publish"]) == 2  # neither file nor year
    assert "二者选一" in capsys.readouterr().err
    db = core.ServerDB(server_url)
    try:
        table = published_table(db)
        assert sorted(table) == ["2026", "2027"] and table["2027"] == TABLE_2027["2027"]
        assert core.reference_versions(db, "")["calendar"] == 2  # the bad table published nothing
    finally:
        db.dispose()


def test_enrolled_pc_pulls_the_table_and_uses_it_at_once(central, tmp_path, monkeypatch) -> None:
    clock = Clock(datetime(2026, 12, 2, 10))
    # desk-central on the same day: the PC takes the server's clock at enrollment (its own may be wrong)
    monkeypatch.setattr("desk_app.server.core.now_ms", clock)
    pc = make_pc(central, tmp_path, "pc1", now_ms=clock, reference_handlers=reference_handlers())
    seed_hall(pc.store)
    mids = add_item(pc.store, "L30", "建设工程规划许可", promised=30, legal=60, materials=[{"name": "申请表"}])
    s = IntakeService(pc.store, actor="c", window_number=1)
    cid = s.open_case(item_codes=["L30"]).case.id
    s.set_applicant(cid, PERSON)
    s.check_material(cid, mids[0], d.RECEIVED, form=d.ORIGINAL, copies=1)
    with pytest.raises(CalendarYearMissing, match="calendar publish --year 2027"):  # says what to do
        s.decide(cid, d.ACCEPT)
    path = tmp_path / "2027.json"
    path.write_text(json.dumps(TABLE_2027), encoding="utf-8")
    assert central_main(["--db", central.db.url, "calendar", "publish", str(path)]) == 0
    assert "calendar" in pc.agent.refresh_reference()
    case = s.decide(cid, d.ACCEPT).case
    assert case.status == d.ACCEPTED and case.due_date == "2027-01-14"


def test_a_bad_calendar_document_neither_stops_the_agent_nor_replaces_the_good_table(central, tmp_path) -> None:
    pc = make_pc(central, tmp_path, "pc1", reference_handlers=reference_handlers())
    core.publish_reference(central.db, "calendar", TABLE_2027)
    assert pc.agent.refresh_reference() == ["calendar"]
    # published around the checks of `calendar publish` (raw API): a table the PC refuses
    core.publish_reference(central.db, "calendar", {"2028": {"holidays": ["2028-13-01"]}})
    core.publish_reference(central.db, "users", {"users": [{"username": "li", "display_name": "李四",
                                                            "role": "clerk"}]}, hall=central.hall_id)
    assert pc.agent.refresh_reference() == ["users"]  # no exception: pushes of this round go on
    years = hall_calendar(pc.store).covered_years()
    assert 2027 in years and 2028 not in years
    path = tmp_path / "2028.json"
    path.write_text(json.dumps({"2028": {"holidays": ["2028-01-01"], "workdays": []}}), encoding="utf-8")
    # `reference publish calendar` goes through the same checks and merge as `calendar publish`
    assert central_main(["--db", central.db.url, "reference", "publish", "calendar", str(path)]) == 0
    assert pc.agent.refresh_reference() == ["calendar"]
    assert {2027, 2028} <= set(hall_calendar(pc.store).covered_years())
    assert sorted(published_table(central.db)) == ["2027", "2028"]  # a new PC gets both years too
