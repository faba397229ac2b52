"""Scans sealed with the hall's data key before they touch the disk, still content-addressed (kept once)."""
from __future__ import annotations

import hashlib
import os

import pytest

from desk_app.store.blobs import BlobStore
from desk_app.store.field_crypto import DataKeyError, FieldCipher
from tests.intake_support import VALID_ID

NAME = "欧阳娜娜"
SCAN = f"%PDF-1.7 居民身份证 姓名 {NAME} 公民身份号码 {VALID_ID}".encode() + os.urandom(64)


def test_a_scan_on_disk_holds_no_name_or_id_and_reads_back(tmp_path) -> None:
    key = os.urandom(16)
    blobs = BlobStore(tmp_path / "pc1", cipher=FieldCipher(key))
    sha = blobs.put(SCAN)
    raw = blobs.path(sha).read_bytes()
    assert NAME.encode() not in raw and VALID_ID.encode() not in raw and b"%PDF" not in raw
    assert sha == hashlib.sha256(raw).hexdigest()  # the address desk-central checks on upload
    assert blobs.verify(sha) and blobs.read(sha) == SCAN
    # the same scan at another PC of the hall: the same sealed file, so it is kept once everywhere
    assert blobs.put(SCAN) == sha == BlobStore(tmp_path / "pc2", cipher=FieldCipher(key)).put(SCAN)
    assert len(list((tmp_path / "pc1").rglob("*"))) == 3  # two fan-out directories and one file
    assert BlobStore(tmp_path / "pc3", cipher=FieldCipher(os.urandom(16))).put(SCAN) != sha  # another hall


def test_a_wrong_key_gives_a_clear_error_and_leaves_the_file(tmp_path) -> None:
    sha = BlobStore(tmp_path / "b", cipher=FieldCipher(os.urandom(16))).put(SCAN)
    before = (tmp_path / "b").joinpath(sha[:2], sha[2:4], sha).read_bytes()
    with pytest.raises(DataKeyError) as err:
        BlobStore(tmp_path / "b", cipher=FieldCipher(os.urandom(16))).read(sha)
    assert "附件无法解密" in err.value.message
    assert (tmp_path / "b").joinpath(sha[:2], sha[2:4], sha).read_bytes() == before


def test_a_fetched_sealed_file_is_checked_kept_sealed_and_opened(tmp_path) -> None:
    cipher = FieldCipher(os.urandom(16))
    sealed = cipher.seal_blob(SCAN)
    sha = hashlib.sha256(sealed).hexdigest()
    blobs = BlobStore(tmp_path / "b", fetcher=lambda _sha: sealed, cipher=cipher)
    assert blobs.read(sha) == SCAN
    assert blobs.read_stored(sha) == sealed == blobs.path(sha).read_bytes()
