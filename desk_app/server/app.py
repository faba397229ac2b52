"""desk-central's HTTP API (FastAPI): device auth, push, long-poll pull, leases, reference data, attachments."""

import asyncio
import bisect
import itertools
import re
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import uvicorn
from anyio import to_thread
from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response

from desk_app.domain.errors import KnownError, ValidationError
from desk_app.server import appointments, core
from desk_app.server.authcache import AuthCache
from desk_app.server.blobs import ServerBlobs
from desk_app.server.grouppush import PushItem, PushWriter
from desk_app.server.hall_keys import master_key
from desk_app.server.hallwake import HallListener
from desk_app.server.health import install_health_routes
from desk_app.sync.protocol import (
    MAX_BODY_BYTES, MAX_SEQ, PROTOCOL_VERSION, BlobStatus, EnrollRequest, EnrollResponse, LeaseRequest,
    ClocksResponse, LeaseResponse, OwnEventsResponse, PullResponse, PushRequest, PushResponse, ReferenceDocOut,
    StatusResponse,
)

_STATUS = {"validation": 422, "not_found": 404, "conflict": 409, "auth": 401, "forbidden": 403}
LONG_POLL_RECHECK_S = 0.5  # catches pushes handled by another server process behind the load balancer
COALESCE_S = 0.05  # adds at most this to PC-to-PC propagation (goal: p95 ≤ 500 ms)
MIN_ANSWER_INTERVAL_S = 0.2  # a long-polling PC gets at most ~5 answers a second
# ... and less in a hall where many PCs long-poll: the answers to them are most of the server's work
# (50 PCs: 0.35 s, about 2.5 answers a second each; PC-to-PC propagation stays well under 500 ms).
MAX_ANSWER_INTERVAL_S = 0.35
ANSWER_INTERVAL_PER_PC_S = 0.003
SHA_RE = re.compile(r"^[0-9a-f]{64}$")


class AuthError(KnownError):
    code = "auth"


class ForbiddenError(KnownError):
    code = "forbidden"


class BodyLimit:
    """ASGI middleware: refuse request bodies above the limit, declared or streamed (413)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and int(declared) > self.limit:
            return await _too_large(send)
        seen = 0

        async def limited():
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return msg
        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _too_large(send)


class _TooLarge(Exception):
    pass


async def _too_large(send) -> None:
    body = b'{"code":"too_large","message":"\xe8\xaf\xb7\xe6\xb1\x82\xe5\xa4\xaa\xe5\xa4\xa7"}'  # 请求太大
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class CentralServer(uvicorn.Server):
    """uvicorn's server, which first answers the long polls in flight when it stops (else it waits for them)."""

    async def shutdown(self, sockets=None) -> None:
        release = getattr(getattr(self.config.app, "state", None), "release_long_polls", None)
        if release is not None:
            release()
        await super().shutdown(sockets=sockets)


class HallNotifier:
    """Wakes long-polling pulls of a hall when a push there committed (same process).

    The wake-up comes ``coalesce_s`` after the first push of a burst, once for all of them: in a busy
    hall each waiting PC is woken a few times a second with several events instead of once per push.
    """

    def __init__(self, coalesce_s: float = COALESCE_S) -> None:
        self.coalesce_s = coalesce_s
        self._events: dict[str, asyncio.Event] = {}
        self._due: set[str] = set()

    def release_all(self) -> None:
        """Wake every waiting long poll at once (the server is stopping)."""
        for ev in self._events.values():
            ev.set()
        self._events.clear()

    def current(self, hall: str) -> asyncio.Event:
        ev = self._events.get(hall)
        if ev is None:
            ev = self._events[hall] = asyncio.Event()
        return ev

    def notify(self, hall: str) -> None:
        if hall not in self._due:
            self._due.add(hall)
            asyncio.get_running_loop().call_later(self.coalesce_s, self._fire, hall)

    def _fire(self, hall: str) -> None:
        self._due.discard(hall)
        ev = self._events.pop(hall, None)
        if ev is not None:
            ev.set()


class HallTail:
    """The newest events of one hall, kept in memory so hundreds of long-polling PCs cost one query per change.

    It always holds a contiguous run of sequences (lo, hi], filled only up to the committed head, so it
    keeps the no-skip property of ``core.pull``; a PC whose cursor is older than ``lo`` is served from
    the database.
    """

    def __init__(self, db: core.ServerDB, hall: str, capacity: int = 5000,
                 recheck_s: float = LONG_POLL_RECHECK_S):
        self.db, self.hall, self.capacity, self.recheck_s = db, hall, capacity, recheck_s
        self.events: list[Any] = []
        self.lo: int | None = None
        self.hi = 0
        self.stale = True
        self.refreshed_at = 0.0
        self.lock = asyncio.Lock()

    async def refresh(self) -> None:
        async with self.lock:
            if not self.stale and time.monotonic() - self.refreshed_at < self.recheck_s:
                return  # another waiter refreshed while we queued for the lock
            self.stale = False  # cleared first: a notify during the query marks it stale again
            self.refreshed_at = time.monotonic()
            if self.lo is None:
                self.lo = self.hi = await to_thread.run_sync(core.head, self.db, self.hall)
                return
            while True:
                new, cursor = await to_thread.run_sync(core.tail, self.db, self.hall, self.hi, 1000)
                if cursor < self.hi:  # the database went backwards (restored): start afresh
                    self.events, self.lo, self.hi = [], cursor, cursor
                    return
                self.events.extend(new)
                self.hi = cursor
                if len(self.events) > self.capacity:
                    drop = len(self.events) - self.capacity
                    self.lo = self.events[drop - 1][0]
                    self.events = self.events[drop:]
                if len(new) < 1000:
                    return

    def serve(self, dev: core.DeviceAuth, since: int, limit: int) -> Response | None:
        """The answer straight from memory, as JSON bytes (each event is serialised once, not per PC)."""
        if self.lo is None or since < self.lo or since > self.hi:
            return None
        out: list[bytes] = []
        cursor = self.hi
        more = False
        last = since
        start = bisect.bisect_right(self.events, since, key=_seq)  # the tail is in sequence order
        for seq, device, raw, _id in itertools.islice(self.events, start, None):
            if device == dev.device_id:
                continue
            if len(out) == limit:
                more, cursor = True, last
                break
            out.append(raw)
            last = seq
        body = (b'{"events":[' + b",".join(out) + b'],"cursor":%d,"head":%d,"more":%s,"epoch":"%s",'
                b'"server_time_ms":%d}' % (cursor, self.hi, b"true" if more else b"false",
                                           self.db.epoch.encode(), core.now_ms()))
        return Response(body, media_type="application/json")


    def id_at(self, seq: int) -> str | None | bool:
        """The id of event ``seq`` from memory (None: no such event), or False when the tail does not cover it."""
        if self.lo is None or not self.lo < seq <= self.hi:
            return False
        i = bisect.bisect_left(self.events, seq, key=_seq)
        if i < len(self.events) and self.events[i][0] == seq:
            return self.events[i][3]
        return None


def _seq(entry: tuple[int, str, bytes, str]) -> int:
    return entry[0]


def create_app(db_url: str, blobs_dir: str | Path, *, body_limit: int = MAX_BODY_BYTES,
               db: core.ServerDB | None = None, recheck_s: float = LONG_POLL_RECHECK_S) -> FastAPI:
    """The desk-central application over one database and one blob directory (nothing else is kept).

    ``recheck_s``: how often a long poll looks at the database by itself; on PostgreSQL pushes on other
    server processes wake it at once (LISTEN/NOTIFY), so this is only the fallback.
    """
    server_db = db or core.ServerDB(db_url)
    blobs = ServerBlobs(server_db, Path(blobs_dir))
    master = master_key(Path(blobs_dir))  # wraps the halls' data keys (server/hall_keys.py)
    notifier = HallNotifier()
    tails: dict[str, HallTail] = {}

    def wake(hall: str) -> None:
        if hall in tails:
            tails[hall].stale = True
        notifier.notify(hall)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        listener = None
        if not server_db.is_sqlite:
            dsn = server_db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
            listener = HallListener(dsn, server_db.instance, wake)
            listener.start(asyncio.get_running_loop())
        app.state.listener = listener
        try:
            yield
        finally:
            if listener is not None:
                await to_thread.run_sync(listener.stop)

    app = FastAPI(title="desk-central", version=str(PROTOCOL_VERSION), docs_url=None, redoc_url=None,
                  lifespan=lifespan)
    app.state.db, app.state.blobs, app.state.notifier = server_db, blobs, notifier
    app.state.stopping = False

    def release_long_polls() -> None:
        # Called on the event loop as the server stops: every long poll answers now with what it has,
        # so stopping never waits out (or cancels) a poll in flight.
        app.state.stopping = True
        notifier.release_all()
    app.state.release_long_polls = release_long_polls
    app.add_middleware(BodyLimit, limit=body_limit)
    app.state.metrics = install_health_routes(app, server_db)
    auth = AuthCache(server_db)

    def wake_halls(halls: set[str]) -> None:
        for hall in halls:
            wake(hall)

    writer = PushWriter(server_db, on_applied=wake_halls)
    last_answer: dict[str, float] = {}  # device -> when its last long poll was answered
    pollers: dict[str, set[str]] = {}  # hall -> devices that long-poll here

    @app.exception_handler(RequestValidationError)
    async def _malformed(_request: Request, exc: RequestValidationError):
        # FastAPI's own answer echoes the input, and an input of NaN or a lone surrogate cannot be
        # written as JSON (that made a 500): name only where and what, in plain ASCII-safe text.
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        what = str(first.get("msg", "")).encode("utf-8", "replace").decode("utf-8")[:200]
        return JSONResponse({"code": "validation", "message": f"请求格式不正确（{where}）：{what}",
                             "field": where, "detail": None}, status_code=422)

    @app.exception_handler(KnownError)
    async def _known(_request: Request, exc: KnownError):
        return JSONResponse({"code": exc.code, "message": exc.message, "field": exc.field, "detail": exc.detail},
                            status_code=_STATUS.get(exc.code, 400))

    async def device(authorization: Annotated[str | None, Header()] = None) -> core.DeviceAuth:
        if not authorization or not authorization.startswith("Bearer "):
            raise AuthError("未提供设备凭证。请先用注册码注册本机。")
        found = await auth.device(authorization[7:].strip())
        if found is None:
            raise AuthError("设备凭证无效或已注销。请向管理员索取注册码重新注册本机。")
        return found

    Dev = Annotated[core.DeviceAuth, Depends(device)]

    appointments.register(app, server_db, writer.push, Dev, master)  # the online booking system's API

    @app.post("/v1/enroll", response_model=EnrollResponse)
    async def enroll(req: EnrollRequest) -> EnrollResponse:
        _check_protocol(req.protocol)
        return await to_thread.run_sync(core.enroll, server_db, req.code, req.device_id, req.name, master)

    @app.get("/v1/status", response_model=StatusResponse)
    async def status(dev: Dev) -> StatusResponse:
        def work() -> StatusResponse:
            return StatusResponse(
                epoch=server_db.epoch, server_time_ms=core.now_ms(), hall_id=dev.hall_id,
                device_id=dev.device_id, device_index=dev.device_index, window_number=dev.window_number,
                device_last_seq=core.device_last_seq(server_db, dev.device_id),
                head=core.head(server_db, dev.hall_id),
                reference=core.reference_versions(server_db, dev.hall_id))
        return await to_thread.run_sync(work)

    @app.get("/v1/clocks", response_model=ClocksResponse)
    async def clocks(dev: Dev, over_ms: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 60_000) -> ClocksResponse:
        return await to_thread.run_sync(core.wrong_clocks, server_db, dev.hall_id, over_ms)

    @app.post("/v1/push", response_model=PushResponse)
    async def push(req: PushRequest, dev: Dev) -> PushResponse:
        _check_protocol(req.protocol)
        for ev in req.events:
            if ev.hall != dev.hall_id:
                raise ForbiddenError("事件属于另一个大厅，本机无权写入。", field="hall")
            if ev.device != dev.device_id:
                raise ForbiddenError("事件属于另一台设备，本机无权代为推送。", field="device")
        seqs = [e.device_seq for e in req.events]
        if seqs != sorted(seqs) or len(set(seqs)) != len(seqs):
            raise ValidationError("事件必须按设备序号递增排列。", field="events")
        # Concurrent pushes share one transaction; the writer wakes the hall's long polls on commit.
        resp = await writer.push(PushItem(dev, list(req.events), req.sent_at_ms, tuple(req.deferred)))
        # Already a checked PushResponse: sent as is, without FastAPI validating it a second time.
        return Response(resp.model_dump_json(), media_type="application/json")

    @app.get("/v1/pull", response_model=PullResponse)
    async def pull(dev: Dev, since: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
                   wait: Annotated[float, Query(ge=0, le=60)] = 0,
                   limit: Annotated[int, Query(ge=1, le=2000)] = 500,
                   anchor_seq: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
                   anchor_id: Annotated[str, Query(max_length=40)] = "") -> PullResponse:
        if anchor_seq and await _history_differs(dev.hall_id, anchor_seq, anchor_id):
            # The event the PC last received is no longer there (the database was restored, maybe with
            # its head caught up since): the PC resyncs instead of carrying on from its cursor.
            return PullResponse(events=[], cursor=since, head=await to_thread.run_sync(core.head, server_db,
                                                                                        dev.hall_id),
                                more=False, epoch=server_db.epoch, server_time_ms=core.now_ms(), diverged=True)
        if wait > 0:
            # A PC that was answered a moment ago waits a little: in a busy hall every push would
            # otherwise cost one answer and one new request per PC (the fan-out dominates the load).
            hall_pollers = pollers.setdefault(dev.hall_id, set())
            hall_pollers.add(dev.device_id)
            interval = min(MAX_ANSWER_INTERVAL_S,
                           MIN_ANSWER_INTERVAL_S + ANSWER_INTERVAL_PER_PC_S * len(hall_pollers))
            gap = interval - (time.monotonic() - last_answer.get(dev.device_id, 0.0))
            if gap > 0:
                await asyncio.sleep(gap)
            last_answer[dev.device_id] = time.monotonic() + wait  # not answered yet: no extra pause
        deadline = time.monotonic() + wait
        tail = tails.get(dev.hall_id)
        if tail is None:
            tail = tails[dev.hall_id] = HallTail(server_db, dev.hall_id, recheck_s=recheck_s)
        while True:
            waiter = notifier.current(dev.hall_id)  # taken before the query: no lost wake-up
            # Always through the lock: a refresh already under way must finish before we serve.
            await tail.refresh()
            fast = tail.serve(dev, since, limit)
            left = 0 if app.state.stopping else deadline - time.monotonic()
            if fast is not None:
                if b'"events":[]' not in fast.body[:12] or tail.hi != since or left <= 0:
                    last_answer[dev.device_id] = time.monotonic()
                    return fast
            else:
                resp = await to_thread.run_sync(core.pull, server_db, dev, since, limit)
                if resp.events or resp.cursor != since or left <= 0:
                    last_answer[dev.device_id] = time.monotonic()
                    return resp
            try:
                # The notifier wakes us a moment after a push, with whatever else arrived meanwhile.
                async with asyncio.timeout(min(left, recheck_s)):
                    await waiter.wait()
            except TimeoutError:
                pass

    async def _history_differs(hall: str, seq: int, event_id: str) -> bool:
        tail = tails.get(hall)
        found = tail.id_at(seq) if tail is not None else False
        if found is False:
            found = await to_thread.run_sync(core.event_id_at, server_db, hall, seq)
        return found != event_id

    @app.get("/v1/own", response_model=OwnEventsResponse)
    async def own(dev: Dev, after: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
                  limit: Annotated[int, Query(ge=1, le=2000)] = 500) -> OwnEventsResponse:
        # A PC restored from its own backup takes back the events of its own it lost.
        return await to_thread.run_sync(core.own_events, server_db, dev, after, limit)

    @app.post("/v1/leases", response_model=LeaseResponse)
    async def lease(req: LeaseRequest, dev: Dev) -> LeaseResponse:
        return await to_thread.run_sync(core.lease, server_db, dev, req.day, req.category, req.size, req.floor)

    @app.get("/v1/reports")
    async def reports(dev: Dev, start: Annotated[str, Query(alias="from")], end: Annotated[str, Query(alias="to")],
                      by: str = "hall") -> dict[str, Any]:
        """The figures of the device's own hall (the supervisor's PC), computed on this server's database."""
        from desk_app.server import reports as r

        def work() -> dict[str, Any]:
            report = r.central_report(server_db, r.parse_period(start, end), by, [dev.hall_id])
            return r.report_json(report, r.names(server_db, [dev.hall_id]))
        return await to_thread.run_sync(work)

    @app.get("/v1/reference")
    async def reference_versions(dev: Dev) -> dict[str, int]:
        return await to_thread.run_sync(core.reference_versions, server_db, dev.hall_id)

    @app.get("/v1/reference/{kind}", response_model=ReferenceDocOut)
    async def reference(kind: str, dev: Dev) -> ReferenceDocOut:
        doc = await to_thread.run_sync(core.reference_doc, server_db, dev.hall_id, kind)
        return ReferenceDocOut(kind=doc.kind, version=doc.version, label=doc.label, sha256=doc.sha256,
                               body=doc.body)

    @app.get("/v1/blobs/{sha}", response_model=BlobStatus)
    async def blob_status(sha: str, dev: Dev, size: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0) -> BlobStatus:
        _check_sha(sha)
        return await to_thread.run_sync(blobs.status, dev.hall_id, sha, size)

    @app.put("/v1/blobs/{sha}", response_model=BlobStatus)
    async def blob_chunk(sha: str, request: Request, dev: Dev,
                         offset: Annotated[int, Query(ge=0, le=MAX_SEQ)],
                         size: Annotated[int, Query(ge=1, le=MAX_SEQ)]) -> BlobStatus:
        _check_sha(sha)
        data = await request.body()
        return await to_thread.run_sync(blobs.write_chunk, dev.hall_id, sha, size, offset, data)

    @app.get("/v1/blobs/{sha}/content")
    async def blob_content(sha: str, dev: Dev) -> Any:
        _check_sha(sha)
        path = await to_thread.run_sync(blobs.content_path, dev.hall_id, sha)
        return FileResponse(path, media_type="application/octet-stream")

    return app


def _check_protocol(version: int) -> None:
    if version != PROTOCOL_VERSION:
        raise ValidationError(f"同步协议版本 {version} 与服务器（{PROTOCOL_VERSION}）不一致，请升级程序。",
                              field="protocol")


def _check_sha(sha: str) -> None:
    if not SHA_RE.match(sha):
        raise ValidationError("附件编号必须是 64 位小写十六进制 SHA-256。", field="sha256")


__all__ = ["create_app", "AuthError", "ForbiddenError"]
