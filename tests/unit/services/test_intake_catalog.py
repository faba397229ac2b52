"""Intake over the sample catalog imported by the catalog service: deferral and commitment as it allows."""
from __future__ import annotations

from datetime import datetime

import pytest

from desk_app.domain import intake as d
from desk_app.domain.errors import ValidationError
from desk_app.paths import resources_dir
from desk_app.services.catalog import CatalogService
from desk_app.services.intake import IntakeService
from desk_app.store.database import Store
from tests.conftest import HALL_ID
from tests.intake_support import PERSON, Clock, seed_hall


@pytest.fixture
def hall(data_dir):
    s = Store.open(data_dir / "pc1.db", now_ms=Clock(datetime(2026, 11, 23, 9, 30)))
    s.set_meta("hall_id", HALL_ID)
    seed_hall(s)
    CatalogService(s).import_file(resources_dir() / "catalog" / "sample_catalog.json")
    yield s
    s.close()


def test_food_licence_deferred_as_the_catalog_allows(hall) -> None:
    hit = CatalogService(hall).search("spjyxk")[0]
    assert hit.name.startswith("食品经营许可")
    s = IntakeService(hall, actor="clerk5", window_number=5)
    case = s.open_case(item_codes=[hit.item_code]).case
    assert case.catalog_version == "2026.11.1" and len(case.materials) == 6
    s.set_applicant(case.id, PERSON)
    deferrable = [m for m in case.materials if m["deferrable"]]
    fixed = [m for m in case.materials if not m["deferrable"] and not m["commitment_allowed"]]
    with pytest.raises(ValidationError):
        s.check_material(case.id, fixed[0]["material_id"], d.DEFERRED)
    for m in case.materials:
        if m in deferrable:
            s.check_material(case.id, m["material_id"], d.DEFERRED)
        else:
            s.check_material(case.id, m["material_id"], d.RECEIVED, form=d.COPY, copies=1)
    dec = s.decide(case.id, d.ACCEPT_DEFERRED)
    assert dec.case.due_date == "2026-11-30" and dec.case.supplement_deadline == "2026-11-30"
    notice = s.document_data(case.id, "supplement-notice")
    assert {m["name"] for m in notice["materials"]} == {m["name"] for m in deferrable}
    assert all(m["requirement"] for m in notice["materials"])


def test_instant_sample_item_finishes(hall) -> None:
    hit = CatalogService(hall).search("gtgsh")[0]
    assert hit.name == "个体工商户设立登记"
    s = IntakeService(hall)
    case = s.open_case(item_codes=[hit.item_code]).case
    s.set_applicant(case.id, PERSON)
    for m in case.materials:
        s.check_material(case.id, m["material_id"], d.RECEIVED, form=d.ORIGINAL, copies=1)
    assert s.decide(case.id, d.FINISH).case.status == d.FINISHED
