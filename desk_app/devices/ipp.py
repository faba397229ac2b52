"""The few bytes of IPP (RFC 8010) the CUPS transport needs: a Get-Job-Attributes request and its answer.

Stdlib only, so a window PC needs no C binding (pycups) to learn how a job ended.
"""
from __future__ import annotations

import http.client
import os
import socket
import struct
from typing import Any

GET_JOB_ATTRIBUTES = 0x0009
TAG_OPERATION, TAG_JOB, TAG_END = 0x01, 0x02, 0x03
TAG_INTEGER, TAG_ENUM = 0x21, 0x23
TAG_TEXT, TAG_NAME, TAG_KEYWORD, TAG_URI, TAG_CHARSET, TAG_LANGUAGE = 0x41, 0x42, 0x44, 0x45, 0x47, 0x48

JOB_STATES = {3: "pending", 4: "pending-held", 5: "processing", 6: "processing-stopped", 7: "canceled",
              8: "aborted", 9: "completed"}


def _attr(tag: int, name: str, value: bytes) -> bytes:
    n = name.encode()
    return struct.pack(">BH", tag, len(n)) + n + struct.pack(">H", len(value)) + value


def get_job_request(printer_uri: str, job_id: int, user: str, request_id: int = 1) -> bytes:
    body = struct.pack(">BBHI", 2, 0, GET_JOB_ATTRIBUTES, request_id) + bytes([TAG_OPERATION])
    body += _attr(TAG_CHARSET, "attributes-charset", b"utf-8")
    body += _attr(TAG_LANGUAGE, "attributes-natural-language", b"en")
    body += _attr(TAG_URI, "printer-uri", printer_uri.encode())
    body += _attr(TAG_INTEGER, "job-id", struct.pack(">i", job_id))
    body += _attr(TAG_NAME, "requesting-user-name", user.encode())
    body += _attr(TAG_KEYWORD, "requested-attributes", b"job-state")
    for extra in (b"job-state-reasons", b"job-state-message"):
        body += struct.pack(">BH", TAG_KEYWORD, 0) + struct.pack(">H", len(extra)) + extra  # more values
    return body + bytes([TAG_END])


def parse_response(data: bytes) -> tuple[int, dict[str, list[Any]]]:
    """(status code, attributes by name: ints for integer/enum, str otherwise). Raises ValueError if garbled."""
    try:
        return _parse(data)
    except struct.error as exc:
        raise ValueError(f"truncated IPP response: {exc}") from exc


def _parse(data: bytes) -> tuple[int, dict[str, list[Any]]]:
    if len(data) < 9:
        raise ValueError("short IPP response")
    status = struct.unpack(">H", data[2:4])[0]
    attrs: dict[str, list[Any]] = {}
    i, last = 8, ""
    while i < len(data):
        tag = data[i]
        i += 1
        if tag == TAG_END:
            break
        if tag < 0x10:  # a group delimiter
            continue
        (nlen,) = struct.unpack(">H", data[i:i + 2])
        name = data[i + 2:i + 2 + nlen].decode("utf-8", "replace")
        i += 2 + nlen
        (vlen,) = struct.unpack(">H", data[i:i + 2])
        raw = data[i + 2:i + 2 + vlen]
        i += 2 + vlen
        if len(raw) != vlen:
            raise ValueError("truncated IPP attribute")
        value: Any = struct.unpack(">i", raw)[0] if tag in (TAG_INTEGER, TAG_ENUM) and vlen == 4 \
            else raw.decode("utf-8", "replace")
        name = name or last  # an additional value of the previous attribute
        attrs.setdefault(name, []).append(value)
        last = name
    return status, attrs


class _UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


def cups_connection(timeout: float) -> http.client.HTTPConnection:
    """The local CUPS server as the ``lp`` command finds it: CUPS_SERVER, else its socket, else localhost:631."""
    server = os.environ.get("CUPS_SERVER", "")
    if server.startswith("/"):
        return _UnixHTTPConnection(server, timeout)
    if not server and os.path.exists("/run/cups/cups.sock"):
        return _UnixHTTPConnection("/run/cups/cups.sock", timeout)
    host, _, port = (server or "localhost").partition(":")
    return http.client.HTTPConnection(host, int(port or 631), timeout=timeout)


def job_attributes(printer: str, job_id: int, *, user: str, timeout: float = 3.0) -> dict[str, list[Any]]:
    """Ask CUPS once about a job. Raises OSError or ValueError when there is no usable answer."""
    conn = cups_connection(timeout)
    try:
        conn.request("POST", "/", body=get_job_request(f"ipp://localhost/printers/{printer}", job_id, user),
                     headers={"Content-Type": "application/ipp"})
        resp = conn.getresponse()
        data = resp.read()
        if resp.status != 200:
            raise ValueError(f"HTTP {resp.status}")
    except (http.client.HTTPException, socket.timeout) as exc:
        raise OSError(str(exc)) from exc
    finally:
        conn.close()
    status, attrs = parse_response(data)
    if status >= 0x0400:  # client-error-* / server-error-*: e.g. the job is no longer known
        raise ValueError(f"IPP status 0x{status:04x}")
    return attrs
