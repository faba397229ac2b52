"""The migrations in db/ produce exactly the schema the models describe (no drift)."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from desk_app.store.engine import make_engine, sqlite_url
from desk_app.store.migrate import upgrade
from desk_app.store.models import Base


def test_migrated_schema_matches_models(tmp_path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "m.db"))
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    engine.dispose()
    assert diff == [], "models changed without regenerating db/versions (run db/regenerate.py)"


def test_upgrade_is_idempotent(tmp_path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "m.db"))
    upgrade(engine)
    upgrade(engine)
    engine.dispose()
