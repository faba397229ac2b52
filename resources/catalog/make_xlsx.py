"""Regenerate sample_catalog.xlsx from sample_catalog.json: `.venv/bin/python resources/catalog/make_xlsx.py`."""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from desk_app.domain.catalog.io import read_json_file  # noqa: E402
from desk_app.services.catalog_xlsx import write_xlsx_file  # noqa: E402


def main() -> int:
    catalog = read_json_file(HERE / "sample_catalog.json")
    target = HERE / "sample_catalog.xlsx"
    write_xlsx_file(catalog, target)
    print(f"wrote {target.name}: {len(catalog.items)} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
