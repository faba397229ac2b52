"""`desk-app db upgrade` and `desk-app version`."""
from __future__ import annotations

import argparse

from desk_app import __version__
from desk_app.paths import default_data_dir
from desk_app.store.engine import make_engine, sqlite_url
from desk_app.store.migrate import upgrade


def database_url(arg: str | None) -> str:
    """The --db argument as a URL; by default the local database in the data directory."""
    if not arg:
        return sqlite_url(default_data_dir() / "local.db")
    return arg if "://" in arg else sqlite_url(arg)


def cmd_upgrade(args: argparse.Namespace) -> int:
    url = database_url(args.db)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    print(f"数据库已是最新结构：{url}")
    return 0


def cmd_version(_args: argparse.Namespace) -> int:
    print(f"desk-app {__version__}")
    return 0
