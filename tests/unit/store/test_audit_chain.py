"""The SM3 audit chain: the known SM3 answer, both implementations agree, breaks are found and named."""
from __future__ import annotations

from cryptography.hazmat.primitives import hashes

from desk_app.store.audit_chain import GENESIS, canonical_bytes, link, link_cryptography, verify_device


def test_sm3_is_sm3() -> None:
    h = hashes.Hash(hashes.SM3())
    h.update(b"abc")  # GB/T 32905-2016, example 1
    assert h.finalize().hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    c = canonical_bytes("i", "h", "d", 1, "t", "ticket.issued", 1, "王", "ticket:i", '{"a":1}')
    assert link(GENESIS, c) == link_cryptography(GENESIS, c)
    assert c == '["i","h","d",1,"t","ticket.issued",1,"王","ticket:i",{"a":1}]'.encode()


def _chain(n: int):
    out, prev = [], GENESIS
    for seq in range(1, n + 1):
        c = canonical_bytes(f"e{seq}", "h", "d", seq, "t", "x", 1, "a", "ticket:x", '{"n":%d}' % seq)
        prev = link(prev, c)
        out.append((seq, prev, c))
    return out


def test_an_intact_chain_has_no_break() -> None:
    assert verify_device("d", _chain(5)) == (5, [])


def test_an_edit_a_deletion_and_a_missing_link_are_each_reported_once() -> None:
    links = _chain(8)
    seq, chain, c = links[2]
    links[2] = (seq, chain, c.replace(b'"n":3', b'"n":33'))  # edited
    del links[5]  # event 6 deleted
    seq, _chain_of_8, c = links[-1]
    links[-1] = (seq, "", c)  # its link blanked
    n, breaks = verify_device("d", links)
    assert n == 7
    assert [(b.device_seq, b.kind) for b in breaks] == [(3, "edited"), (6, "gap"), (8, "unchained")]
    assert "缺少第 6～6 号事件" in breaks[1].line()
