"""ARCHITECTURE.md's "who may import whom" as allow-lists per layer, and the checks that read a package's imports."""
from __future__ import annotations

import ast
import functools
import sys
from dataclasses import dataclass
from pathlib import Path

# Packages and top-level modules of desk_app, by the layer of ARCHITECTURE.md's table they belong to.
# "base" is the package root (its version), paths.py and cli_args.py (the Chinese argparse of both commands):
# stdlib only, importable by every layer.
# "app" is the composition root (app.py, which opens the windows, with app_services.py and app_sync.py, what it
# builds below them) and the demo hall it starts (demo.py); "cli" is the rest of the top level (cli.py,
# __main__.py, commands/, demo_central.py, the demo's server side): everything except Qt.
PACKAGE_LAYERS = {"domain", "store", "services", "sync", "server", "printing", "devices", "runtime", "ui"}
MODULE_LAYERS = {
    "desk_app": "base", "desk_app.paths": "base", "desk_app.cli_args": "base",
    "desk_app.app": "app", "desk_app.app_services": "app", "desk_app.app_sync": "app", "desk_app.demo": "app",
    "desk_app.cli": "cli", "desk_app.__main__": "cli", "desk_app.demo_central": "cli",
}
CLI_PACKAGES = {"commands"}

# Which desk_app modules a layer may import: a name allows itself and everything under it, except the package
# root "desk_app" (its version), which allows only itself; "desk_app." allows every module.
BASE = {"desk_app", "desk_app.paths", "desk_app.cli_args"}
INTERNAL: dict[str, set[str]] = {
    "base": {"desk_app"},
    "domain": BASE | {"desk_app.domain"},
    "store": BASE | {"desk_app.domain", "desk_app.store"},
    "services": BASE | {"desk_app.domain", "desk_app.store", "desk_app.services"},
    "sync": BASE | {"desk_app.domain", "desk_app.store", "desk_app.sync"},
    # the server shares only the wire format with the PC's sync code, never its agent or client
    "server": BASE | {"desk_app.domain", "desk_app.store", "desk_app.sync.protocol", "desk_app.server"},
    "printing": BASE | {"desk_app.domain", "desk_app.printing"},
    "devices": BASE | {"desk_app.domain", "desk_app.devices"},
    "runtime": BASE | {"desk_app.domain", "desk_app.runtime"},
    "ui": BASE | {"desk_app.services", "desk_app.printing", "desk_app.devices", "desk_app.runtime",
                  "desk_app.domain", "desk_app.ui"},
    "app": {"desk_app", "desk_app."},
    "cli": {"desk_app", "desk_app."},
}

# Third-party packages (import names) each layer may use; the standard library is always allowed.
# domain: small pure libraries only (ids, pinyin initials, the holiday table).
QT = {"PySide6", "shiboken6"}
THIRD_PARTY: dict[str, set[str]] = {
    "base": set(),
    "domain": {"uuid_utils", "pypinyin", "chinese_calendar"},
    # store also holds what both services and desk-central need and only it may give both: the event payload
    # schemas (pydantic), the report workbook (openpyxl), passwords (argon2), the audit chain and field
    # encryption (cryptography).
    "store": {"sqlalchemy", "alembic", "pydantic", "openpyxl", "argon2", "cryptography"},
    "services": {"sqlalchemy", "openpyxl", "argon2"},
    "sync": {"sqlalchemy", "httpx", "pydantic", "stamina", "truststore"},
    "server": {"sqlalchemy", "fastapi", "starlette", "psycopg", "uvicorn", "anyio", "pydantic"},
    "printing": {"reportlab", "PIL", "barcode", "qrcode"},
    "devices": {"serial", "PIL", "cv2", "numpy", "img2pdf", "sane", "twain", "win32print"},
    "runtime": set(),
    "ui": set(),
}
THIRD_PARTY["cli"] = set().union(*THIRD_PARTY.values())
THIRD_PARTY["app"] = THIRD_PARTY["cli"]

# Qt modules per layer, and per module where only named adapters may use Qt. Absent: no Qt at all.
ANY_QT = "*"
QT_BY_LAYER: dict[str, set[str]] = {
    "ui": {ANY_QT},
    "app": {ANY_QT},
    "runtime": {"PySide6.QtCore", "shiboken6"},
}
QT_BY_MODULE: dict[str, set[str]] = {
    "desk_app.devices.camera_qt": {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtMultimedia"},
    "desk_app.devices.voice_qt": {"PySide6.QtCore", "PySide6.QtTextToSpeech"},
}


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    is_package: bool

    @property
    def package(self) -> str:
        return self.name if self.is_package else self.name.rpartition(".")[0]


def modules(pkg: Path) -> dict[str, Module]:
    """Every module of the package rooted at ``pkg`` (a desk_app directory), by dotted name."""
    found = {}
    for path in sorted(pkg.rglob("*.py")):
        parts = list(path.relative_to(pkg.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found[".".join(parts)] = Module(".".join(parts), path, is_package)
    return found


def layer_of(name: str) -> str | None:
    """The layer of a desk_app module, or None when ARCHITECTURE.md's table does not place it."""
    if name in MODULE_LAYERS:
        return MODULE_LAYERS[name]
    parts = name.split(".")
    if len(parts) >= 2 and parts[1] in PACKAGE_LAYERS:
        return parts[1]
    if len(parts) >= 2 and parts[1] in CLI_PACKAGES:
        return "cli"
    return None


@dataclass(frozen=True)
class Import:
    target: str      # the module imported (a desk_app submodule where the name is one), else the package
    line: int
    names: tuple[str, ...] = ()  # the names taken from it by ``from target import ...`` (not submodules)


def imports(mod: Module, known: dict[str, Module]) -> list[Import]:
    """Every import of a module: top-level, inside functions, relative, and importlib with a literal name."""
    tree = _tree(mod.path)
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = mod.package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([node.module] if node.module else []))
            attrs = []
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                # ``from desk_app import store`` imports the module desk_app.store; PySide6's are modules too.
                if sub in known or base == "PySide6":
                    found.append(Import(sub, node.lineno))
                else:
                    attrs.append(alias.name)
            if attrs:
                found.append(Import(base, node.lineno, tuple(attrs)))
        elif isinstance(node, ast.Call) and _is_import_call(node) and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
            found.append(Import(node.args[0].value, node.lineno))
    return found


def _tree(path: Path) -> ast.Module:
    return _parse(path, path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4096)
def _parse(path: Path, _mtime_ns: int) -> ast.Module:
    # Cached by modification time: every check walks the same few hundred modules.
    return ast.parse(path.read_text(encoding="utf-8"))


def _is_import_call(node: ast.Call) -> bool:
    f = node.func
    return (isinstance(f, ast.Attribute) and f.attr == "import_module") or \
        (isinstance(f, ast.Name) and f.id in ("import_module", "__import__"))


def _allowed(target: str, prefixes: set[str]) -> bool:
    return target in prefixes or any(
        target.startswith(p if p.endswith(".") else p + ".") for p in prefixes if p != "desk_app")


def layer_violations(pkg: Path) -> list[str]:
    """Each import that ARCHITECTURE.md's table does not allow, as ``path:line: message``."""
    known = modules(pkg)
    found = []
    for mod in known.values():
        rel = mod.path.relative_to(pkg.parent)
        layer = layer_of(mod.name)
        if layer is None:
            found.append(f"{rel}:1: {mod.name} is in no layer of ARCHITECTURE.md's table")
            continue
        for imp in imports(mod, known):
            top = imp.target.split(".")[0]
            where = f"{rel}:{imp.line}: {layer}"
            if top == "desk_app":
                if not _allowed(imp.target, INTERNAL[layer]):
                    found.append(f"{where} may not import {imp.target}")
            elif top in QT:
                allowed = QT_BY_MODULE.get(mod.name) or QT_BY_LAYER.get(layer, set())
                if not (ANY_QT in allowed or imp.target in allowed
                        or (imp.target == "PySide6" and allowed)):
                    found.append(f"{where} may not use Qt ({imp.target})" if not allowed
                                 else f"{where} may use only {sorted(allowed)} of Qt here, not {imp.target}")
            elif top not in sys.stdlib_module_names and top not in THIRD_PARTY[layer]:
                found.append(f"{where} may not use {top}")
    return found


def private_uses(pkg: Path) -> list[str]:
    """Uses of another desk_app module's private names: ``from m import _x`` and ``m._x``."""
    known = modules(pkg)
    found = []
    for mod in known.values():
        rel = mod.path.relative_to(pkg.parent)
        for imp in imports(mod, known):
            if imp.target.startswith("desk_app") and imp.target != mod.name:
                found += [f"{rel}:{imp.line}: {mod.name} imports {imp.target}.{n}, a private name"
                          for n in imp.names if _private(n)]
        bound = _bound_modules(mod, known)
        for node in ast.walk(_tree(mod.path)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and _private(node.attr):
                target = bound.get(node.value.id)
                if target and target != mod.name:
                    found.append(f"{rel}:{node.lineno}: {mod.name} uses {target}.{node.attr}, a private name")
    return found


def _bound_modules(mod: Module, known: dict[str, Module]) -> dict[str, str]:
    """Local names bound to desk_app modules by ``import a.b as m`` and ``from a import b [as m]``."""
    bound: dict[str, str] = {}
    for node in ast.walk(_tree(mod.path)):
        if isinstance(node, ast.Import):
            bound.update({a.asname: a.name for a in node.names if a.asname and a.name in known})
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = mod.package.split(".")
                base = ".".join(anchor[:len(anchor) - (node.level - 1)] + ([node.module] if node.module else []))
            for a in node.names:
                if f"{base}.{a.name}" in known:
                    bound[a.asname or a.name] = f"{base}.{a.name}"
    return bound


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def import_cycles(pkg: Path) -> list[list[str]]:
    """The desk_app modules that import each other in a circle (strongly connected components), lazy imports
    included: an import inside a function is how a cycle hides, not how it goes away."""
    known = modules(pkg)
    graph: dict[str, set[str]] = {name: set() for name in known}
    for mod in known.values():
        for imp in imports(mod, known):
            if imp.target in known and imp.target != mod.name:
                graph[mod.name].add(imp.target)
    return [sorted(c) for c in _components(graph) if len(c) > 1]


def _components(graph: dict[str, set[str]]) -> list[list[str]]:
    # Tarjan's algorithm, iterative (a deep package would overflow the recursion limit).
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                result.append(component)
    return result
