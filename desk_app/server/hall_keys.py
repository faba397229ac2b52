"""desk-central's copy of each hall's data key, wrapped with the server master key, handed to a PC at enrollment.

How a hall's data key reaches its PCs: the first enrollment of a hall makes the key (16 random bytes), keeps
it in the database only wrapped (SM4-GCM under the master key, associated data naming the hall), and every
enrollment of that hall returns it to the PC inside the enrollment response, over the same TLS connection
that hands out the device credential. The PC keeps it in its keystore (store/keys.py) and re-seals what it
sealed before under its own provisional key (store/pii_migration.py). desk-central stores and folds the
ciphertext as pushed; only its booking API (server/appointments.py) unwraps a hall's key, to seal what the
booking system sends before it becomes an event.

The master key: ``DESK_CENTRAL_MASTER_KEY`` (32 hex digits, from the deployment's secret store, the same for
every copy behind the load balancer), else the 0600 file ``master_key`` in the blob directory (made on first
use: a lab or a one-hall server; the blob directory is already the state the copies share).
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.orm import Session

from desk_app.store.field_crypto import KEY_BYTES, DataKeyError, FieldCipher
from desk_app.store.keys import KeyFile
from desk_app.store.models import Meta

MASTER_ENV = "DESK_CENTRAL_MASTER_KEY"
MASTER_FILE = "master_key"  # in the blob directory, when the environment gives none
_META = "hall_data_key:"


def master_key(blobs_dir: Path) -> bytes:
    """The server master key (environment, else the blob directory's key file, made if missing)."""
    env = os.environ.get(MASTER_ENV, "").strip()
    if env:
        try:
            key = bytes.fromhex(env)
        except ValueError:
            key = b""
        if len(key) != KEY_BYTES:
            raise DataKeyError(f"环境变量 {MASTER_ENV} 应为 {KEY_BYTES * 2} 位十六进制数字（服务器主密钥）。")
        return key
    kf = KeyFile(Path(blobs_dir), MASTER_FILE)
    if not kf.exists():
        kf.write(os.urandom(KEY_BYTES))
    return kf.read()


def hall_data_key(session: Session, hall_id: str, master: bytes) -> bytes:
    """The hall's data key, made and stored wrapped the first time it is asked for (in the caller's transaction)."""
    wrapper, aad = FieldCipher(master), f"hall-data-key:{hall_id}"
    row = session.get(Meta, _META + hall_id)
    if row is None:
        key = os.urandom(KEY_BYTES)
        session.add(Meta(key=_META + hall_id, value=wrapper.encrypt(key.hex(), aad)))
        session.flush()
        return key
    try:
        return bytes.fromhex(wrapper.decrypt(row.value, aad))
    except DataKeyError as exc:
        raise DataKeyError("无法解开大厅的数据密钥：服务器主密钥不对（请核对环境变量 "
                           f"{MASTER_ENV} 或附件目录中的 master_key）。没有改动任何数据。") from exc
