"""Catalog data-quality rules Q1–Q13: each with a passing and a failing record; the sample lints clean."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from desk_app.domain.catalog import (
    ERROR, WARNING, HandlingStep, MaterialRecord, ServiceItemRecord, has_errors, lint, lint_item, read_json_file,
)
from desk_app.paths import resources_dir

CATALOG_DIR = resources_dir() / "catalog"
SAMPLE = read_json_file(CATALOG_DIR / "sample_catalog.json")


def item(name: str) -> ServiceItemRecord:
    return next(i for i in SAMPLE.items if i.name == name)


OFFLINE = item("市内户口迁移")  # county, promised 3 of 10 working days, not online
ONLINE = item("食品经营许可（新办）")  # county, promised 5 of 20, online, provincial platform
INSTANT = item("个体工商户设立登记")  # county, instant, online
SELF_BUILT = item("住房公积金提取（购买自住住房）")  # municipal, online through its own system


def rules(record: ServiceItemRecord, rule: str) -> list[tuple[str, str]]:
    return [(f.field, f.severity) for f in lint_item(record) if f.rule == rule]


def with_material(record: ServiceItemRecord, index: int, **changes) -> ServiceItemRecord:
    mats = list(record.materials)
    mats[index] = replace(mats[index], **changes)
    return replace(record, materials=tuple(mats))


def with_step(record: ServiceItemRecord, index: int, **changes) -> ServiceItemRecord:
    steps = list(record.handling_steps)
    steps[index] = replace(steps[index], **changes)
    return replace(record, handling_steps=tuple(steps))


def test_sample_catalog_has_twenty_items_across_sectors_and_lints_clean():
    assert len(SAMPLE.items) >= 20
    assert {"市场监管", "社会保障", "住房公积金", "不动产登记", "户籍管理", "民政", "卫生健康"} <= {i.sector for i in SAMPLE.items}
    assert all(len(i.materials) >= 2 for i in SAMPLE.items)
    assert any(m.deferrable for i in SAMPLE.items for m in i.materials)
    assert any(m.commitment_allowed for i in SAMPLE.items for m in i.materials)
    assert lint(SAMPLE.items) == []


def test_every_finding_names_item_field_rule_and_chinese_message():
    bad = replace(OFFLINE, promised_limit="3天")
    (f,) = [f for f in lint_item(bad) if f.rule == "Q3"]
    assert f.item_code == OFFLINE.item_code and f.field == "promised_limit" and f.severity == ERROR
    assert "工作日" in f.message
    assert f.location == OFFLINE.source and OFFLINE.source.startswith("第")


# (rule, passing record, failing record, field expected in the failing finding)
CASES = [
    ("Q2", OFFLINE, replace(OFFLINE, name="市内户口迁移 "), "name"),
    ("Q2", OFFLINE, replace(OFFLINE, name="市内 户口迁移"), "name"),
    ("Q2", OFFLINE, with_material(OFFLINE, 0, name="身份证*"), "materials[1].name"),
    ("Q2", OFFLINE, replace(OFFLINE, acceptance_conditions="有合法稳定住所……"), "acceptance_conditions"),
    ("Q3", OFFLINE, replace(OFFLINE, promised_limit=""), "promised_limit"),
    ("Q3", OFFLINE, replace(OFFLINE, promised_limit="无"), "promised_limit"),
    ("Q3", OFFLINE, replace(OFFLINE, promised_limit="3日"), "promised_limit"),
    ("Q3", OFFLINE, replace(OFFLINE, legal_limit="3个工作日"), "promised_limit"),
    ("Q4", INSTANT, replace(INSTANT, promised_limit="2个工作日", handling_steps=(
        HandlingStep("受理", "1个工作日", "材料齐全"), HandlingStep("办结", "1个工作日", "符合条件的准予登记"))),
     "promised_limit"),
    ("Q4", INSTANT, replace(INSTANT, item_type="urgent"), "item_type"),
    ("Q5", OFFLINE, replace(OFFLINE, onsite_visits=2), "onsite_visits"),
    ("Q5", OFFLINE, replace(OFFLINE, onsite_reason=""), "onsite_reason"),
    ("Q5", INSTANT, replace(INSTANT, fully_online=True), "onsite_visits"),
    ("Q6", OFFLINE, replace(OFFLINE, fee_basis="《收费文件》"), "fee_basis"),
    ("Q7", OFFLINE, replace(OFFLINE, reduction_allowed=True), "reduction_basis"),
    ("Q8", OFFLINE, with_material(OFFLINE, 1, source_explanation=""), "materials[2].source_explanation"),
    ("Q8", OFFLINE, with_material(OFFLINE, 1, source_channel="自己"), "materials[2].source_channel"),
    ("Q8", OFFLINE, with_material(OFFLINE, 1, source_explanation="相关方面出具"), "materials[2].source_explanation"),
    ("Q8", OFFLINE, with_material(OFFLINE, 3, source_explanation="房屋所有权人签字"), "materials[4].source_explanation"),
    ("Q8", OFFLINE, with_material(OFFLINE, 1, source_channel="intermediary", source_explanation="由测绘公司出具"),
     "materials[2].source_explanation"),
    ("Q9", OFFLINE, with_material(OFFLINE, 1, material_type=""), "materials[2].material_type"),
    ("Q9", OFFLINE, with_material(OFFLINE, 1, form="纸"), "materials[2].form"),
    ("Q9", OFFLINE, with_material(OFFLINE, 1, paper_size=""), "materials[2].paper_size"),
    ("Q9", OFFLINE, with_material(OFFLINE, 1, copies=0), "materials[2].copies"),
    ("Q9", ONLINE, replace(ONLINE, materials=tuple(replace(m, form="paper", paper_size="A4") for m in ONLINE.materials)),
     "materials"),
    ("Q10", OFFLINE, replace(OFFLINE, handling_steps=()), "handling_steps"),
    ("Q10", OFFLINE, with_step(OFFLINE, 0, limit="2个工作日"), "handling_steps"),
    ("Q10", OFFLINE, with_step(OFFLINE, 0, limit="两天"), "handling_steps[1].limit"),
    ("Q10", OFFLINE, with_step(OFFLINE, 1, name="受理审查"), "handling_steps[2].name"),
    ("Q10", OFFLINE, with_step(OFFLINE, 0, approval_standard=""), "handling_steps[1].approval_standard"),
    ("Q10", OFFLINE, replace(OFFLINE, business_steps=(HandlingStep("受理", "1个工作日", "材料齐全"),)), "business_steps"),
    ("Q11", OFFLINE, replace(OFFLINE, exercise_level="municipal"), "item_code"),
    ("Q11", OFFLINE, replace(OFFLINE, exercise_level="区级"), "exercise_level"),
    ("Q11", OFFLINE, replace(OFFLINE, item_code=OFFLINE.item_code[:15]), "item_code"),
    ("Q12", INSTANT, replace(INSTANT, online_depth=(1, 2, 4)), "online_depth"),
    ("Q12", INSTANT, replace(INSTANT, online_depth=(2, 3)), "online_depth"),
    ("Q12", INSTANT, replace(INSTANT, online_depth=(1,)), "online_depth"),
    ("Q12", INSTANT, replace(INSTANT, online_depth=(1, 9)), "online_depth"),
    ("Q12", OFFLINE, replace(OFFLINE, online_depth=(1, 2)), "online_depth"),
    ("Q12", OFFLINE, replace(OFFLINE, fully_online=True, onsite_visits=0, onsite_reason=""), "fully_online"),
    ("Q13", INSTANT, replace(INSTANT, online_address="https://www.shandong.gov.cn/x"), "online_address"),
    ("Q13", INSTANT, replace(INSTANT, has_running_system=False), "has_running_system"),
    ("Q13", SELF_BUILT, replace(SELF_BUILT, online_address=""), "online_address"),
    ("Q13", SELF_BUILT, replace(SELF_BUILT, online_address="gjj.yantai.gov.cn"), "online_address"),
    ("Q13", OFFLINE, replace(OFFLINE, online_address="https://example.gov.cn"), "online_address"),
]


@pytest.mark.parametrize("rule, good, bad, field", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_passes_good_record_and_flags_bad_one(rule, good, bad, field):
    assert rules(good, rule) == []
    assert (field, ERROR) in rules(bad, rule)


def test_every_rule_q2_to_q13_is_covered():
    assert {c[0] for c in CASES} == {f"Q{n}" for n in range(2, 14)}


def test_extra_passing_records_for_edge_cases():
    # promised 当场 with legal 当场 cannot be shorter: not an error; a "0个工作日" step sums to 0
    assert rules(item("内地居民结婚登记"), "Q3") == []
    assert rules(replace(INSTANT, promised_limit="1个工作日", handling_steps=(
        HandlingStep("受理", "当场", "材料齐全"), HandlingStep("办结", "1个工作日", "准予登记"))), "Q4") == []
    # 制证发证 is one standard step, not two merged
    assert rules(with_step(OFFLINE, 0, name="制证发证"), "Q10") == []
    # no legal limit set: nothing to compare with
    assert rules(replace(OFFLINE, legal_limit=""), "Q3") == []
    # multi-line conditions are fine; a line break inside a name is not
    assert rules(replace(OFFLINE, acceptance_conditions="一、有合法稳定住所\n二、本人申请"), "Q2") == []
    assert ("name", ERROR) in rules(replace(OFFLINE, name="市内户口\n迁移"), "Q2")
    # the address of the own system may hold ? & = (they are not checked by Q2)
    assert lint_item(replace(SELF_BUILT, online_address="https://gjj.example.cn/a?x=1&y=2")) == []


def test_q1_typos_are_warnings_not_errors():
    good = OFFLINE
    bad = with_material(replace(OFFLINE, name="市内户口迁移登计"), 1, name="居民户口薄")
    assert rules(good, "Q1") == []
    found = [f for f in lint_item(bad) if f.rule == "Q1"]
    assert {(f.field, f.severity) for f in found} == {("name", WARNING), ("materials[2].name", WARNING)}
    assert any("户口簿" in f.message for f in found)
    assert not has_errors(found)


def test_custom_typo_dictionary():
    assert [f.rule for f in lint_item(OFFLINE, typos={"户口": "戸口"}) if f.rule == "Q1"]
    assert [f for f in lint_item(replace(OFFLINE, name="市内户口迁移登计"), typos={}) if f.rule == "Q1"] == []


def test_defects_file_triggers_exactly_its_expected_findings():
    path = CATALOG_DIR / "defects.json"
    expected = json.loads(Path(path).read_text(encoding="utf-8"))["expected"]
    catalog = read_json_file(path)
    found = lint(catalog.items)
    assert {e["rule"] for e in expected} == {f"Q{n}" for n in range(1, 14)} | {"R1"}
    for e in expected:
        mine = [(f.rule, f.field, f.severity) for f in found if f.item_code == e["item_code"]]
        assert mine == [(e["rule"], e["field"], e["severity"])], e["defect"]


def test_material_record_defaults_are_a_complete_paper_original():
    m = MaterialRecord("申请书")
    assert (m.material_type, m.form, m.copies, m.paper_size) == ("original", "paper", 1, "A4")


def test_r1_review_body_and_court_must_be_the_right_kind_of_body():
    good = replace(INSTANT, review_body="烟台市人民政府", court="烟台市芝罘区人民法院")
    assert rules(good, "R1") == [] and rules(good, "Q2") == []
    assert rules(replace(INSTANT, review_body="烟台市芝罘区人民法院"), "R1") == [("review_body", ERROR)]
    assert rules(replace(INSTANT, court="烟台市人民政府"), "R1") == [("court", ERROR)]
    # the names are free text like any other: special characters are Q2
    assert ("court", ERROR) in rules(replace(INSTANT, court="烟台市#人民法院"), "Q2")
