"""The migrations in db/ produce exactly the schema the models describe (no drift)."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, text

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
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('probe', 'kept')"))
        head = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        schema = conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")).all()
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)
    event.listen(engine, "before_cursor_execute", record)
    upgrade(engine)  # what every start does on an up-to-date database
    event.remove(engine, "before_cursor_execute", record)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == head
        assert conn.execute(text("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")).all() == schema
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'probe'")).scalar() == "kept"
    engine.dispose()
    assert len(head) == 1
    changes = [st for st in statements if st.lstrip().split(" ", 1)[0].upper()
               in ("CREATE", "ALTER", "DROP", "INSERT", "UPDATE", "DELETE")]
    assert changes == [], "a second upgrade changed the database"
