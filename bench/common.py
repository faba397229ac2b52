"""Helpers shared by the benchmarks: timing statistics and JSON-lines output."""
from __future__ import annotations

import json
import statistics
import sys
import time
from typing import Callable


def timed(fn: Callable[[], object], n: int, warmup: int = 20) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def summary(samples_ms: list[float]) -> dict[str, float]:
    s = sorted(samples_ms)
    return {"median_ms": round(statistics.median(s), 4), "p99_ms": round(s[int(len(s) * 0.99) - 1], 4),
            "n": len(s)}


def emit(name: str, **fields: object) -> None:
    print(json.dumps({"bench": name, **fields}, ensure_ascii=False))
    sys.stdout.flush()
