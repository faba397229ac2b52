"""Alembic migrations from db/, applied at start and by `desk-app db upgrade` / desk-central alike."""
from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from desk_app.paths import migrations_dir

# Several desk-central copies may start at once on one PostgreSQL database: the first to take this lock
# migrates, the others wait for it and then find nothing to do. (A constant: "desk" in ASCII.)
MIGRATION_LOCK_KEY = 0x6465736B


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision, on the engine's own connection settings."""
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
