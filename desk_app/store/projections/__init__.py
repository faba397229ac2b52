"""Projectors: write the rows of one aggregate from its folded events. PROJECTORS is their table by aggregate kind."""
from desk_app.store.projections import accounts, attachments, intake, printing, queue, supervision
from desk_app.store.projectors import Projector, collect

# A new projection module is listed here: the table is built from these modules, not by import side effects.
PROJECTORS: dict[str, Projector] = collect(accounts, attachments, intake, printing, queue, supervision)
