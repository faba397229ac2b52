"""The hall-setup lint: every demo item has a queue category; a sector spelled differently is reported."""
from __future__ import annotations

import json

from desk_app.domain.hall_setup import lint_setup
from desk_app.domain.queue import category_for_item
from desk_app.paths import resources_dir


def _demo():
    hall = json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))
    catalog = json.loads((resources_dir() / "catalog" / "sample_catalog.json").read_text(encoding="utf-8"))
    return hall, catalog["items"]


def test_every_demo_item_has_a_queue_category() -> None:
    hall, items = _demo()
    pairs = [(c["prefix"], c.get("settings", {})) for c in hall["categories"]]
    missing = [i["name"] for i in items if category_for_item(pairs, i["item_code"], i["sector"]) is None]
    assert missing == []
    assert lint_setup(hall["categories"], hall["windows"], items) == []


def test_sector_names_that_do_not_match_the_catalog_are_reported() -> None:
    hall, items = _demo()
    cats = [dict(c) for c in hall["categories"]]
    cats[1] = {**cats[1], "settings": {"sectors": ["不动产"]}}   # the old spelling
    cats[4] = {**cats[4], "settings": {"sectors": ["户籍"]}}
    findings = lint_setup(cats, hall["windows"] + [{"number": 7, "categories": ["Z"]}], items)
    codes = sorted(f.code for f in findings)
    assert codes == ["item_without_category", "item_without_category", "sector_not_in_catalog",
                     "sector_not_in_catalog", "unknown_window_category"]
    text = "\n".join(f.as_text() for f in findings)
    assert "领域“不动产登记”的 3 个事项" in text and "领域“户籍管理”的 3 个事项" in text
    assert "类别 B（不动产登记）的领域“不动产”" in text and "7 号窗口办理的类别“Z”没有定义" in text


def test_a_default_category_takes_every_item() -> None:
    _hall, items = _demo()
    assert lint_setup([{"prefix": "A", "name": "综合", "settings": {"default": True}}], [], items) == []
