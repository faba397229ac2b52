"""`desk-app purge-pii`: erase the personal data of cases, appointments and complaints past the retention period."""
from __future__ import annotations

import argparse

from desk_app.paths import default_data_dir
from desk_app.runtime.settings import Settings
from desk_app.services.retention import RetentionService
from desk_app.store.blobs import BlobStore
from desk_app.store.database import Store
from desk_app.store.files import private_umask
from desk_app.store.pii_migration import unlock


def cmd_purge_pii(args: argparse.Namespace) -> int:
    data_dir = default_data_dir()
    private_umask()
    years = args.years if args.years is not None else Settings(data_dir / "settings.json").get(
        "privacy.retention_years")
    store = Store.open(data_dir / "local.db")
    try:
        unlock(store, data_dir)
        store.blobs = BlobStore(data_dir / "blobs", cipher=store.cipher)
        service = RetentionService(store)
        result = service.purge(years, dry_run=args.dry_run)
    finally:
        store.close()
    verb = "将删除" if args.dry_run else "已删除"
    print(f"保存期限 {years} 年：{result.cutoff} 以前办结的办件共 {len(result.case_numbers)} 件，"
          f"预约日在此以前的预约共 {len(result.appointment_codes)} 个，在此以前办结的办不成事反映共 "
          f"{len(result.complaint_numbers)} 件，{verb}其中的个人信息（姓名、身份证号、电话）；"
          f"本机附件删除 {result.files_deleted} 个。")
    for label, numbers in (("办件", result.case_numbers), ("预约", result.appointment_codes),
                           ("反映", result.complaint_numbers)):
        for number in numbers:
            print(f"  {label} {number}")
    return 0
