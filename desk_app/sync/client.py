"""HTTP client of desk-central: typed calls, network failures as NetworkError, refusals as SyncRefused."""
from __future__ import annotations

import json
import os
import ssl
from pathlib import Path

import httpx

from desk_app.domain.errors import KnownError, NetworkError
from desk_app.domain.events import Event
from desk_app.sync.protocol import (
    PROTOCOL_VERSION, BlobStatus, ClocksResponse, EnrollRequest, EnrollResponse, LeaseRequest, LeaseResponse,
    OwnEventsResponse, PullResponse, PushResponse, ReferenceDocOut, StatusResponse,
)

CREDENTIAL_FILE = "device_credential"


class SyncRefused(KnownError):
    """desk-central understood the request and refused it (4xx): retrying the same request will not help."""

    code = "refused"

    def __init__(self, message: str, *, status: int, server_code: str = "", detail: str | None = None):
        super().__init__(message, detail=detail)
        self.status, self.server_code = status, server_code


class SyncAuthError(SyncRefused):
    code = "auth"


def save_credential(data_dir: Path, token: str) -> Path:
    """Write the device credential readable by the owner only (0600), atomically."""
    path = Path(data_dir) / CREDENTIAL_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(token)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


def load_credential(data_dir: Path) -> str | None:
    path = Path(data_dir) / CREDENTIAL_FILE
    return path.read_text().strip() if path.exists() else None


class SyncClient:
    """One desk-central connection. ``http`` may be any httpx.Client (tests pass FastAPI's TestClient)."""

    def __init__(self, base_url: str = "", token: str | None = None, *, http: httpx.Client | None = None,
                 timeout: float = 10.0, verify: bool | str | Path | ssl.SSLContext = True):
        """``verify``: True (system trust store), a CA file path (a hall's own CA, trusted besides the
        system's) or an SSLContext. False only for tests."""
        from desk_app.sync.tls import ssl_context
        self.token = token
        if verify is True or isinstance(verify, (str, Path)):
            verify = ssl_context(verify if verify is not True else None)
        self.http = http or httpx.Client(base_url=base_url, timeout=timeout, verify=verify)
        self._own_http = http is None

    def close(self) -> None:
        if self._own_http:
            self.http.close()

    # -------------------------------------------------------------------- plumbing
    def _request(self, method: str, path: str, *, timeout: float | None = None, **kw) -> httpx.Response:
        headers = kw.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            extra = {"timeout": timeout} if timeout is not None and self._own_http else {}
            r = self.http.request(method, path, headers=headers, **kw, **extra)
        except httpx.TransportError as exc:
            from desk_app.sync.tls import certificate_error
            tls = certificate_error(exc)
            if tls is not None:
                raise tls from exc
            raise NetworkError(f"无法连接同步服务器：{type(exc).__name__}。本机继续离线工作，网络恢复后自动同步。") from exc
        if r.status_code >= 500:
            raise NetworkError(f"同步服务器出错（{r.status_code}），稍后自动重试。")
        if r.status_code >= 400:
            try:
                body = r.json()
            except ValueError:
                body = {}
            message = body.get("message") if isinstance(body, dict) else None
            if not message:
                message = f"服务器拒绝了请求（{r.status_code}）：{str(body)[:200]}"
            cls = SyncAuthError if r.status_code == 401 else SyncRefused
            raise cls(message, status=r.status_code, server_code=str(body.get("code", "")) if isinstance(body, dict) else "",
                      detail=body.get("detail") if isinstance(body, dict) else None)
        return r

    # -------------------------------------------------------------------- calls
    def enroll(self, code: str, device_id: str, name: str = "") -> EnrollResponse:
        r = self._request("POST", "/v1/enroll", json=EnrollRequest(code=code, device_id=device_id,
                                                                   name=name).model_dump())
        resp = EnrollResponse.model_validate(r.json())
        self.token = resp.token
        return resp

    def status(self) -> StatusResponse:
        return StatusResponse.model_validate(self._request("GET", "/v1/status").json())

    def clocks(self, over_ms: int) -> ClocksResponse:
        """The hall's PCs whose clocks are more than ``over_ms`` off desk-central's."""
        return ClocksResponse.model_validate(self._request("GET", "/v1/clocks", params={"over_ms": over_ms}).json())

    def push(self, events: list[Event], sent_at_ms: int, deferred: list[int] | None = None) -> PushResponse:
        # The PC's own events, serialised straight to JSON: the server validates them (PushRequest); doing
        # it here as well cost a third of a drain's client time.
        body = json.dumps({"protocol": PROTOCOL_VERSION, "sent_at_ms": sent_at_ms,
                           "events": [e.to_dict() for e in events], "deferred": deferred or []},
                          ensure_ascii=False, separators=(",", ":"))
        return PushResponse.model_validate_json(
            self._request("POST", "/v1/push", content=body.encode(),
                          headers={"content-type": "application/json"}).content)

    def pull(self, since: int, *, wait: float = 0, limit: int = 500, anchor: tuple[int, str] | None = None
             ) -> PullResponse:
        """``anchor``: (server_seq, id) of the last event received; the answer says if it is gone (diverged)."""
        params: dict = {"since": since, "wait": wait, "limit": limit}
        if anchor:
            params.update(anchor_seq=anchor[0], anchor_id=anchor[1])
        r = self._request("GET", "/v1/pull", params=params, timeout=wait + 10)
        return PullResponse.model_validate(r.json())

    def own_events(self, after: int, *, limit: int = 500) -> OwnEventsResponse:
        r = self._request("GET", "/v1/own", params={"after": after, "limit": limit})
        return OwnEventsResponse.model_validate(r.json())

    def lease(self, day: str, category: str, size: int, floor: int = 0) -> LeaseResponse:
        r = self._request("POST", "/v1/leases", json=LeaseRequest(day=day, category=category, size=size,
                                                                  floor=floor).model_dump())
        return LeaseResponse.model_validate(r.json())

    def reference_versions(self) -> dict[str, int]:
        return dict(self._request("GET", "/v1/reference").json())

    def reference(self, kind: str) -> ReferenceDocOut:
        return ReferenceDocOut.model_validate(self._request("GET", f"/v1/reference/{kind}").json())

    def blob_status(self, sha: str, size: int) -> BlobStatus:
        return BlobStatus.model_validate(self._request("GET", f"/v1/blobs/{sha}", params={"size": size}).json())

    def put_chunk(self, sha: str, size: int, offset: int, data: bytes) -> BlobStatus:
        r = self._request("PUT", f"/v1/blobs/{sha}", params={"offset": offset, "size": size}, content=data,
                          headers={"content-type": "application/octet-stream"})
        return BlobStatus.model_validate(r.json())

    def blob_content(self, sha: str) -> bytes:
        return self._request("GET", f"/v1/blobs/{sha}/content").content
