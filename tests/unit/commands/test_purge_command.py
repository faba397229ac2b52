"""`desk-app purge-pii`: the retention purge from the command line, per kind, and a wrong key file refused."""
from __future__ import annotations

import os
from datetime import datetime

from desk_app.cli import main
from desk_app.services.intake import IntakeService
from desk_app.store.database import Store
from desk_app.store.pii_migration import unlock
from tests.conftest import HALL_ID
from tests.intake_support import Clock, seed_hall
from tests.unit.services.test_personal_data_at_rest import NAME, _finished_case


def _old_case(data_dir) -> str:
    store = Store.open(data_dir / "local.db", now_ms=Clock(datetime(2015, 3, 2, 9, 30)))
    store.set_meta("hall_id", HALL_ID)
    unlock(store, data_dir)
    seed_hall(store)
    cid, _ = _finished_case(store, data_dir)
    store.close()
    return cid


def _name(data_dir, cid) -> str:
    store = Store.open(data_dir / "local.db")
    try:
        unlock(store, data_dir)
        return IntakeService(store).get(cid).applicant["name"]
    finally:
        store.close()


def test_purge_pii_erases_old_cases(tmp_path, capsys) -> None:
    data_dir = tmp_path / "pc"
    cid = _old_case(data_dir)
    assert main(["--data-dir", str(data_dir), "purge-pii", "--years", "10", "--dry-run"]) == 0
    assert "将删除" in capsys.readouterr().out and _name(data_dir, cid) == NAME
    assert main(["--data-dir", str(data_dir), "purge-pii", "--years", "10"]) == 0
    out = capsys.readouterr().out
    assert "共 1 件" in out and "已删除" in out
    assert _name(data_dir, cid) == ""


def test_a_wrong_key_file_is_refused_and_nothing_changes(tmp_path, capsys) -> None:
    data_dir = tmp_path / "pc"
    cid = _old_case(data_dir)
    good = (data_dir / "data_key").read_bytes()
    db_before = (data_dir / "local.db").read_bytes()
    (data_dir / "data_key").write_bytes(os.urandom(16))
    assert main(["--data-dir", str(data_dir), "purge-pii", "--years", "10"]) == 2
    assert "数据密钥与本机数据库不匹配" in capsys.readouterr().err
    assert (data_dir / "local.db").read_bytes() == db_before
    (data_dir / "data_key").write_bytes(good)
    assert _name(data_dir, cid) == NAME


def test_purge_pii_counts_and_erases_old_appointments_and_complaints(tmp_path, capsys) -> None:
    from desk_app.services.complaints import ComplaintService
    from tests.unit.services.test_retention_appointments_complaints import _appointment, _book, _complaint
    data_dir = tmp_path / "pc"
    clock = Clock(datetime(2015, 3, 2, 9, 30))
    store = Store.open(data_dir / "local.db", now_ms=clock)
    store.set_meta("hall_id", HALL_ID)
    unlock(store, data_dir)
    seed_hall(store)
    appt = _book(store, datetime(2015, 3, 2, 10, 0))
    cid = _complaint(ComplaintService(store, actor="duty1"), clock, datetime(2015, 3, 2, 11, 0))
    store.close()
    assert main(["--data-dir", str(data_dir), "purge-pii", "--years", "10", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "办件共 0 件" in out and "预约共 1 个" in out and "反映共 1 件" in out and "将删除" in out
    assert main(["--data-dir", str(data_dir), "purge-pii", "--years", "10"]) == 0
    out = capsys.readouterr().out
    assert "预约共 1 个" in out and "反映共 1 件" in out and "已删除" in out
    store = Store.open(data_dir / "local.db")
    try:
        unlock(store, data_dir)
        assert _appointment(store, appt).name == ""
        assert ComplaintService(store).get(cid).complainant_name == ""
    finally:
        store.close()
