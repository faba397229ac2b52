"""Field encryption of personal data with the 国密 algorithms: SM4-GCM per field, and a keyed blind index
(HMAC-SM3) so a lookup by ID number still works without the number stored in the clear.

A value is stored as ``sm4g1:`` + base64(nonce 12 bytes || ciphertext || tag 16 bytes). The associated data
names what the value belongs to (e.g. "case:<id>:resident_id"), so a ciphertext moved to another row or
field fails to decrypt instead of showing the wrong person's data.
"""
from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from desk_app.domain.errors import QT_TRANSLATE_NOOP, KnownError

PREFIX = "sm4g1:"
BLOB_MAGIC = b"DSKB1"  # a sealed file: magic || nonce 12 || ciphertext || tag 16
KEY_BYTES = 16  # SM4 is a 128-bit block cipher with a 128-bit key


def sealed_chars(plain_chars: int) -> int:
    """The longest sealed text of a value of ``plain_chars`` characters (4 UTF-8 bytes each at most)."""
    raw = 12 + 4 * plain_chars + 16
    return len(PREFIX) + 4 * -(-raw // 3)


class DataKeyError(KnownError):
    """A wrong or missing data key, or a damaged ciphertext: nothing is decrypted, nothing is overwritten."""

    code = "data_key"


def _hmac_sm3(key: bytes, data: bytes) -> bytes:
    h = hmac.HMAC(key, hashes.SM3())
    h.update(data)
    return h.finalize()


class FieldCipher:
    """One hall's data key; an encryption key and a blind-index key are derived from it (HMAC-SM3), so the
    index never reveals anything about the ciphertexts' key."""

    def __init__(self, data_key: bytes):
        if len(data_key) != KEY_BYTES:
            raise DataKeyError(QT_TRANSLATE_NOOP("Errors", "数据密钥长度应为 {key_bytes} 字节（SM4），收到 {data_key_count} 字节。"),
                               key_bytes=KEY_BYTES, data_key_count=len(data_key))
        self._enc = _hmac_sm3(data_key, b"desk-app sm4-gcm v1")[:KEY_BYTES]
        self._idx = _hmac_sm3(data_key, b"desk-app blind index v1")
        self._blob = _hmac_sm3(data_key, b"desk-app blob sm4-gcm v1")[:KEY_BYTES]
        self.check_value = _hmac_sm3(data_key, b"desk-app data key check v1").hex()[:32]

    @staticmethod
    def is_encrypted(value: str) -> bool:
        return isinstance(value, str) and value.startswith(PREFIX)

    def encrypt(self, plaintext: str, aad: str) -> str:
        nonce = os.urandom(12)
        enc = Cipher(algorithms.SM4(self._enc), modes.GCM(nonce)).encryptor()
        enc.authenticate_additional_data(aad.encode())
        body = enc.update(plaintext.encode()) + enc.finalize()
        return PREFIX + base64.b64encode(nonce + body + enc.tag).decode("ascii")

    def decrypt(self, value: str, aad: str) -> str:
        if not self.is_encrypted(value):
            return value  # plaintext from before the migration
        try:
            raw = base64.b64decode(value[len(PREFIX):], validate=True)
            nonce, body, tag = raw[:12], raw[12:-16], raw[-16:]
            dec = Cipher(algorithms.SM4(self._enc), modes.GCM(nonce, tag)).decryptor()
            dec.authenticate_additional_data(aad.encode())
            return (dec.update(body) + dec.finalize()).decode()
        except (InvalidTag, ValueError) as exc:
            raise DataKeyError(QT_TRANSLATE_NOOP("Errors", "个人信息无法解密：数据密钥不对，或数据已损坏。请联系系统管理员核对本机的数据密钥；没有改动任何数据。")) from exc

    def seal_blob(self, data: bytes) -> bytes:
        """A file's bytes sealed deterministically (the nonce is a keyed hash of the content, as in SIV):
        the same scan gives the same sealed file on every PC of the hall, so content addressing by the
        sealed bytes' SHA-256 still keeps it once; without the key nothing of it can be read or guessed."""
        nonce = _hmac_sm3(self._idx, b"blob nonce\0" + data)[:12]
        enc = Cipher(algorithms.SM4(self._blob), modes.GCM(nonce)).encryptor()
        body = enc.update(data) + enc.finalize()
        return BLOB_MAGIC + nonce + body + enc.tag

    def open_blob(self, raw: bytes) -> bytes:
        if not raw.startswith(BLOB_MAGIC):
            return raw  # a file stored before encryption
        nonce, body, tag = raw[5:17], raw[17:-16], raw[-16:]
        try:
            dec = Cipher(algorithms.SM4(self._blob), modes.GCM(nonce, tag)).decryptor()
            return dec.update(body) + dec.finalize()
        except (InvalidTag, ValueError) as exc:
            raise DataKeyError(QT_TRANSLATE_NOOP("Errors", "附件无法解密：数据密钥不对，或文件已损坏。请联系系统管理员核对本机的数据密钥；"
                                                 "没有改动任何数据。")) from exc

    def blind_index(self, value: str) -> str:
        """Same value, same index (for lookups); without the key it cannot be computed or reversed."""
        return _hmac_sm3(self._idx, value.strip().upper().encode()).hex()
