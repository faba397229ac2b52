"""Catalog figures for 5,000 items: file read, lint (Q1–Q13), import in one transaction, search latency.

Run: .venv/bin/python bench/catalog_lint.py [--items 5000]
Prints JSON lines. The items are the sample catalog's records repeated with unique codes and names.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit, summary, timed  # noqa: E402
from desk_app.domain.catalog import catalog_to_dict, lint, read_json_file  # noqa: E402
from desk_app.domain.catalog.model import Catalog  # noqa: E402
from desk_app.paths import resources_dir  # noqa: E402
from desk_app.services.catalog import CatalogService, load_catalog_file  # noqa: E402
from desk_app.services.catalog_xlsx import write_xlsx_file  # noqa: E402
from desk_app.store.database import Store  # noqa: E402


def make_catalog(n: int) -> Catalog:
    base = read_json_file(resources_dir() / "catalog" / "sample_catalog.json").items
    items = tuple(
        replace(base[i % len(base)], item_code=f"{base[i % len(base)].item_code[:19]}{i:014d}",
                name=f"{base[i % len(base)].name}{i:04d}")
        for i in range(n))
    return Catalog(catalog_version=f"bench-{n}", items=items)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=5000)
    args = ap.parse_args()
    catalog = make_catalog(args.items)
    n_materials = sum(len(i.materials) for i in catalog.items)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "catalog.json"
        path.write_text(json.dumps(catalog_to_dict(catalog), ensure_ascii=False), encoding="utf-8")
        t0 = time.perf_counter()
        loaded = load_catalog_file(path)
        read_s = time.perf_counter() - t0
        emit("catalog_read_json", items=args.items, materials=n_materials, file_mb=round(path.stat().st_size / 2**20, 2),
             seconds=round(read_s, 3))

        xlsx = Path(tmp) / "catalog.xlsx"
        write_xlsx_file(catalog, xlsx)
        t0 = time.perf_counter()
        load_catalog_file(xlsx)
        emit("catalog_read_xlsx", items=args.items, file_mb=round(xlsx.stat().st_size / 2**20, 2),
             seconds=round(time.perf_counter() - t0, 3))

        lint(loaded.items[:10])  # load the typo dictionary outside the measurement
        t0 = time.perf_counter()
        findings = lint(loaded.items)
        lint_s = time.perf_counter() - t0
        emit("catalog_lint", items=args.items, materials=n_materials, findings=len(findings),
             seconds=round(lint_s, 3), per_item_ms=round(lint_s / args.items * 1000, 4))

        store = Store.open(Path(tmp) / "local.db")
        try:
            svc = CatalogService(store)
            t0 = time.perf_counter()
            result = svc.import_catalog(loaded.items, loaded.catalog_version)
            emit("catalog_import", items=result.items, materials=result.materials,
                 seconds=round(time.perf_counter() - t0, 3), note="one transaction, includes lint and pinyin keys")
            t0 = time.perf_counter()
            result = svc.import_catalog(loaded.items, "bench-again")
            emit("catalog_reimport", items=result.items, updated=result.updated,
                 seconds=round(time.perf_counter() - t0, 3))
            svc.search("gtgsh")
            queries = iter(["gtgsh", "zfgjj", "公积金", "bdcdj", "shehuibaozhang", "jhdj"] * 1000)
            emit("catalog_search", items=args.items, **summary(timed(lambda: svc.search(next(queries)), 300)))
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
