"""desk-central backup and restore: the database (pg_dump, or SQLite's online backup) with the attachment folder.

A backup is a folder: ``manifest.json``, ``central.pgdump`` or ``central.db``, and ``blobs/``. The database is
dumped first and the attachments copied after, so every attachment the dumped database knows is in the copy
(attachments are content-addressed and only ever added). A restore gives the database a new epoch, so every PC
notices the server went back in time and resends what the backup does not have (see docs/sync.md).
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from desk_app import __version__
from desk_app.domain.errors import KnownError, ValidationError
from desk_app.server.hall_keys import MASTER_FILE

MANIFEST = "manifest.json"


class BackupError(KnownError):
    code = "backup"


@dataclass(frozen=True)
class BackupSummary:
    folder: Path
    database: str  # "postgresql" or "sqlite"
    attachments: int
    bytes: int


def _pg_dsn(url: str) -> str:
    u = make_url(url).set(drivername="postgresql")
    return u.render_as_string(hide_password=False)


def _sqlite_path(url: str) -> Path:
    db = make_url(url).database
    if not db or db == ":memory:":
        raise ValidationError("内存数据库无法备份。", field="db")
    return Path(db)


def _run(cmd: list[str]) -> None:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    except FileNotFoundError as exc:
        raise BackupError(f"找不到 {cmd[0]}：请安装与服务器版本相同的 PostgreSQL 客户端工具。") from exc
    if done.returncode != 0:
        raise BackupError(f"{cmd[0]} 失败：{done.stderr.strip()[-500:]}")


def _copy_blobs(src: Path, dest: Path) -> tuple[int, int]:
    """Finished attachments only (never ``.partial``); an existing file with the same name is the same content.
    The master key file goes along (the halls' keys in the database are wrapped with it) but is no attachment."""
    count = size = 0
    if not src.exists():
        return 0, 0
    for path in src.rglob("*"):
        rel = path.relative_to(src)
        if not path.is_file() or rel.parts[0].startswith("."):
            continue
        target = dest / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            shutil.copy2(path, tmp)
            os.replace(tmp, target)
        if rel != Path(MASTER_FILE):
            count += 1
            size += path.stat().st_size
    return count, size


def backup(db_url: str, blobs_dir: Path, out: Path) -> BackupSummary:
    if out.exists() and any(out.iterdir()):
        raise ValidationError(f"备份目录“{out}”不是空的。请给一个新目录。", field="out")
    out.mkdir(parents=True, exist_ok=True)
    if db_url.startswith("sqlite"):
        kind = "sqlite"
        source = _sqlite_path(db_url)
        if not source.exists():
            raise ValidationError(f"找不到数据库文件“{source}”。", field="db")
        # The online backup API copies a consistent snapshot while the server keeps writing.
        with sqlite3.connect(source) as src, sqlite3.connect(out / "central.db") as dst:
            src.backup(dst)
        db_bytes = (out / "central.db").stat().st_size
    else:
        kind = "postgresql"
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(out / "central.pgdump"), _pg_dsn(db_url)])
        db_bytes = (out / "central.pgdump").stat().st_size
    count, size = _copy_blobs(blobs_dir, out / "blobs")
    manifest = {"format": 1, "program": __version__, "database": kind, "created": int(time.time()),
                "attachments": count}
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return BackupSummary(out, kind, count, db_bytes + size)


def restore(db_url: str, blobs_dir: Path, folder: Path) -> str:
    """Put a backup back (desk-central must be stopped); returns the database's new epoch."""
    from desk_app.server.core import ServerDB
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationError(f"“{folder}”不是 desk-central 备份（没有可读的 {MANIFEST}）。", field="from") from exc
    kind = "sqlite" if db_url.startswith("sqlite") else "postgresql"
    if manifest.get("database") != kind:
        raise ValidationError(f"这是 {manifest.get('database')} 的备份，不能恢复到 {kind} 数据库。", field="from")
    if kind == "sqlite":
        target = _sqlite_path(db_url)
        for suffix in ("-wal", "-shm"):  # the old database's journal must not be replayed onto the restored one
            Path(str(target) + suffix).unlink(missing_ok=True)
        tmp = target.with_name(target.name + ".restoring")
        with sqlite3.connect(folder / "central.db") as src, sqlite3.connect(tmp) as dst:
            src.backup(dst)
        os.replace(tmp, target)
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              "--dbname", _pg_dsn(db_url), str(folder / "central.pgdump")])
    _copy_blobs(folder / "blobs", blobs_dir)  # attachments uploaded since the backup stay
    db = ServerDB(db_url)
    try:
        return db.rotate_epoch()
    finally:
        db.dispose()
