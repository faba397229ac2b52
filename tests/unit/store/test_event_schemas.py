"""Every event type has a payload schema, and what the services emit passes it (the PC and desk-central share it)."""
from __future__ import annotations

import pytest

from desk_app.domain.events import known_event_types
from desk_app.server.core import load_event_types
from desk_app.store.event_schemas import MAX_DEPTH, MAX_PAYLOAD_CHARS, SCHEMAS, json_problem, payload_problem


def test_every_registered_event_type_and_version_has_a_schema():
    load_event_types()
    missing = [(n, et.schema_version) for n, et in known_event_types().items()
               if (n, et.schema_version) not in SCHEMAS]
    assert not missing


@pytest.mark.parametrize("payload, why", [
    ({"category": 1}, "类型错误"),                      # the fold sorts categories: 1 < "A" raises
    ({"category": "A", "x": 1}, "不认识的字段"),
    ({}, "缺少此字段"),
    ({"category": "ABCDEFG"}, "最多 4 个字符"),
])
def test_a_payload_that_breaks_its_schema_is_refused_with_the_field(payload, why):
    assert why in payload_problem("queue_day.category_closed", 1, payload)
    assert payload_problem("queue_day.category_closed", 1, {"category": "A"}) == ""


def test_plain_json_only():
    deep: dict = {}
    cur = deep
    for _ in range(300):
        cur["a"] = {}
        cur = cur["a"]
    assert "嵌套" in json_problem(deep)
    assert json_problem({"v": float("nan")}) and json_problem({"v": float("inf")})
    assert json_problem({"v": "\ud800"}) and json_problem({"\udfff": 1})
    assert json_problem({"v": 2 ** 70}) and not json_problem({"v": 2 ** 52})
    nested = {"a": [[{"b": [1]}]]}
    assert not json_problem(nested) and MAX_DEPTH >= 5


def test_names_are_bounded_and_size_is_limited():
    applicant = {"kind": "organisation", "name": "某某有限公司", "uscc": "91350100M000100Y43",
                 "legal_rep": "张" * 70_000, "phone": ""}
    why = payload_problem("case.applicant_set", 1, {"applicant": applicant, "agent": None})
    assert "过大" in why or "legal_rep" in why
    applicant["legal_rep"] = "张" * 101
    assert "applicant.legal_rep" in payload_problem("case.applicant_set", 1, {"applicant": applicant})
    big = {"kind": "notice", "number": "1", "data": {"t": "x" * (MAX_PAYLOAD_CHARS + 1)}}
    assert "过大" in payload_problem("printout.issued", 1, big)
