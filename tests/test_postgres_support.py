"""The PostgreSQL tests use DESK_TEST_PG_URL and fail (never skip) when that server is unreachable."""
from __future__ import annotations

import pytest

from tests import postgres_support as pg


def test_database_urls_keep_the_user_and_password_of_desk_test_pg_url(monkeypatch) -> None:
    monkeypatch.setenv("DESK_TEST_PG_URL", "postgresql://postgres:desk_test@db.example:6543/test")
    assert pg.database_url("desk_test_x") == "postgresql+psycopg://postgres:desk_test@db.example:6543/desk_test_x"


def test_without_the_variable_it_is_dev_sh_default(monkeypatch) -> None:
    monkeypatch.delenv("DESK_TEST_PG_URL", raising=False)
    assert pg.admin_url() == "postgresql://postgres@127.0.0.1:5432/test"


@pytest.mark.parametrize("ci", [None, "1"], ids=["no-CI", "CI"])
def test_an_unreachable_server_fails_the_test_not_skips_it(monkeypatch, ci) -> None:
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    # Port 1 on loopback refuses at once.
    monkeypatch.setenv("DESK_TEST_PG_URL", "postgresql://postgres:secret@127.0.0.1:1/test")
    with pytest.raises(pytest.fail.Exception, match="PostgreSQL at postgresql://postgres:\\*\\*\\*@127.0.0.1:1/test"):
        pg.connect_admin()


@pytest.mark.postgres
def test_the_configured_server_answers() -> None:
    admin = pg.connect_admin()
    try:
        assert admin.execute("select 1").fetchone() == (1,)
    finally:
        admin.close()
