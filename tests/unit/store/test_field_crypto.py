"""SM4-GCM field encryption and the HMAC-SM3 blind index."""
from __future__ import annotations

import os

import pytest

from desk_app.store.field_crypto import DataKeyError, FieldCipher

ID = "110101199003077777"


def test_round_trip_and_no_plaintext_in_the_stored_value() -> None:
    c = FieldCipher(os.urandom(16))
    stored = c.encrypt(ID, "case:1:resident_id")
    assert c.is_encrypted(stored) and ID not in stored and ID.encode() not in stored.encode()
    assert c.decrypt(stored, "case:1:resident_id") == ID
    assert c.encrypt(ID, "case:1:resident_id") != stored  # a fresh nonce each time
    assert c.decrypt("王小明", "case:1:name") == "王小明"  # plaintext from before the migration passes


def test_a_wrong_key_a_moved_value_or_a_damaged_one_is_a_clear_error() -> None:
    c = FieldCipher(os.urandom(16))
    stored = c.encrypt(ID, "case:1:resident_id")
    for cipher, value, aad in ((FieldCipher(os.urandom(16)), stored, "case:1:resident_id"),
                               (c, stored, "case:2:resident_id"),
                               (c, stored[:-4] + "AAAA", "case:1:resident_id"),
                               (c, "sm4g1:not base64!", "case:1:resident_id")):
        with pytest.raises(DataKeyError, match="无法解密"):
            cipher.decrypt(value, aad)


def test_blind_index_is_keyed_and_stable() -> None:
    key = os.urandom(16)
    a, b = FieldCipher(key), FieldCipher(key)
    assert a.blind_index(ID) == b.blind_index(" " + ID.lower() + " ")
    assert a.blind_index(ID) != FieldCipher(os.urandom(16)).blind_index(ID)
    assert ID not in a.blind_index(ID)
    with pytest.raises(DataKeyError):
        FieldCipher(b"short")
