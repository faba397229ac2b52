"""ARCHITECTURE.md's import rules hold for desk_app, and the checker catches each kind of violation planted."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests import import_rules as rules

PKG = Path(__file__).resolve().parent.parent / "desk_app"

# Known departures, each waiting for a change another developer owns this session (issue 14, "the shape").
# An entry that no longer matches fails test_the_known_departures_are_still_there: delete it then.
KNOWN_CYCLES = [
    # Merged from the print branch (#13), to be broken by its owner:
    ["desk_app.services.intake", "desk_app.services.pickup", "desk_app.services.printing"],
    ["desk_app.devices.doc_printer", "desk_app.devices.doc_printer_cups", "desk_app.devices.doc_printer_win"],
    ["desk_app.ui.printing.pipeline", "desk_app.ui.printing.preview"],
]
KNOWN_LAYER_VIOLATIONS: list[str] = []
KNOWN_PRIVATE_USES = [
    "desk_app.services.pickup imports desk_app.services.intake._guard",
]


@pytest.fixture(scope="module")
def checked() -> dict[str, list]:
    """desk_app checked once for the four tests below (a walk of every module's syntax tree each)."""
    return {"layers": rules.layer_violations(PKG), "private": rules.private_uses(PKG),
            "cycles": rules.import_cycles(PKG)}


def test_every_module_imports_only_what_its_layer_may(checked) -> None:
    assert [v for v in checked["layers"] if v not in KNOWN_LAYER_VIOLATIONS] == []


def test_no_module_uses_another_modules_private_names(checked) -> None:
    assert [v for v in checked["private"] if not any(k in v for k in KNOWN_PRIVATE_USES)] == []


def test_no_import_cycles(checked) -> None:
    assert [c for c in checked["cycles"] if c not in KNOWN_CYCLES] == []


def test_the_known_departures_are_still_there(checked) -> None:
    private = "\n".join(checked["private"])
    assert [c for c in KNOWN_CYCLES if c not in checked["cycles"]] == [], "a known cycle is gone: delete its entry"
    assert [k for k in KNOWN_PRIVATE_USES if k not in private] == [], "a known private use is gone: delete it"
    assert [k for k in KNOWN_LAYER_VIOLATIONS if k not in checked["layers"]] == [], "a known violation is gone"


# ------------------------------------------------------------------------------------------- self-tests
# A small package shaped like desk_app, clean as written; each case plants one file and expects one message.
SKELETON = {
    "__init__.py": '__version__ = "0"\n',
    "paths.py": "from pathlib import Path\n",
    "app.py": "from PySide6.QtWidgets import QApplication\nfrom desk_app import ui, server\n",
    "demo.py": "from desk_app.app import QApplication\nfrom desk_app.ui import shell\n",
    "demo_central.py": "import uvicorn\nfrom desk_app.server import core\n",
    "cli.py": "import importlib\nfrom desk_app import __version__\n",
    "commands/__init__.py": "",
    "commands/db.py": "from desk_app.store import database\n",
    "domain/__init__.py": "",
    "domain/ids.py": "import uuid\nimport uuid_utils\nfrom desk_app.paths import Path\n",
    "store/__init__.py": "",
    "store/database.py": "import sqlalchemy\nfrom desk_app.domain import ids\n",
    "services/__init__.py": "",
    "services/queue.py": "from desk_app.store.database import sqlalchemy\nfrom .. import domain\n",
    "services/accounts.py": "import argon2\n",
    "sync/__init__.py": "",
    "sync/protocol.py": "import pydantic\n",
    "sync/agent.py": "import stamina\nfrom desk_app.sync import protocol\n",
    "server/__init__.py": "",
    "server/core.py": "import fastapi\nfrom desk_app.sync.protocol import pydantic\nfrom desk_app.store import database\n",
    "printing/__init__.py": "",
    "printing/codes.py": "import qrcode\n",
    "devices/__init__.py": "",
    "devices/scanner.py": "import serial\n",
    "devices/camera_qt.py": "from PySide6.QtMultimedia import QCamera\nfrom PySide6.QtCore import QObject\n",
    "runtime/__init__.py": "",
    "runtime/ops.py": "from PySide6.QtCore import QObject\nimport shiboken6\n",
    "ui/__init__.py": "",
    "ui/shell.py": "from PySide6.QtWidgets import QWidget\nfrom desk_app.services import queue\n"
                   "from desk_app.runtime import ops\nfrom desk_app.devices import scanner\n",
}


def _package(tmp_path: Path, **planted: str) -> Path:
    pkg = tmp_path / "desk_app"
    for rel, text in {**SKELETON, **planted}.items():
        path = pkg / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return pkg


def test_the_skeleton_is_clean(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    assert rules.layer_violations(pkg) == []
    assert rules.private_uses(pkg) == []
    assert rules.import_cycles(pkg) == []


# The eleven violations of issue 14, and the further cases ARCHITECTURE.md's table implies.
PLANTED = {
    "package import into domain": (
        "domain/bad.py", "from desk_app import store\n", "domain may not import desk_app.store"),
    "relative import": (
        "domain/bad.py", "from ..store import database\n", "domain may not import desk_app.store.database"),
    "domain uses stamina": ("domain/bad.py", "import stamina\n", "domain may not use stamina"),
    "domain uses qrcode": ("domain/bad.py", "import qrcode.image\n", "domain may not use qrcode"),
    "domain uses argon2": ("domain/bad.py", "from argon2 import PasswordHasher\n", "domain may not use argon2"),
    "server imports the sync agent": (
        "server/bad.py", "from desk_app.sync.agent import SyncAgent\n", "server may not import desk_app.sync.agent"),
    "Qt outside the adapters": (
        "devices/scanner.py", "from PySide6.QtCore import QTimer\n", "devices may not use Qt (PySide6.QtCore)"),
    "the camera adapter beyond QtMultimedia": (
        "devices/camera_qt.py", "from PySide6.QtWidgets import QLabel\n",
        "devices may use only ['PySide6.QtCore', 'PySide6.QtGui', 'PySide6.QtMultimedia'] of Qt here, "
        "not PySide6.QtWidgets"),
    "demo.py imports test code": ("demo.py", "from tests.conftest import HALL_ID\n", "app may not use tests"),
    "demo_central.py uses Qt": (
        "demo_central.py", "from PySide6 import QtCore\n", "cli may not use Qt (PySide6.QtCore)"),
    "commands/ uses Qt": (
        "commands/db.py", "from PySide6.QtWidgets import QApplication\n", "cli may not use Qt (PySide6.QtWidgets)"),
    "lazy import inside a function": (
        "services/bad.py", "def f():\n    from desk_app.ui import shell\n", "services may not import desk_app.ui.shell"),
    "SQLAlchemy in ui": (
        "ui/bad.py", "def f():\n    from sqlalchemy.orm import Session\n", "ui may not use sqlalchemy"),
    "ui imports the store": ("ui/bad.py", "import desk_app.store.database\n", "ui may not import desk_app.store"),
    "runtime beyond QtCore": (
        "runtime/bad.py", "from PySide6.QtWidgets import QLabel\n", "runtime may use only"),
    "importlib with a literal name": (
        "printing/bad.py", "import importlib\nimportlib.import_module('desk_app.store.database')\n",
        "printing may not import desk_app.store.database"),
    "lower layer imports the composition root": (
        "services/bad.py", "from desk_app import demo\n", "services may not import desk_app.demo"),
    "a module in no layer": ("helpers.py", "", "desk_app.helpers is in no layer"),
}


@pytest.mark.parametrize("where,text,expected", PLANTED.values(), ids=PLANTED.keys())
def test_the_checker_catches_a_planted_violation(tmp_path: Path, where: str, text: str, expected: str) -> None:
    found = rules.layer_violations(_package(tmp_path, **{where: text}))
    assert len(found) == 1 and expected in found[0], found


def test_the_checker_catches_private_names_of_another_module(tmp_path: Path) -> None:
    pkg = _package(tmp_path, **{
        "server/grouppush.py": "from desk_app.server import core\nfrom desk_app.server.core import _limit\n"
                               "x = core._deferred(1)\ny = core.public\n",
        "server/core.py": "_limit = 1\npublic = 2\n\ndef _deferred(v):\n    return _limit\n",
    })
    found = "\n".join(rules.private_uses(pkg))
    assert "desk_app.server.grouppush imports desk_app.server.core._limit" in found
    assert "desk_app.server.grouppush uses desk_app.server.core._deferred" in found
    assert len(rules.private_uses(pkg)) == 2


def test_the_checker_catches_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    pkg = _package(tmp_path, **{
        "store/reducer.py": "def apply():\n    from desk_app.store import projections\n",
        "store/projections.py": "from desk_app.store.reducer import apply\n",
    })
    assert rules.import_cycles(pkg) == [["desk_app.store.projections", "desk_app.store.reducer"]]
