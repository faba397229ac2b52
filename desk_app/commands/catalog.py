"""`desk-app catalog import` and `desk-app catalog lint`: exit 0 clean, 1 lint errors, 2 unreadable input."""
from __future__ import annotations

import argparse
import json
import os
import sys

from desk_app.commands.db import database_url
from desk_app.domain.catalog.lint import ERROR, has_errors, lint
from desk_app.domain.errors import KnownError
from desk_app.services.catalog import CatalogService, load_catalog_file
from desk_app.store.database import Store


def _fail(exc: KnownError) -> int:
    print(f"错误：{exc.message}", file=sys.stderr)
    return 2


def cmd_lint(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog_file(args.path)
    except KnownError as exc:
        if getattr(args, "format", "text") == "json":
            print(json.dumps({"error": exc.message, "field": exc.field}, ensure_ascii=False))
        return _fail(exc)
    findings = lint(catalog.items)
    errors = sum(1 for f in findings if f.severity == ERROR)
    try:
        if getattr(args, "format", "text") == "json":
            for f in findings:
                print(json.dumps(f.as_dict(), ensure_ascii=False))
        else:
            for f in findings:
                print(f.as_text())
            print(f"检查了 {len(catalog.items)} 个事项（目录版本 {catalog.catalog_version}）："
                  f"{errors} 处错误，{len(findings) - errors} 处警告。")
        sys.stdout.flush()
    except BrokenPipeError:
        # `desk-app catalog lint x | head`: the reader left; the exit status still tells the result.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 1 if has_errors(findings) else 0


def cmd_import(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog_file(args.path)
    except KnownError as exc:
        return _fail(exc)
    findings = lint(catalog.items)
    if has_errors(findings):
        for f in findings:
            if f.severity == ERROR:
                print(f.as_text(), file=sys.stderr)
        errors = sum(1 for f in findings if f.severity == ERROR)
        print(f"错误：事项目录有 {errors} 处错误，未导入任何事项。请修正后重新导入。", file=sys.stderr)
        return 1
    store = Store.open(database_url(getattr(args, "db", None)))
    try:
        result = CatalogService(store, actor="cli").import_catalog(catalog.items, catalog.catalog_version)
    except KnownError as exc:
        return _fail(exc)
    finally:
        store.close()
    for f in result.warnings:
        print(f.as_text())
    print(f"已导入目录版本 {result.catalog_version}：{result.items} 个事项（新增 {result.added}，更新 {result.updated}，"
          f"撤销 {result.retired}），{result.materials} 项材料。")
    return 0
