"""desk-central's operations endpoints: /healthz for load balancers and service managers, /metrics for Prometheus."""
from __future__ import annotations

import time
from collections import defaultdict

from anyio import to_thread
from fastapi import FastAPI
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy import text

from desk_app import __version__

# Request durations are counted into these buckets (seconds): pushes take milliseconds, long polls up to ~25 s.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class RequestMetrics:
    """Counts requests per route template and status, and their durations, as an ASGI middleware."""

    def __init__(self, app, metrics: Metrics):
        self.app, self.metrics = app, metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = [500]

        async def send_status(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)
        try:
            await self.app(scope, receive, send_status)
        finally:
            self.metrics.observe(_route_of(scope), scope.get("method", ""), status[0],
                                 time.perf_counter() - started)


def _route_of(scope) -> str:
    """The route's template (/v1/blobs/{sha}), never the raw path: one series per route, not per attachment.
    The router put the matched route into the request's scope; no match (404) is "other"."""
    return getattr(scope.get("route"), "path", "other")


class Metrics:
    def __init__(self) -> None:
        self.started = time.time()
        self.requests: dict[tuple[str, str, int], int] = defaultdict(int)
        self.durations: dict[tuple[str, str], list[float]] = {}  # per bucket counts, then sum, then count

    def observe(self, route: str, method: str, status: int, seconds: float) -> None:
        # Single event loop thread: plain dict updates need no lock.
        self.requests[(route, method, status)] += 1
        h = self.durations.setdefault((route, method), [0.0] * (len(BUCKETS) + 2))
        for i, bound in enumerate(BUCKETS):
            if seconds <= bound:
                h[i] += 1
        h[-2] += seconds
        h[-1] += 1

    def render(self, extra: dict[str, float]) -> str:
        lines = ["# HELP desk_central_info desk-central version.", "# TYPE desk_central_info gauge",
                 f'desk_central_info{{version="{__version__}"}} 1',
                 "# TYPE desk_central_uptime_seconds gauge",
                 f"desk_central_uptime_seconds {time.time() - self.started:.1f}",
                 "# HELP desk_central_requests_total HTTP requests answered, by route and status.",
                 "# TYPE desk_central_requests_total counter"]
        for (route, method, status), n in sorted(self.requests.items()):
            lines.append(f'desk_central_requests_total{{route="{route}",method="{method}",status="{status}"}} {n}')
        lines += ["# HELP desk_central_request_seconds Time to answer, by route.",
                  "# TYPE desk_central_request_seconds histogram"]
        for (route, method), h in sorted(self.durations.items()):
            labels = f'route="{route}",method="{method}"'
            for bound, n in zip(BUCKETS, h):
                lines.append(f'desk_central_request_seconds_bucket{{{labels},le="{bound}"}} {int(n)}')
            lines.append(f'desk_central_request_seconds_bucket{{{labels},le="+Inf"}} {int(h[-1])}')
            lines.append(f"desk_central_request_seconds_sum{{{labels}}} {h[-2]:.6f}")
            lines.append(f"desk_central_request_seconds_count{{{labels}}} {int(h[-1])}")
        for name, value in sorted(extra.items()):
            lines += [f"# TYPE {name} gauge", f"{name} {value:g}"]
        return "\n".join(lines) + "\n"


def install_health_routes(app: FastAPI, server_db) -> Metrics:
    """Adds /healthz and /metrics (no device credential: they say nothing about any hall) and the request counter."""
    metrics = Metrics()
    app.add_middleware(RequestMetrics, metrics=metrics)

    def db_ok() -> bool:
        try:
            with server_db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:  # noqa: BLE001 - any failure to reach the database means "not healthy"
            return False

    @app.get("/healthz", include_in_schema=False)
    async def healthz():
        ok = await to_thread.run_sync(db_ok)
        body = {"status": "ok" if ok else "unavailable", "database": "ok" if ok else "unreachable",
                "version": __version__, "epoch": server_db.epoch}
        return JSONResponse(body, status_code=200 if ok else 503)

    @app.get("/metrics", include_in_schema=False)
    async def prometheus():
        pool = server_db.engine.pool
        extra = {"desk_central_db_up": 1.0 if await to_thread.run_sync(db_ok) else 0.0}
        if hasattr(pool, "checkedout"):
            extra["desk_central_db_connections_in_use"] = float(pool.checkedout())
        return PlainTextResponse(metrics.render(extra), media_type="text/plain; version=0.0.4")
    return metrics
