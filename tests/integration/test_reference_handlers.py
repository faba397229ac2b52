"""Reference data pulled from desk-central and applied on the PC: the catalog and the holiday table."""
from __future__ import annotations

import json
from datetime import date

import pytest

from desk_app.app_sync import reference_handlers
from desk_app.domain.errors import KnownError
from desk_app.paths import resources_dir
from desk_app.services.calendar import hall_calendar
from desk_app.services.catalog import CatalogService


def test_pulled_catalog_is_imported_with_its_version(store) -> None:
    body = json.loads((resources_dir() / "catalog" / "sample_catalog.json").read_text(encoding="utf-8"))
    reference_handlers()["catalog"](store, "2026-第9版", body)
    svc = CatalogService(store)
    assert svc.version() == "2026-第9版"
    assert svc.search("gtgsh")[0].name == "个体工商户设立登记"


def test_pulled_holiday_table_extends_the_calendar(store) -> None:
    with pytest.raises(KnownError):
        hall_calendar(store).is_workday(date(2027, 1, 4))  # not in the package: refused, not guessed
    table = {"2027": {"holidays": ["2027-01-01"], "workdays": []}}
    reference_handlers()["calendar"](store, "2027", table)
    cal = hall_calendar(store)
    assert cal.is_workday(date(2027, 1, 4)) and not cal.is_workday(date(2027, 1, 1))


def test_malformed_holiday_table_is_refused_and_the_old_one_kept(store) -> None:
    good = {"2027": {"holidays": ["2027-01-01"], "workdays": []}}
    reference_handlers()["calendar"](store, "2027", good)
    with pytest.raises(Exception):
        reference_handlers()["calendar"](store, "bad", {"2027": {"holidays": ["not a date"]}})
    assert not hall_calendar(store).is_workday(date(2027, 1, 1))


def test_pulled_hall_settings_name_the_review_body_and_court(store) -> None:
    from desk_app.services.intake import IntakeService
    from desk_app.services.reference import load_hall_setup
    setup = json.loads((resources_dir() / "demo" / "hall.json").read_text(encoding="utf-8"))
    setup["hall"].pop("settings")
    load_hall_setup(store, setup)
    assert IntakeService(store).hall().settings == {}
    reference_handlers()["settings"](store, "演示", {"review_body": "演示市人民政府", "court": "演示市城东区人民法院",
                                                   "unknown": "ignored"})
    assert IntakeService(store).hall().settings == {"review_body": "演示市人民政府", "court": "演示市城东区人民法院"}
