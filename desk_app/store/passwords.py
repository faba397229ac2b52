"""Argon2id password hashes: one set of parameters for the PCs and desk-central."""
from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

# Argon2id with OWASP's first recommended parameters (46 MiB, 1 pass, 1 lane): ~0.1 s on this 2-core machine,
# where 64 MiB x 3 passes took 0.2-0.33 s, over the 0.3 s sign-in budget. A hash keeps its own parameters,
# so changing these later still verifies every stored hash.
_hasher = PasswordHasher(time_cost=1, memory_cost=46 * 1024, parallelism=1, type=Type.ID)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """Compared against when the user does not exist, so a wrong user name costs as long as a wrong password
    (made on first use: hashing costs what a sign-in does)."""
    return _hasher.hash("not a password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_hash(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
