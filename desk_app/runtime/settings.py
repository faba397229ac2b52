"""Local settings: the schema's defaults overlaid by a JSON file in the data directory; widgets subscribe to keys."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Signal

from desk_app.domain.errors import StorageError, ValidationError
from desk_app.domain.settings_schema import SCHEMA, default_settings


class Settings(QObject):
    changed = Signal(str, object)  # key, new value

    def __init__(self, path: Path | None, parent: QObject | None = None):
        super().__init__(parent)
        self._path = path
        self._values = default_settings()
        if path is not None and path.exists():
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}  # a damaged settings file must not stop the hall: defaults apply
            self._values.update({k: v for k, v in stored.items() if k in SCHEMA})

    def get(self, key: str) -> Any:
        if key not in SCHEMA:
            raise KeyError(key)
        return self._values[key]

    def set(self, key: str, value: Any) -> None:
        if key not in SCHEMA:
            raise ValidationError(f"未知的设置项：{key}", field=key)
        if self._values.get(key) == value:
            return
        self._values[key] = value
        self._save()
        self.changed.emit(key, value)

    def subscribe(self, key: str, fn: Callable[[Any], None]) -> None:
        """Call ``fn(value)`` now and whenever ``key`` changes.

        Settings outlive screens: when ``fn`` is a method of a QObject (``label.setText``, a widget's slot)
        that has been deleted since, it is not called and the subscription ends.
        """
        fn(self.get(key))
        owner = getattr(fn, "__self__", None)
        owner = owner if isinstance(owner, QObject) else None

        def on_changed(k: str, v: Any) -> None:
            if k != key:
                return
            if owner is not None and not shiboken6.isValid(owner):
                self.changed.disconnect(on_changed)
                return
            fn(v)
        self.changed.connect(on_changed)

    def _save(self) -> None:
        if self._path is None:
            return
        changed = {k: v for k, v in self._values.items() if v != SCHEMA[k].default}
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self._path.with_suffix(".tmp")
            tmp.write_text(json.dumps(changed, ensure_ascii=False, indent=2), encoding="utf-8")
            os.replace(tmp, self._path)
        except OSError as exc:
            raise StorageError(f"设置无法保存：{exc.strerror}。请检查磁盘空间和权限。") from exc
