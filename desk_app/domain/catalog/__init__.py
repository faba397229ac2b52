"""The service catalog: item records, the interchange format (JSON) and the data-quality rules Q1–Q13."""
from desk_app.domain.catalog.io import (
    MAX_FILE_BYTES, MAX_MATERIALS_PER_ITEM, catalog_from_dict, catalog_to_dict, check_items, item_from_dict,
    item_to_dict, read_json_bytes, read_json_file,
)
from desk_app.domain.catalog.lint import ERROR, WARNING, Finding, has_errors, lint, lint_item
from desk_app.domain.catalog.model import (
    Catalog, HandlingStep, ItemSummary, MaterialRecord, ServiceItemRecord, format_limit, parse_limit,
)

__all__ = [
    "MAX_FILE_BYTES", "MAX_MATERIALS_PER_ITEM", "catalog_from_dict", "catalog_to_dict", "check_items",
    "item_from_dict", "item_to_dict", "read_json_bytes", "read_json_file", "ERROR", "WARNING", "Finding",
    "has_errors", "lint", "lint_item", "Catalog", "HandlingStep", "ItemSummary", "MaterialRecord",
    "ServiceItemRecord", "format_limit", "parse_limit",
]
