"""The devices' SM3 audit chains: linked on the PC, checked on push, recomputed by `desk-central audit verify`."""
from __future__ import annotations

import json
import sqlite3

from sqlalchemy import select, text

from desk_app.store.audit_chain import GENESIS, canonical_bytes, link
from desk_app.server import audit
from desk_app.server.cli import main as central_main
from desk_app.services import queue as qs
from desk_app.store.models import EventRow
from tests.integration.sync.conftest import issue_tickets, make_pc


def _own(store) -> list:
    with store.read() as s:
        return s.scalars(select(EventRow).where(EventRow.origin == "local").order_by(EventRow.device_seq)).all()


def test_each_event_links_to_the_one_before_it_across_restarts(central, tmp_path):
    a = make_pc(central, tmp_path, "a")
    issue_tickets(a.store, 3)
    a.store.close()
    from desk_app.store.database import Store
    reopened = Store.open(a.data_dir / "local.db")
    issue_tickets(reopened, 1)
    prev = GENESIS
    for r in _own(reopened):
        assert r.chain == link(prev, canonical_bytes(r.id, r.hall, r.device, r.device_seq, r.hlc, r.type,
                                                     r.schema_version, r.actor, r.aggregate, r.payload))
        prev = r.chain
    # a rolled-back use case leaves no link behind
    try:
        with reopened.write() as uow:
            qs.issue_ticket(uow, "A")
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    issue_tickets(reopened, 1)
    rows = _own(reopened)
    assert rows[-1].chain == link(rows[-2].chain, canonical_bytes(
        rows[-1].id, rows[-1].hall, rows[-1].device, rows[-1].device_seq, rows[-1].hlc, rows[-1].type,
        rows[-1].schema_version, rows[-1].actor, rows[-1].aggregate, rows[-1].payload))
    reopened.close()


def test_an_event_edited_in_the_pcs_sqlite_is_flagged_on_push_and_by_audit_verify(central, tmp_path, capsys):
    a = make_pc(central, tmp_path, "a")
    issue_tickets(a.store, 4)
    victim = _own(a.store)[1]
    # Someone edits the local database file by hand before the events are pushed.
    con = sqlite3.connect(a.data_dir / "local.db")
    payload = json.loads(victim.payload)
    payload["priority_group"] = "elderly"
    con.execute("UPDATE events SET payload = ? WHERE id = ?",
                (json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")), victim.id))
    con.commit()
    con.close()
    a.agent.push_all()
    with central.db.read() as s:
        flags = dict(s.execute(select(EventRow.device_seq, EventRow.flags)).all())
    assert audit.CHAIN_FLAG in flags[2] and all(audit.CHAIN_FLAG not in flags[n] for n in (1, 3, 4))
    with a.store.read() as s:  # the PC is told too
        assert audit.CHAIN_FLAG in s.scalar(select(EventRow.flags).where(EventRow.id == victim.id))
    report = audit.verify_all(central.db, workers=2)  # one process per share of devices on PostgreSQL
    assert [(b.device_seq, b.kind) for b in report.breaks] == [(2, "edited")]
    assert report.flagged_on_push == 1


def test_audit_verify_reports_an_event_edited_or_deleted_on_the_server(tmp_path, capsys):
    from desk_app.server.core import ServerDB
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    assert central_main(["--db", db_url, "hall", "create", "--code", "HD", "--name", "大厅"]) == 0
    from fastapi.testclient import TestClient

    from desk_app.server.app import create_app
    from tests.integration.sync.conftest import Central
    db = ServerDB(db_url)
    with TestClient(create_app("", tmp_path / "blobs", db=db)) as client:
        from desk_app.server.core import find_hall
        with db.read() as s:
            hall_id = find_hall(s, "HD").id
        c = Central(db, None, client, hall_id, tmp_path / "blobs")
        a = make_pc(c, tmp_path, "a")
        issue_tickets(a.store, 5)
        a.agent.push_all()
        assert central_main(["--db", db_url, "audit", "verify"]) == 0
        assert "哈希链完整" in capsys.readouterr().out
        with db.write() as s:
            s.execute(text("UPDATE events SET actor = 'someone' WHERE device_seq = 2"))
            s.execute(text("DELETE FROM events WHERE device_seq = 4"))
        assert central_main(["--db", db_url, "audit", "verify", "--hall", "HD"]) == 1
        err = capsys.readouterr().err
        assert "第 2 号事件：内容或前一事件被改动" in err and "缺少第 4～4 号事件" in err
        out = tmp_path / "audit.jsonl"
        assert central_main(["--db", db_url, "audit", "export", "--out", str(out), "--hall", "HD"]) == 0
        assert "已导出" in capsys.readouterr().out
        a.agent.stop()
    db.dispose()


def test_audit_export_lists_sign_ins_and_refused_events(central, tmp_path):
    from desk_app.store.passwords import hash_password
    from desk_app.server import core
    from desk_app.services.accounts import AccountService
    core.publish_reference(central.db, "users", {"users": [
        {"username": "li", "display_name": "李", "role": "clerk", "password_hash": hash_password("Window-5-pass")}]},
        hall=central.hall_id)
    a = make_pc(central, tmp_path, "a")
    a.agent.refresh_reference()
    AccountService(a.store).sign_in("li", "Window-5-pass")
    with a.store.write("mallory") as uow:
        qs.issue_ticket(uow, "A")
    a.agent.push_all()
    out = tmp_path / "audit.jsonl"
    n = audit.export(central.db, out)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert n == len(lines) == 2
    assert lines[0]["type"] == "signin.succeeded" and lines[0]["actor"] == "li" and lines[0]["chain"]
    assert lines[1]["record"] == "refused" and "不是本大厅的工作人员" in lines[1]["reason"]


def test_audit_verify_finds_the_same_breaks_in_one_process_and_in_several(central, tmp_path):
    """Three PCs' chains tampered with on desk-central: an edit, a deletion, a blanked link; each found in its
    place, with one worker and with worker processes (PostgreSQL; SQLite always checks in one)."""
    pcs = [make_pc(central, tmp_path, name) for name in ("a", "b", "c")]
    for pc in pcs:
        issue_tickets(pc.store, 6)
        pc.agent.push_all()
    a, b, c = (pc.store.device_id for pc in pcs)
    with central.db.write() as s:
        s.execute(text("UPDATE events SET payload = replace(payload, '\"A', '\"B')"
                       " WHERE device = :d AND device_seq = 3"), {"d": a})
        s.execute(text("DELETE FROM events WHERE device = :d AND device_seq = 5"), {"d": b})
        s.execute(text("UPDATE events SET chain = '' WHERE device = :d AND device_seq = 2"), {"d": c})
    want = sorted([(a, 3, "edited"), (b, 5, "gap"), (c, 2, "unchained")])
    serial = audit.verify_all(central.db, workers=1)
    parallel = audit.verify_all(central.db, workers=3)
    assert sorted((x.device, x.device_seq, x.kind) for x in serial.breaks) == want
    assert parallel.breaks == serial.breaks and parallel.events == serial.events == 17
    assert parallel.devices == serial.devices == 3


def test_rows_read_ahead_arrive_in_order_and_the_reader_ends_with_its_consumer():
    import threading
    from contextlib import closing

    import pytest

    def readers() -> list:
        return [t for t in threading.enumerate() if t.name == "audit-read-ahead"]

    assert list(audit._read_ahead(iter([[1], [2, 3], [4]]), depth=1)) == [[1], [2, 3], [4]]

    def failing():
        yield [1]
        raise RuntimeError("connection lost")

    with pytest.raises(RuntimeError, match="connection lost"):
        list(audit._read_ahead(failing()))
    with closing(audit._read_ahead(iter([[n] for n in range(100)]), depth=2)) as batches:
        assert next(batches) == [0]  # the verifier stops early (an error of its own): the reader stops too
    assert readers() == []
