"""Reference data published on desk-central with a version, pulled and applied by the PCs."""
from __future__ import annotations

import json

from sqlalchemy import select

from desk_app.server import core
from desk_app.server.cli import main as central_main
from desk_app.store.models import QueueCategory, User, Window
from desk_app.store.models.server import ReferenceDoc
from tests.integration.sync.conftest import make_pc


def test_publish_and_pull_reference_data(central, tmp_path):
    core.publish_reference(central.db, "windows", {
        "windows": [{"number": 12, "name": "12号窗口", "categories": ["C"], "kind": "sector"}],
        "categories": [{"prefix": "C", "name": "社保业务", "sort_order": 3}]}, hall=central.hall_id)
    core.publish_reference(central.db, "users", {"users": [{"username": "li", "display_name": "李四",
                                                            "role": "clerk"}]}, hall=central.hall_id)
    core.publish_reference(central.db, "calendar", {"year": 2026, "holidays": ["2026-10-01"]})
    core.publish_reference(central.db, "catalog", {"catalog_version": "2026.11.1", "items": []},
                           label="2026.11.1")
    applied = []
    a = make_pc(central, tmp_path, "a",
                reference_handlers={"catalog": lambda store, label, body: applied.append((label, body))})
    assert sorted(a.agent.refresh_reference()) == ["calendar", "catalog", "users", "windows"]
    assert a.agent.refresh_reference() == []          # nothing newer: nothing pulled
    assert applied == [("2026.11.1", {"catalog_version": "2026.11.1", "items": []})]
    assert a.store.get_meta("catalog_version") == "2026.11.1"
    with a.store.read() as s:
        w = s.scalar(select(Window).where(Window.number == 12))
        assert w.name == "12号窗口" and w.categories == ["C"]
        assert s.scalar(select(QueueCategory.name).where(QueueCategory.prefix == "C")) == "社保业务"
        assert s.scalar(select(User.display_name).where(User.username == "li")) == "李四"
        cal = s.scalar(select(ReferenceDoc).where(ReferenceDoc.kind == "calendar"))
        assert cal.body["holidays"] == ["2026-10-01"] and cal.version == 1
    # a new version is pulled, and only that one
    core.publish_reference(central.db, "users", {"users": [{"username": "li", "role": "clerk", "active": False}]},
                           hall=central.hall_id)
    assert a.agent.refresh_reference() == ["users"]
    with a.store.read() as s:
        assert s.scalar(select(User.active).where(User.username == "li")) is False


def test_cli_publish_catalog_and_enroll(tmp_path, capsys):
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    assert central_main(["--db", db_url, "hall", "create", "--code", "HD", "--name", "大厅"]) == 0
    assert central_main(["--db", db_url, "enroll", "--hall", "HD", "--window", "5"]) == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(code) == 20 and code.count("-") == 2
    from desk_app.paths import resources_dir
    sample = resources_dir() / "catalog" / "sample_catalog.json"
    assert central_main(["--db", db_url, "catalog", "publish", str(sample)]) == 0
    label = json.loads(sample.read_text(encoding="utf-8"))["catalog_version"]
    assert label in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text("{oops", encoding="utf-8")
    assert central_main(["--db", db_url, "calendar", "publish", str(bad)]) == 2
    assert "JSON" in capsys.readouterr().err
    assert central_main(["--db", db_url, "users", "publish", str(sample), "--hall", "NOPE"]) == 2
    assert central_main(["--db", db_url, "epoch", "rotate"]) == 0
