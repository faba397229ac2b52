"""Sign-in with Argon2id: the time of AccountService.sign_in (hash check and its event written), run on a
worker thread as the dialog does, while the main thread stays free. Goal: <= 300 ms. Printed lines are JSON.

Usage: .venv/bin/python -m bench.signin [--n 30]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit  # noqa: E402
from desk_app.domain.ids import new_id  # noqa: E402
from desk_app.store.passwords import hash_password  # noqa: E402
from desk_app.services.accounts import AccountService  # noqa: E402
from desk_app.store.database import Store  # noqa: E402
from desk_app.store.models import User  # noqa: E402

HALL = "01900000-0000-7000-8000-0000000000aa"
PW = "Window-5-pass"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "local.db")
        store.set_meta("hall_id", HALL)
        with store.write() as uow:
            uow.session.add(User(id=new_id(), hall_id=HALL, username="clerk1", display_name="王受理",
                                 role="clerk", password_hash=hash_password(PW)))
        svc = AccountService(store)
        pool = ThreadPoolExecutor(1)
        pool.submit(svc.sign_in, "clerk1", PW).result()  # warm-up
        ok, wrong = [], []
        for _ in range(args.n):
            t = time.perf_counter()
            pool.submit(svc.sign_in, "clerk1", PW).result()
            ok.append((time.perf_counter() - t) * 1000)
        for _ in range(min(args.n, 4)):  # fewer than the lockout
            t = time.perf_counter()
            try:
                pool.submit(svc.sign_in, "clerk1", "wrong").result()
            except Exception:  # noqa: BLE001 - the expected refusal
                pass
            wrong.append((time.perf_counter() - t) * 1000)
        hash_ms = []
        for _ in range(5):
            t = time.perf_counter()
            hash_password(PW)
            hash_ms.append((time.perf_counter() - t) * 1000)
        pool.shutdown()
        store.close()
    ok.sort()
    emit("signin_argon2id", **{"n": args.n, "median_ms": round(statistics.median(ok), 1),
          "p95_ms": round(ok[int(len(ok) * 0.95) - 1], 1), "max_ms": round(ok[-1], 1),
          "wrong_password_median_ms": round(statistics.median(wrong), 1),
          "hash_new_password_median_ms": round(statistics.median(hash_ms), 1), "goal_ms": 300})


if __name__ == "__main__":
    main()
