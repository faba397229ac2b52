"""The rejection decision names the review body and court (clerk > item > hall > default) and the refusal
notice reads as one sentence: checked on the PDF text, as the applicant reads it."""
from __future__ import annotations

from datetime import datetime

import pytest

from desk_app.domain import intake as d
from desk_app.domain.errors import ValidationError
from desk_app.printing import render_pdf
from desk_app.services.intake import IntakeService
from desk_app.store.database import Store
from desk_app.store.models import Hall
from tests.conftest import HALL_ID
from tests.intake_support import PERSON, Clock, add_item, seed_hall
from tests.pdf_support import pdf_pages_text

TAX = {"review_body": "国家税务总局烟台市税务局", "court": "烟台市芝罘区人民法院"}


@pytest.fixture
def hall(data_dir):
    s = Store.open(data_dir / "pc1.db", now_ms=Clock(datetime(2026, 11, 23, 9, 30)))
    s.set_meta("hall_id", HALL_ID)
    seed_hall(s)  # settings: 市南区人民政府 / 市南区人民法院
    add_item(s, "X001", "个体工商户设立登记")
    add_item(s, "T001", "税务登记", record=TAX)
    yield s
    s.close()


def _case(s: IntakeService, *codes: str) -> str:
    cid = s.open_case(item_codes=list(codes)).case.id
    s.set_applicant(cid, PERSON)
    return cid


def _pdf_text(s: IntakeService, cid: str, kind: str) -> str:
    return "".join(pdf_pages_text(render_pdf(kind, s.document_data(cid, kind, document_number="N-1"))))


def test_hall_settings_name_the_bodies_when_the_item_does_not(hall) -> None:
    s = IntakeService(hall, actor="clerk5", window_number=5)
    cid = _case(s, "X001")
    assert s.rejection_rights(cid) == ("市南区人民政府", "市南区人民法院")
    s.decide(cid, d.REJECT, reasons="经营场所位于禁止经营区域")
    text = _pdf_text(s, cid, "rejection-decision")
    assert "六十日内向市南区人民政府申请行政复议" in text
    assert "六个月内直接向市南区人民法院提起行政诉讼" in text


def test_item_override_wins_and_the_decision_keeps_its_names(hall) -> None:
    s = IntakeService(hall, actor="clerk5", window_number=5)
    cid = _case(s, "X001", "T001")
    assert s.rejection_rights(cid) == (TAX["review_body"], TAX["court"])
    dec = s.decide(cid, d.REJECT, reasons="不符合受理条件")
    assert (dec.case.decision["review_body"], dec.case.decision["court"]) == (TAX["review_body"], TAX["court"])
    with hall.write() as uow:  # the hall's settings change later: a reprint still names what was decided
        uow.session.get(Hall, HALL_ID).settings = {"review_body": "别的政府", "court": "别的人民法院"}
    assert "向国家税务总局烟台市税务局申请行政复议" in _pdf_text(s, cid, "rejection-decision")


def test_clerk_typed_names_win_and_bad_names_are_refused(hall) -> None:
    s = IntakeService(hall, actor="clerk5", window_number=5)
    cid = _case(s, "X001")
    with pytest.raises(ValidationError, match="不是法院名称") as e:
        s.decide(cid, d.REJECT, reasons="理由", court="市南区人民政府")
    assert e.value.field == "court"
    with pytest.raises(ValidationError, match="复议机关是行政机关") as e:
        s.decide(cid, d.REJECT, reasons="理由", review_body="市南区人民法院")
    assert e.value.field == "review_body"
    assert s.get(cid).status == d.CHECKING  # nothing decided by the refused attempts
    s.decide(cid, d.REJECT, reasons="理由", review_body=" 青岛市人民政府 ", court="青岛市中级人民法院")
    text = _pdf_text(s, cid, "rejection-decision")
    assert "向青岛市人民政府申请行政复议" in text and "向青岛市中级人民法院提起行政诉讼" in text


def test_defaults_when_nobody_names_them(hall) -> None:
    with hall.write() as uow:
        uow.session.get(Hall, HALL_ID).settings = {}
    s = IntakeService(hall, actor="clerk5", window_number=5)
    assert s.rejection_rights(_case(s, "X001")) == (d.DEFAULT_REVIEW_BODY, d.DEFAULT_COURT)


@pytest.mark.parametrize("typed", ["申请事项不属于本部门职权范围。", "申请事项不属于本部门职权范围", ""])
def test_refusal_notice_reads_as_one_sentence(hall, typed) -> None:
    s = IntakeService(hall, actor="clerk5", window_number=5)
    cid = _case(s, "X001")
    s.decide(cid, d.OUT_OF_SCOPE, refer_to="区公安分局出入境管理大队。", reasons=typed)
    text = _pdf_text(s, cid, "refusal-notice")
    assert "。，" not in text and "。。" not in text and "。申请办理" not in text
    expected = typed.rstrip("。") or "该事项不由本中心进驻部门办理"
    assert f"经审查，{expected}，不属于本中心受理范围，依法不予受理。" in text
    assert "请向区公安分局出入境管理大队申请办理。" in text
