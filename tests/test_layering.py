"""ARCHITECTURE.md's import rules, checked on every module's imports (also those inside functions)."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "desk_app"
LAYERS = {"domain", "store", "services", "sync", "server", "printing", "devices", "runtime", "ui"}
ALLOWED_INTERNAL = {
    "domain": {"domain"},
    "store": {"domain", "store"},
    "services": {"domain", "store", "services"},
    "sync": {"domain", "store", "sync"},
    "server": {"domain", "store", "sync", "server"},
    "printing": {"domain", "printing"},
    "devices": {"domain", "devices"},
    "runtime": {"domain", "runtime"},
    "ui": {"services", "printing", "devices", "runtime", "domain", "ui"},
}
# Third-party packages each layer must not use.
FORBIDDEN_EXTERNAL = {
    "domain": {"sqlalchemy", "PySide6", "shiboken6", "fastapi", "httpx", "serial", "reportlab", "openpyxl",
               "cv2", "numpy", "pydantic", "uvicorn", "psycopg", "alembic", "PIL"},
    "store": {"PySide6", "shiboken6", "fastapi", "serial", "reportlab"},
    "services": {"PySide6", "shiboken6", "fastapi", "uvicorn", "serial"},
    "sync": {"PySide6", "shiboken6", "serial", "reportlab"},
    "server": {"PySide6", "shiboken6", "serial", "reportlab"},
    "printing": {"sqlalchemy", "PySide6", "shiboken6", "fastapi", "httpx"},
    "devices": {"sqlalchemy", "fastapi", "httpx", "reportlab"},
    "runtime": {"sqlalchemy", "fastapi", "httpx", "serial"},
    "ui": {"sqlalchemy", "serial", "alembic", "psycopg", "fastapi", "uvicorn"},
}
# Qt outside ui/runtime/app: only the camera and voice adapters, and only these Qt modules.
QT_ALLOWED = {
    "runtime": {"PySide6.QtCore"},
    "devices": {"PySide6.QtCore", "PySide6.QtMultimedia", "PySide6.QtGui", "PySide6.QtTextToSpeech"},
}
QT_ADAPTERS = ("camera_qt", "voice_qt")
ANYONE = {"desk_app.paths", "desk_app"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{a.name}" for a in node.names if node.module == "PySide6"]
    return names


def _violations() -> list[str]:
    found = []
    for layer in sorted(LAYERS):
        for path in sorted((PKG / layer).rglob("*.py")):
            rel = path.relative_to(PKG.parent)
            for name in _imports(path):
                top = name.split(".")[0]
                if name in ANYONE or name.startswith("desk_app.paths"):
                    continue
                if top == "desk_app":
                    target = name.split(".")[1]
                    if target in LAYERS and target not in ALLOWED_INTERNAL[layer]:
                        found.append(f"{rel}: {layer} may not import {name}")
                    elif target not in LAYERS:
                        found.append(f"{rel}: {layer} may not import {name} (composition root / cli)")
                elif top in FORBIDDEN_EXTERNAL[layer]:
                    found.append(f"{rel}: {layer} may not use {top}")
                elif top in ("PySide6", "shiboken6") and layer in QT_ALLOWED:
                    if layer == "devices" and not path.stem.startswith(QT_ADAPTERS):
                        found.append(f"{rel}: only the camera and voice adapters may use Qt")
                    elif name.count(".") and name not in QT_ALLOWED[layer] and name != "PySide6":
                        found.append(f"{rel}: {layer} may use only {sorted(QT_ALLOWED[layer])}, not {name}")
                elif top in ("PySide6", "shiboken6") and layer not in ("ui",):
                    found.append(f"{rel}: no Qt in {layer}")
    return found


def test_layers_import_only_what_architecture_allows() -> None:
    assert _violations() == []


def test_the_checker_catches_a_violation(tmp_path: Path, monkeypatch) -> None:
    fake = tmp_path / "desk_app"
    for layer in LAYERS:
        (fake / layer).mkdir(parents=True)
    (fake / "ui" / "bad.py").write_text("import sqlalchemy\nfrom desk_app.store import database\n")
    (fake / "runtime" / "bad.py").write_text("from PySide6.QtWidgets import QLabel\n")
    (fake / "domain" / "bad.py").write_text("def f():\n    from desk_app.services import queue\n")
    monkeypatch.setattr(sys.modules[__name__], "PKG", fake)
    found = "\n".join(_violations())
    assert "ui may not use sqlalchemy" in found
    assert "ui may not import desk_app.store" in found
    assert "runtime may use only" in found
    assert "domain may not import desk_app.services" in found
