"""Persistence: SQLAlchemy models shared by PC and server, engine setup, unit of work, outbox, blobs."""
