"""Projectors: write the rows of one aggregate from its folded events. Importing registers them all."""
from desk_app.store.projections import attachments, queue  # noqa: F401
