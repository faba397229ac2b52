"""The one writer of a hall's published setup (categories, windows, users): used by local loading and by sync.

Users go through store.users.apply_published_users (desk-central applies the same list the same way)."""
from __future__ import annotations

import uuid
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError
from desk_app.domain.ids import new_id
from desk_app.store.models import QueueCategory, Window
from desk_app.store.users import apply_published_users

# field -> default for a new row; a published record that leaves a field out keeps the row's current value
_CATEGORY_FIELDS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "name": lambda c: c["prefix"], "sort_order": lambda c: 0, "active": lambda c: True, "settings": lambda c: {},
}
_WINDOW_FIELDS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "name": lambda w: f"{w['number']}号窗口", "kind": lambda w: "general", "categories": lambda w: [],
    "tidal": lambda w: False, "active": lambda w: True, "profile": lambda w: {},
}


def _stable_id(model: Any, hall_id: str, key: Any) -> str:
    """Windows get the same id on every PC of the hall (window events are keyed by it: a pause made on one
    PC must find the window on the others); other rows any new id."""
    if model is Window:
        try:
            return str(uuid.uuid5(uuid.UUID(hall_id), f"window:{key}"))
        except ValueError:
            pass
    return new_id()


def _records(rows: Any, kind: str, key: str) -> list[dict[str, Any]]:
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "发布的“{kind}”不是一组记录，请检查文件格式后重新发布。"), kind=kind, field=kind)
    seen: set[Any] = set()
    for r in rows:
        if r.get(key) in (None, ""):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "发布的“{kind}”中有一条记录缺少“{key}”字段，请补全后重新发布。"),
                                  kind=kind, key=key, field=key)
        if r[key] in seen:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "发布的“{kind}”中“{key}”为“{r}”的记录重复，请删去重复的一条。"),
                                  kind=kind, key=key, r=r[key], field=key)
        seen.add(r[key])
    return rows


def _write(s: Session, model: Any, hall_id: str, rows: list[dict[str, Any]], key: str,
           fields: dict[str, Callable[[dict[str, Any]], Any]], norm: Callable[[Any], Any]) -> dict[Any, Any]:
    # Rows keep their ids across publications: window events are keyed by the window's id.
    existing = {getattr(r, key): r for r in s.scalars(select(model).where(model.hall_id == hall_id))}
    out = {}
    for rec in rows:
        k = norm(rec[key])
        row = existing.pop(k, None)
        if row is None:
            row = model(id=rec.get("id") or _stable_id(model, hall_id, k), hall_id=hall_id, **{key: k})
            for f, default in fields.items():
                setattr(row, f, default(rec))
            s.add(row)
        for f in fields:
            if f in rec:
                setattr(row, f, rec[f])
        out[k] = row
    for gone in existing.values():
        s.delete(gone)
    s.flush()
    return out


def write_categories(s: Session, hall_id: str, rows: list[dict[str, Any]]) -> None:
    """Make the hall's queue categories exactly ``rows`` (by prefix), settings included."""
    _write(s, QueueCategory, hall_id, rows, "prefix", _CATEGORY_FIELDS, str)


def write_windows(s: Session, hall_id: str, rows: list[dict[str, Any]]) -> None:
    """Make the hall's windows exactly ``rows`` (by number)."""
    _write(s, Window, hall_id, [{**w, "number": int(w["number"])} for w in rows], "number", _WINDOW_FIELDS, int)


def check_setup(body: Any) -> None:
    """Refuse a malformed setup where it is published, before any PC pulls it."""
    if not isinstance(body, dict):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "发布的大厅资料不是一个 JSON 对象，请检查文件格式后重新发布。"), field="body")
    for kind, key in (("categories", "prefix"), ("windows", "number"), ("users", "username")):
        if kind in body:
            _records(body[kind], kind, key)
    for c in body.get("categories") or []:
        if not isinstance(c.get("settings", {}), dict):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "类别 {prefix} 的 settings 应是一个对象（如 {{\"sectors\": "
                                                              "[...]}}）。"), prefix=c['prefix'],
                                  field="settings")
    for w in body.get("windows") or []:
        if not isinstance(w["number"], int) and not str(w["number"]).isdigit():
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "窗口号必须是整数，请检查发布的窗口资料。"), field="number")


def write_setup(s: Session, hall_id: str, body: dict[str, Any]) -> None:
    """Apply whichever parts ``body`` holds (``categories``, ``windows``, ``users``), in one transaction."""
    check_setup(body)
    if "categories" in body:
        write_categories(s, hall_id, body["categories"])
    if "windows" in body:
        write_windows(s, hall_id, body["windows"])
    if "users" in body:
        apply_published_users(s, hall_id, body["users"])  # roles checked, newer local passwords kept
