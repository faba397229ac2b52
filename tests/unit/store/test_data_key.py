"""The hall's data key on the PC: 0600 key file, checked against the database, never overwritten."""
from __future__ import annotations

import os
import stat

import pytest

from desk_app.store.field_crypto import DataKeyError
from desk_app.store.keys import CHECK_KEY, KeyFile, open_cipher


def test_created_once_private_and_checked(store, data_dir):
    kf = KeyFile(data_dir)
    with pytest.raises(DataKeyError, match="还没有数据密钥"):
        open_cipher(store, kf)
    c = open_cipher(store, kf, create=True)
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(kf.path).st_mode) == 0o600
    assert store.get_meta(CHECK_KEY) == c.check_value
    again = open_cipher(store, kf)
    assert again.decrypt(c.encrypt("张三", "case:1:name"), "case:1:name") == "张三"
    with pytest.raises(DataKeyError, match="不能覆盖"):
        kf.write(os.urandom(16))


def test_a_wrong_key_is_refused_and_nothing_is_overwritten(store, data_dir, tmp_path):
    open_cipher(store, KeyFile(data_dir), create=True)
    check = store.get_meta(CHECK_KEY)
    other = KeyFile(tmp_path / "other")
    other.write(os.urandom(16))
    with pytest.raises(DataKeyError, match="不匹配"):
        open_cipher(store, other, create=True)
    assert store.get_meta(CHECK_KEY) == check
    (data_dir / "data_key").unlink()
    with pytest.raises(DataKeyError, match="找不到数据密钥文件"):
        open_cipher(store, KeyFile(data_dir), create=True)  # never a new key over encrypted data
    assert not (data_dir / "data_key").exists() and store.get_meta(CHECK_KEY) == check
    (data_dir / "data_key").write_bytes(b"broken")
    with pytest.raises(DataKeyError, match="已损坏"):
        open_cipher(store, KeyFile(data_dir))
