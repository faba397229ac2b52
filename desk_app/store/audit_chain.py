"""The audit hash chain of a device's events: each event's ``chain`` is SM3 over the previous event's chain and
the event's canonical bytes, so an event edited, removed or inserted afterwards breaks every later link."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from cryptography.hazmat.primitives import hashes

GENESIS = "0" * 64  # the "previous chain" of a device's first event
# One encoder, made once: json.dumps with options builds a new encoder per call, which cost more than the hash.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
# SM3 (GB/T 32905): OpenSSL's through hashlib where the Python build has it (a third of the cost per call),
# else the `cryptography` package's. Both compute the same digest (a test checks they agree).
_SM3 = hashlib.new("sm3") if "sm3" in hashlib.algorithms_available else None


# A sealed personal value (store/pii.py) is chained by its SM3 digest, and a purged one carries that digest:
# so the retention purge can erase the ciphertext and every link still verifies (the purge itself is an event).
_SEALED = re.compile(r'"(?:(sm4g1:[A-Za-z0-9+/=]*)|purged:([0-9a-f]{64}))"')


def sm3_hex(data: bytes) -> str:
    if _SM3 is not None:
        h = _SM3.copy()
        h.update(data)
        return h.hexdigest()
    h2 = hashes.Hash(hashes.SM3())
    h2.update(data)
    return h2.finalize().hex()


def _digest_sealed(payload_json: str) -> str:
    if "sm4g1:" not in payload_json and "purged:" not in payload_json:
        return payload_json  # the common case: no personal data in this event
    return _SEALED.sub(lambda m: f'"sm3:{m.group(2) or sm3_hex(m.group(1).encode())}"', payload_json)


def canonical_bytes(id: str, hall: str, device: str, device_seq: int, hlc: str, type: str,  # noqa: A002
                    schema_version: int, actor: str, aggregate: str, payload_json: str) -> bytes:
    """A JSON array of the event's fields, the payload as its canonical JSON text (as stored and replicated),
    each sealed personal value in it replaced by its digest."""
    head = _encode([id, hall, device, device_seq, hlc, type, schema_version, actor, aggregate])
    return f"{head[:-1]},{_digest_sealed(payload_json)}]".encode()


def link(prev_chain: str, canonical: bytes) -> str:
    """SM3(previous chain (32 bytes) || canonical bytes), as 64 hex digits."""
    if _SM3 is not None:
        h = _SM3.copy()
        h.update(bytes.fromhex(prev_chain))
        h.update(canonical)
        return h.hexdigest()
    return link_cryptography(prev_chain, canonical)


def link_cryptography(prev_chain: str, canonical: bytes) -> str:
    h = hashes.Hash(hashes.SM3())
    h.update(bytes.fromhex(prev_chain))
    h.update(canonical)
    return h.finalize().hex()


@dataclass(frozen=True)
class ChainBreak:
    device: str
    device_seq: int
    kind: str    # gap | edited | unchained
    detail: str  # Chinese, for the report

    def line(self) -> str:
        return f"设备 {self.device} 第 {self.device_seq} 号事件：{self.detail}"


# What verification needs of one stored event: (device_seq, stored chain link, canonical bytes).
ChainLink = tuple[int, str, bytes]


# What a break says (the rule is written twice: in _check, and inlined in verify_stored's hot loop).
_GAP = "缺少第 {}～{} 号事件（被删除或从未上传）"
_UNCHAINED = "没有链值（由旧版程序写入，或被改写）"
_EDITED = "内容或前一事件被改动，哈希链断开"


def verify_device(device: str, links: Iterable[ChainLink]) -> tuple[int, list[ChainBreak]]:
    """Check one device's events in sequence order; returns (events checked, breaks).

    A missing sequence number is a gap (an event deleted, or never pushed); a stored chain that does not
    match its recomputed link is an edit (the event, or the one before it, changed after it was chained).
    After a break the stored chain is taken as the new base, so each tampering is reported once.
    """
    breaks: list[ChainBreak] = []
    prev: str | None = GENESIS
    expected, n = 1, 0
    for seq, chain, canonical in links:
        n += 1
        prev, expected = _check(device, breaks, prev, expected, seq, chain, canonical)
    return n, breaks


def _check(device: str, breaks: list[ChainBreak], prev: str | None, expected: int,
           seq: int, chain: str, canonical: bytes) -> tuple[str | None, int]:
    """One event's check (verify_device's rule); returns the (previous chain, expected number) after it."""
    if seq != expected:
        breaks.append(ChainBreak(device, expected, "gap", _GAP.format(expected, seq - 1)))
        prev = None  # the missing event's chain is unknown: this one cannot be checked
    if not chain:
        breaks.append(ChainBreak(device, seq, "unchained", _UNCHAINED))
    elif prev is not None and _is_hex(prev) and link(prev, canonical) != chain:
        breaks.append(ChainBreak(device, seq, "edited", _EDITED))
    return chain or None, seq + 1


def _is_hex(chain: str) -> bool:
    """A stored link overwritten with something that is not hex (it was reported as an edit itself) is no base
    to check the next event on: that one goes unchecked, as after a gap."""
    try:
        bytes.fromhex(chain)
    except ValueError:
        return False
    return True


# What `audit verify` reads of one stored event, in this order; the device is the one asked for.
STORED_COLUMNS = ("device_seq", "chain", "id", "hall", "hlc", "type", "schema_version", "actor", "aggregate",
                  "payload")
StoredRow = tuple[int, str, str, str, str, str, int, str, str, str]
# The string encoder `_encode` itself uses for a str (the C one): each field quoted by it, the ints written as
# Python writes them, gives canonical_bytes' bytes without building a list and an encoder run per event.
_quote = json.encoder.encode_basestring


def verify_stored(device: str, batches: Iterable[Iterable[StoredRow]],
                  refused: Iterable[ChainLink] = ()) -> tuple[int, list[ChainBreak]]:
    """verify_device over a device's stored rows (``STORED_COLUMNS``, in batches, in sequence order), with its
    refused events (already links) merged in by number; a stored event and a refused one under the same number
    cannot both be, and the stored one counts. The same findings as verify_device over canonical_bytes of
    each row (a test checks it), at a fraction of the cost: this is the loop of `audit verify`."""
    pending = sorted(refused, key=lambda r: r[0])
    if _SM3 is None:  # no OpenSSL SM3 in this Python: the plain path
        return verify_device(device, _merged_links(device, batches, pending))
    breaks: list[ChainBreak] = []
    add = breaks.append
    prev: str | None = GENESIS
    expected, n = 1, 0
    base, fromhex, quote, qdev = _SM3, bytes.fromhex, _quote, _quote(device)
    ri, nxt = 0, pending[0][0] if pending else None
    for rows in batches:
        for seq, chain, eid, hall, hlc, typ, ver, actor, agg, payload in rows:
            if nxt is not None and seq >= nxt:  # refused events before this one (rare): the plain rule
                while nxt is not None and nxt <= seq:
                    if nxt < seq:
                        n += 1
                        prev, expected = _check(device, breaks, prev, expected, *pending[ri])
                    ri += 1
                    nxt = pending[ri][0] if ri < len(pending) else None
            n += 1
            if seq != expected:
                add(ChainBreak(device, expected, "gap", _GAP.format(expected, seq - 1)))
                prev = None
            if not chain:
                add(ChainBreak(device, seq, "unchained", _UNCHAINED))
            elif prev is not None:
                if ver.__class__ is int and seq.__class__ is int:
                    try:
                        c = (f"[{quote(eid)},{quote(hall)},{qdev},{seq},{quote(hlc)},{quote(typ)},{ver},"
                             f"{quote(actor)},{quote(agg)},"
                             f"{_digest_sealed(payload) if 'sm4g1:' in payload or 'purged:' in payload else payload}]"
                             ).encode()
                    except TypeError:  # a field that is not text (only a hand-edited SQLite file has one)
                        c = canonical_bytes(eid, hall, device, seq, hlc, typ, ver, actor, agg, payload)
                else:
                    c = canonical_bytes(eid, hall, device, seq, hlc, typ, ver, actor, agg, payload)
                h = base.copy()
                try:
                    h.update(fromhex(prev))
                except ValueError:  # the previous link is not hex: no base (see _is_hex)
                    h = None
                if h is not None:
                    h.update(c)
                    if h.hexdigest() != chain:
                        add(ChainBreak(device, seq, "edited", _EDITED))
            prev = chain or None
            expected = seq + 1
    for seq, chain, canonical in pending[ri:]:
        n += 1
        prev, expected = _check(device, breaks, prev, expected, seq, chain, canonical)
    return n, breaks


def _merged_links(device: str, batches: Iterable[Iterable[StoredRow]],
                  pending: list[ChainLink]) -> Iterator[ChainLink]:
    ri = 0
    for rows in batches:
        for seq, chain, eid, hall, hlc, typ, ver, actor, agg, payload in rows:
            while ri < len(pending) and pending[ri][0] < seq:
                yield pending[ri]
                ri += 1
            if ri < len(pending) and pending[ri][0] == seq:
                ri += 1
            yield seq, chain, canonical_bytes(eid, hall, device, seq, hlc, typ, ver, actor, agg, payload)
    yield from pending[ri:]
