"""The hall's data key on a PC: kept in the OS keystore where there is one, checked against the database.

Where it lives, and why:
- Windows: the key file is wrapped with DPAPI (CryptProtectData, through ctypes: no extra package), so only
  this Windows account on this PC can unwrap it, and a copied file is useless elsewhere.
- Linux: a 0600 key file in the 0700 data directory (the Secret Service needs a running desktop keyring
  and the `keyring`/`secretstorage` packages, which a front-desk PC started into one program often lacks;
  the file is what OpenSSH does for its keys).
The database keeps only a check value of the key (meta ``data_key_check``): opening it with another key is
refused with a clear message, before anything is read or written.
"""
from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

from desk_app.store.field_crypto import KEY_BYTES, DataKeyError, FieldCipher
from desk_app.store.files import FILE_MODE
from desk_app.domain.errors import QT_TRANSLATE_NOOP

CHECK_KEY = "data_key_check"
_DPAPI_MAGIC = b"DPAPI1"


def _dpapi(data: bytes, protect: bool) -> bytes:  # pragma: no cover - Windows only
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    buf = ctypes.create_string_buffer(data, len(data))
    src, dst = Blob(len(data), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char))), Blob()
    crypt32, kernel32 = ctypes.windll.crypt32, ctypes.windll.kernel32
    fn = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    if not fn(ctypes.byref(src), None, None, None, None, 0, ctypes.byref(dst)):
        raise DataKeyError(QT_TRANSLATE_NOOP("Errors", "无法用 Windows 数据保护（DPAPI）处理数据密钥：请用本机原来的 Windows 账号登录。"))
    try:
        return ctypes.string_at(dst.pbData, dst.cbData)
    finally:
        kernel32.LocalFree(dst.pbData)


class KeyFile:
    """``data_dir/data_key``: the raw key (0600) on POSIX, DPAPI-wrapped on Windows."""

    def __init__(self, data_dir: Path, name: str = "data_key"):
        self.path = Path(data_dir) / name

    def exists(self) -> bool:
        return self.path.exists()

    def read(self) -> bytes:
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise DataKeyError(QT_TRANSLATE_NOOP("Errors", "读取数据密钥文件失败：{strerror}。请检查 {path} 的权限。"),
                               strerror=exc.strerror, path=self.path) from exc
        if raw.startswith(_DPAPI_MAGIC):
            raw = _dpapi(raw[len(_DPAPI_MAGIC):], protect=False)
        if len(raw) != KEY_BYTES:
            raise DataKeyError(QT_TRANSLATE_NOOP("Errors", "数据密钥文件 {path} 已损坏（长度不对）。请联系系统管理员恢复密钥；没有改动任何数据。"),
                               path=self.path)
        return raw

    def write(self, key: bytes, *, replace: bool = False) -> None:
        """Atomic and private; an existing key is never replaced (that would orphan the encrypted data),
        except by ``replace`` once the data was re-sealed under the new key (store/pii_migration.py)."""
        if self.exists() and not replace:
            raise DataKeyError(QT_TRANSLATE_NOOP("Errors", "本机已有数据密钥 {path}，不能覆盖。"), path=self.path)
        data = _DPAPI_MAGIC + _dpapi(key, protect=True) if sys.platform == "win32" else key
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)


def open_cipher(store, key_file: KeyFile, *, create: bool = False) -> FieldCipher:
    """The FieldCipher of this PC's database. ``create``: make a key when neither key nor check exists yet.

    A key that does not match the database's check value is refused (DataKeyError), and nothing is written.
    """
    check = store.get_meta(CHECK_KEY)
    if not key_file.exists():
        if check:
            raise DataKeyError(QT_TRANSLATE_NOOP("Errors", "找不到数据密钥文件 {path}，而本机数据库已加密。请从备份恢复该文件，或联系系统管理员；"
                                                           "没有改动任何数据。"), path=key_file.path)
        if not create:
            raise DataKeyError(QT_TRANSLATE_NOOP("Errors", "本机还没有数据密钥。"))
        key_file.write(os.urandom(KEY_BYTES))
    cipher = FieldCipher(key_file.read())
    if check and check != cipher.check_value:
        raise DataKeyError(QT_TRANSLATE_NOOP("Errors", "数据密钥与本机数据库不匹配（可能是另一台电脑或另一个大厅的密钥）。请换回正确的密钥文件；没有改动任何数据。"))
    if not check:
        store.set_meta(CHECK_KEY, cipher.check_value)
    return cipher
