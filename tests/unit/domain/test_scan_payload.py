"""Classifying scanned codes, with check characters."""
from __future__ import annotations

import pytest

from desk_app.domain.scan_payload import classify, resident_id_ok, uscc_ok

TICKET = "01934a5e-8b2c-7def-8abc-0123456789ab"


@pytest.mark.parametrize("raw,kind,value", [
    (f"DESKT:{TICKET}", "ticket", TICKET),
    ("ZWFW01-20261123-2-0042", "case", "ZWFW01-20261123-2-0042"),
    ("YY20261123", "appointment", "YY20261123"),
    ("11010519491231002x", "resident_id", "11010519491231002X"),
    ("91350100M000100Y43", "uscc", "91350100M000100Y43"),
    ("https://www.gsxt.gov.cn/index.html?uniscid=91350100M000100Y43", "business_licence",
     "https://www.gsxt.gov.cn/index.html?uniscid=91350100M000100Y43"),
    ("https://dzzz.zwfw.example.gov.cn/v?id=abc", "e_licence", "https://dzzz.zwfw.example.gov.cn/v?id=abc"),
])
def test_kinds(raw, kind, value):
    p = classify(raw)
    assert (p.kind, p.value) == (kind, value)


def test_business_licence_link_carries_uscc():
    assert classify("http://www.gsxt.gov.cn/x?uniscid=91350100M000100Y43").uscc == "91350100M000100Y43"


def test_bad_check_digits_are_invalid_with_chinese_message():
    p = classify("110105194912310021")
    assert p.kind == "invalid" and "校验位" in p.message_cn
    q = classify("91350100M000100Y44")
    assert q.kind == "invalid" and "校验位" in q.message_cn
    assert classify("DESKT:not-a-uuid").kind == "invalid"
    assert classify("http://www.gsxt.gov.cn/x?uniscid=91350100M000100Y44").kind == "invalid"


def test_unknown():
    p = classify("hello world")
    assert p.kind == "unknown" and p.message_cn
    assert classify("https://example.com/").kind == "unknown"


def test_check_helpers():
    assert resident_id_ok("11010519491231002X")
    assert not resident_id_ok("11010519491331002X")
    assert uscc_ok("91110000600037341L") and not uscc_ok("91110000600037341M")
