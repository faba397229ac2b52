"""Property: any script of issues, calls and partitions on three PCs converges to one state, with no collisions."""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desk_app.server import core
from desk_app.server.app import create_app
from desk_app.services import queue as qs
from desk_app.store.models import Ticket
from tests.integration.sync.conftest import Central, TestClient, make_pc, sync_round, ticket_state

OPS = st.lists(st.tuples(st.integers(0, 2), st.sampled_from(["issueA", "issueB", "call", "toggle", "sync"])),
               min_size=1, max_size=30)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=OPS)
def test_any_script_converges(script):
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        db = core.ServerDB(f"sqlite:///{base / 'central.db'}")
        hall = core.create_hall(db, "P", "性质测试")
        app = create_app("", base / "blobs", db=db)
        with TestClient(app) as client:
            central = Central(db, app, client, hall, base / "blobs")
            pcs = [make_pc(central, base, f"pc{i}", lease_size=4) for i in range(3)]
            online = [True, True, True]
            for pc in pcs:
                pc.agent.refill_leases()
            for who, op in script:
                pc = pcs[who]
                if op in ("issueA", "issueB"):
                    with pc.store.write("guide") as uow:
                        qs.issue_ticket(uow, op[-1])
                elif op == "call":
                    try:
                        with pc.store.write("clerk") as uow:
                            qs.call_next(uow, (1, 2, 3)[who], clerk=f"c{who}")
                    except Exception:  # noqa: BLE001 - nothing waiting, or this window is busy
                        pass
                elif op == "toggle":
                    online[who] = not online[who]
                if op == "sync" or online[who]:
                    if online[who]:
                        pc.agent.refill_leases()
                        sync_round(*[p for p, on in zip(pcs, online) if on], rounds=1)
            sync_round(*pcs, rounds=2)
            states = [ticket_state(pc.store) for pc in pcs]
            assert states[0] == states[1] == states[2]
            numbers = [t[1] for t in states[0]]
            assert len(numbers) == len(set(numbers))
            issued = sum(1 for _, op in script if op.startswith("issue"))
            assert len(numbers) == issued
            with db.read() as s:
                server = [(t.id, t.status, t.window_number) for t in
                          s.scalars(select(Ticket).order_by(Ticket.issued_hlc, Ticket.id))]
            assert server == [(t[0], t[2], t[3]) for t in states[0]]
            for pc in pcs:
                pc.store.close()
        db.dispose()
