"""The SM3 audit chain: the known SM3 answer, both implementations agree, breaks are found and named."""
from __future__ import annotations

import json

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


# ---------------------------------------------------------------- the fast loop of `audit verify`
from hypothesis import given, settings, strategies as st  # noqa: E402

from desk_app.store.audit_chain import ChainBreak, verify_stored  # noqa: E402

# Text that JSON escapes or that a hall really writes: quotes, backslashes, control characters, Chinese,
# characters outside the BMP, and the markers of sealed and purged personal values.
_TEXT = st.lists(st.sampled_from(['"', "\\", "\n", "\x00", "\x1f", "\x7f", "/", "王", "𠀀", "a", "sm4g1:", "purged:",
                                  "\u2028", " "]), max_size=6).map("".join)
_SEALED = '{"name":"sm4g1:QUJD","note":"purged:' + "ab" * 32 + '","x":"%s"}'


def _stored(n: int, texts: list[str]):
    """n rows as stored (STORED_COLUMNS), chained as the PC chains them."""
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        t = texts[seq % len(texts)] if texts else ""
        payload = _SEALED % json.dumps(t)[1:-1] if seq % 3 == 0 else '{"t":%s}' % json.dumps(t, ensure_ascii=False)
        row = [seq, "", f"e{seq}{t}", f"h{t}", f"{seq:015d}.{t}", "ticket.issued", 1 + seq % 2, f"王{t}",
               f"ticket:{t}", payload]
        prev = row[1] = link(prev, canonical_bytes(row[2], row[3], "d", seq, *row[4:]))
        rows.append(tuple(row))
    return rows


def _plain(rows, refused):
    """What the old reader fed verify_device: refused links merged in by number, a stored one winning."""
    by_seq = {r[0]: r for r in refused}
    out = []
    for r in rows:
        for s in sorted(k for k in by_seq if k < r[0]):
            out.append(by_seq.pop(s))
        by_seq.pop(r[0], None)
        out.append((r[0], r[1], canonical_bytes(r[2], r[3], "d", r[0], *r[4:])))
    return out + [by_seq[s] for s in sorted(by_seq)]


@settings(max_examples=150, deadline=None)
@given(n=st.integers(0, 30), texts=st.lists(_TEXT, max_size=5), data=st.data())
def test_the_fast_loop_finds_what_verify_device_finds(n, texts, data) -> None:
    rows = _stored(n, texts)
    for _ in range(data.draw(st.integers(0, 4))):
        if not rows:
            break
        i = data.draw(st.integers(0, len(rows) - 1))
        what = data.draw(st.sampled_from(["edit", "delete", "blank", "relink", "garble"]))
        r = list(rows[i])
        if what == "delete":
            del rows[i]
            continue
        if what == "edit":
            field = data.draw(st.sampled_from([2, 3, 4, 5, 7, 8, 9]))
            r[field] = r[field] + data.draw(_TEXT.filter(bool)) if field != 9 else r[9].replace("}", ',"y":1}')
        elif what == "blank":
            r[1] = ""
        elif what == "garble":
            r[1] = data.draw(st.sampled_from(["zz", "abc", "not a link", r[1].upper()]))
        else:
            r[1] = link(GENESIS, b"someone else's")
        rows[i] = tuple(r)
    refused = [(s, data.draw(st.sampled_from(["", link(GENESIS, b"r")])), b"refused %d" % s)
               for s in data.draw(st.lists(st.integers(1, n + 3), max_size=4, unique=True))]
    batches = [rows[i:i + 7] for i in range(0, len(rows), 7)]
    expected = verify_device("d", _plain(rows, refused))
    assert verify_stored("d", batches, refused) == expected


def test_the_fast_loop_reports_an_edit_and_a_refused_event_in_place() -> None:
    rows = _stored(6, ['"王\\'])
    r = list(rows[1])
    r[7] = "someone"
    rows[1] = tuple(r)
    refused_4 = (4, rows[3][1], b"not what was chained")
    del rows[3]  # number 4 was refused, not stored: its link is checked where it stands
    n, breaks = verify_stored("d", [rows[:2], rows[2:]], [refused_4])
    assert n == 6
    assert [(b.device_seq, b.kind) for b in breaks] == [(2, "edited"), (4, "edited")]
    assert all(isinstance(b, ChainBreak) for b in breaks)


def test_a_link_overwritten_with_text_that_is_not_hex_is_an_edit_and_the_next_event_goes_unchecked() -> None:
    links = _chain(4)
    links[1] = (2, "not a link", links[1][2])
    assert [(b.device_seq, b.kind) for b in verify_device("d", links)[1]] == [(2, "edited")]
    rows = _stored(4, ["x"])
    rows[1] = (2, "not a link") + rows[1][2:]
    assert [(b.device_seq, b.kind) for b in verify_stored("d", [rows])[1]] == [(2, "edited")]
