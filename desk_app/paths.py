"""Where the program's own files are: resources, printout templates and migrations, in a checkout, a wheel or a bundle."""
from __future__ import annotations

import os
import sys
from functools import cache
from importlib import resources
from pathlib import Path


@cache
def install_root() -> Path:
    """The folder holding resources/, printouts/ and db/.

    A PyInstaller bundle unpacks them beside the program; a wheel carries them as package data in desk_app/_data
    (setup.py copies them there); a checkout or an editable install has them at the top of the repository.
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    packaged = resources.files("desk_app") / "_data"
    if packaged.is_dir():
        # Installed packages are plain directories (zip imports are not supported), so the Path is real.
        return Path(str(packaged))
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
