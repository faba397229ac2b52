"""Printout templates as data: TOML files in printouts/, merged with a hall's override folder, and placeholder filling."""
from __future__ import annotations

import string
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError


def base_dir() -> Path:
    from desk_app.paths import printouts_dir
    return printouts_dir()


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; anything else (strings, lists such as sections) is replaced whole."""
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


@lru_cache(maxsize=64)
def _read(path: Path, mtime_ns: int) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "文书模板 {name} 格式有误：{error}。请修改后重试。"),
                              name=path.name, error=exc, field=str(path)) from exc


def _load(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    return _read(path, path.stat().st_mtime_ns)


def load_template(kind: str, template_dir: Path | str | None = None) -> dict[str, Any]:
    """The template of ``kind``: printouts/common.toml, then printouts/<kind>.toml, then the same two files in
    ``template_dir`` (a hall's folder, e.g. printouts/halls/<hall code>/) overriding key by key.

    The result carries ``_dirs``: where to look for images (the hall folder first).
    """
    base = base_dir()
    if not (base / f"{kind}.toml").exists():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "没有“{kind}”的文书模板，请检查 printouts 目录。"),
                              kind=kind, field="kind")
    tpl = _merge(_load(base / "common.toml"), _load(base / f"{kind}.toml"))
    dirs = [base]
    if template_dir is not None:
        hall = Path(template_dir)
        tpl = _merge(tpl, _load(hall / "common.toml"))
        tpl = _merge(tpl, _load(hall / f"{kind}.toml"))
        dirs.insert(0, hall)
    tpl["_dirs"] = dirs
    return tpl


def find_file(tpl: dict[str, Any], name: str) -> Path | None:
    for d in tpl.get("_dirs", []):
        p = Path(d) / name
        if p.exists():
            return p
    return None


class _Blank(dict):
    """Unknown placeholders print as a visible blank to fill by hand rather than crashing a legal document."""

    def __missing__(self, key: str) -> str:
        return "________"


_FORMATTER = string.Formatter()


def fill(text: str, ctx: dict[str, Any]) -> str:
    """``str.format_map`` with missing keys shown as blanks."""
    if "{" not in text:
        return text
    return _FORMATTER.vformat(text, (), _Blank(ctx))
