"""desk-central's logs: one JSON object a line (access and errors apart), rotated by size, for log collectors."""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

MAX_BYTES = 20_000_000
BACKUPS = 10


class JsonLines(logging.Formatter):
    """A record as one JSON line; uvicorn's access records become fields (client, method, path, status)."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        if record.name == "uvicorn.access" and isinstance(record.args, tuple) and len(record.args) == 5:
            client, method, path, version, status = record.args
            out.update(client=client, method=method, path=_without_query(path), http=version, status=status)
        else:
            out["message"] = record.getMessage()
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


def _without_query(path: str) -> str:
    # Queries carry cursors, not secrets, but they make every line unique: the path is what a reader groups by.
    return path.split("?", 1)[0]


def uvicorn_log_config(log_dir: Path | None, level: str = "info") -> dict[str, Any]:
    """A logging dictConfig for uvicorn: to rotating JSON files under log_dir, or JSON on stderr without one."""
    if log_dir is None:
        handlers: dict[str, Any] = {
            "access": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
            "error": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        }
    else:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers = {
            name: {"class": "logging.handlers.RotatingFileHandler", "formatter": "json",
                   "filename": str(log_dir / f"{name}.log"), "maxBytes": MAX_BYTES, "backupCount": BACKUPS,
                   "encoding": "utf-8"}
            for name in ("access", "error")
        }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLines}},
        "handlers": handlers,
        "loggers": {
            "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"handlers": ["error"], "level": level.upper(), "propagate": False},
            "desk_app": {"handlers": ["error"], "level": level.upper(), "propagate": False},
        },
    }
