"""`desk-app enroll SERVER CODE`: register this PC with desk-central once and remember the server."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desk_app.paths import default_data_dir
from desk_app.store.database import Store
from desk_app.sync.client import SyncClient
from desk_app.sync.enrollment import enroll_pc


def cmd_enroll(args: argparse.Namespace) -> int:
    from desk_app.runtime.settings import Settings

    data_dir = default_data_dir()
    ca_file = str(Path(args.ca_file).resolve()) if args.ca_file else ""
    if args.server.startswith("http://"):
        print("警告：服务器地址是 http（未加密），只应在实验环境使用。正式环境请用 https。", file=sys.stderr)
    client = SyncClient(args.server, verify=ca_file or True)  # a bad CA file is refused before anything is written
    store = Store.open(data_dir / "local.db")
    try:
        result = enroll_pc(store, client, args.code, data_dir, name=args.name)
    finally:
        client.close()
        store.close()
    settings = Settings(data_dir / "settings.json")
    settings.set("sync.server_url", args.server)
    settings.set("sync.ca_file", ca_file)
    window = f"，{result.window_number}号窗口" if result.window_number is not None else ""
    print(f"本机已注册到大厅 {result.hall_id}（设备序号 {result.device_index}{window}）。运行 desk-app run 开始使用。")
    return 0
