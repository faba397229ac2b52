"""The test PostgreSQL: its address from DESK_TEST_PG_URL (as ./dev.sh computes it), and a test fails, never skips,
when that server cannot be reached."""
from __future__ import annotations

import os

import pytest

# ./dev.sh's default; on a stock Debian cluster it exports the password variant instead.
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"


def admin_url() -> str:
    """The URL of the database the tests connect to for CREATE/DROP DATABASE."""
    return os.environ.get("DESK_TEST_PG_URL") or DEFAULT_URL


def database_url(name: str) -> str:
    """The SQLAlchemy URL of database ``name`` on the test server, with the admin URL's user and password."""
    from sqlalchemy.engine import make_url
    url = make_url(admin_url()).set(drivername="postgresql+psycopg", database=name)
    return url.render_as_string(hide_password=False)


def connect_admin():
    """An autocommit psycopg connection to the admin URL; the calling test fails if PostgreSQL is unreachable."""
    import psycopg
    from sqlalchemy.engine import make_url
    url = make_url(admin_url()).set(drivername="postgresql")
    try:
        return psycopg.connect(url.render_as_string(hide_password=False), autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        # Skipping here is how the server tests went unrun for weeks: the PostgreSQL tests are part of the suite.
        pytest.fail(f"PostgreSQL at {url.render_as_string()} is required by this test and is not reachable "
                    f"(set DESK_TEST_PG_URL, or run ./dev.sh test, which starts it): {exc}", pytrace=False)
