"""desk-central: the hall's central server (FastAPI over PostgreSQL or SQLite)."""
