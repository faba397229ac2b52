"""Where the program's own files are: resources, printout templates and migrations, in a checkout or a PyInstaller bundle."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def install_root() -> Path:
    """The folder holding resources/, printouts/ and db/ (the repository, or the unpacked bundle)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return install_root() / "resources"


def printouts_dir() -> Path:
    return install_root() / "printouts"


def migrations_dir() -> Path:
    return install_root() / "db"


def default_data_dir() -> Path:
    """Per-user data directory (database, attachments, archived printouts, settings)."""
    override = os.environ.get("DESK_APP_DATA")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "desk_app"
