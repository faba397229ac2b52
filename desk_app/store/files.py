"""Private files: the PC's data directory (database, its WAL and SHM, scans, settings, logs, keys) readable by
the signed-in OS account only: files 0600, directories 0700 (on POSIX; Windows keeps the per-user ACLs of
the user's data directory)."""
from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def private_umask() -> None:
    """Everything this process creates from now on is private (SQLite gives its -wal and -shm files the
    database file's mode, the blob store's temporary files are private already)."""
    if os.name == "posix":
        os.umask(0o077)


def make_private(path: Path) -> None:
    """Tighten an existing tree in place (a data directory from before, with 0644 files)."""
    if os.name != "posix" or not path.exists():
        return
    if path.is_file():
        os.chmod(path, FILE_MODE)
        return
    os.chmod(path, DIR_MODE)
    for root, dirs, files in os.walk(path):
        for d in dirs:
            os.chmod(os.path.join(root, d), DIR_MODE)
        for f in files:
            p = os.path.join(root, f)
            if not os.path.islink(p):
                os.chmod(p, FILE_MODE)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 if it does not exist (before SQLite opens it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)
