"""Projectors: write the rows of one aggregate from its folded events. Importing registers them all."""
from desk_app.store.projections import attachments, queue  # noqa: F401
from desk_app.store.projections import intake  # noqa: F401,E402
from desk_app.store.projections import printing  # noqa: F401,E402
from desk_app.store.projections import supervision  # noqa: F401,E402
from desk_app.store.projections import accounts  # noqa: F401,E402
