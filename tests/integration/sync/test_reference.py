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


def _demo_setup():
    from desk_app.paths import resources_dir
    return json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))


def test_enrolled_pc_keeps_category_settings_pulled_from_central(central, tmp_path):
    from desk_app.services.queue import QueueService
    setup = _demo_setup()
    core.publish_reference(central.db, "categories", {"categories": setup["categories"]}, hall=central.hall_id)
    core.publish_reference(central.db, "windows", {"windows": setup["windows"]}, hall=central.hall_id)
    a = make_pc(central, tmp_path, "a")
    assert a.agent.refresh_reference() == ["categories", "windows"]
    with a.store.read() as s:
        got = {c.prefix: c.settings for c in s.scalars(select(QueueCategory))}
        window_ids = {w.number: w.id for w in s.scalars(select(Window))}
    assert got == {c["prefix"]: c["settings"] for c in setup["categories"]}
    assert set(window_ids) == {1, 2, 3, 8, 9}          # exactly the published windows
    queue = QueueService(a.store, actor="guide1")
    assert queue.category_for_item("", "不动产登记") == "B" and queue.category_for_item("", "户籍管理") == "E"
    # a new version changes a category's settings; the windows keep their ids (window events refer to them)
    setup["categories"][1]["settings"] = {"sectors": ["不动产登记"], "item_codes": ["X1"]}
    core.publish_reference(central.db, "windows", {"windows": setup["windows"], "categories": setup["categories"]},
                           hall=central.hall_id)
    assert a.agent.refresh_reference() == ["windows"]
    with a.store.read() as s:
        assert s.scalar(select(QueueCategory.settings).where(QueueCategory.prefix == "B"))["item_codes"] == ["X1"]
        assert {w.number: w.id for w in s.scalars(select(Window))} == window_ids


def test_malformed_setup_is_refused_at_publishing_and_on_the_pc(central, tmp_path):
    import pytest
    from desk_app.domain.errors import ValidationError
    from desk_app.sync.agent import DEFAULT_HANDLERS
    with pytest.raises(ValidationError, match="prefix"):
        core.publish_reference(central.db, "categories", {"categories": [{"name": "无前缀"}]}, hall=central.hall_id)
    with pytest.raises(ValidationError, match="重复"):
        core.publish_reference(central.db, "windows", {"windows": [{"number": 1}, {"number": 1}]},
                               hall=central.hall_id)
    a = make_pc(central, tmp_path, "a")
    with pytest.raises(ValidationError, match="settings"):
        DEFAULT_HANDLERS["categories"](a.store, "x", {"categories": [{"prefix": "C", "settings": ["民政"]}]})
    with a.store.read() as s:
        assert sorted(s.scalars(select(QueueCategory.prefix))) == ["A", "B"]


def test_publishing_a_setup_that_leaves_items_without_a_category_warns(tmp_path, capsys):
    from desk_app.paths import resources_dir
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    assert central_main(["--db", db_url, "hall", "create", "--code", "HD", "--name", "大厅"]) == 0
    setup = _demo_setup()
    setup["categories"][1]["settings"] = {"sectors": ["不动产"]}
    path = tmp_path / "windows.json"
    path.write_text(json.dumps({"windows": setup["windows"], "categories": setup["categories"]},
                               ensure_ascii=False), encoding="utf-8")
    assert central_main(["--db", db_url, "windows", "publish", str(path), "--hall", "HD"]) == 0
    assert capsys.readouterr().err == ""              # no catalog yet: nothing to check against
    sample = resources_dir() / "catalog" / "sample_catalog.json"
    assert central_main(["--db", db_url, "catalog", "publish", str(sample)]) == 0
    err = capsys.readouterr().err
    assert "警告：领域“不动产登记”的 3 个事项" in err and "不动产" in err
    setup["categories"][1]["settings"] = {"sectors": ["不动产登记"]}
    path.write_text(json.dumps({"windows": setup["windows"], "categories": setup["categories"]},
                               ensure_ascii=False), encoding="utf-8")
    assert central_main(["--db", db_url, "windows", "publish", str(path), "--hall", "HD"]) == 0
    assert capsys.readouterr().err == ""
