"""Attachment events: a content-addressed file (scan, archived printout) linked to a case and material."""
from __future__ import annotations

from desk_app.domain.events import register

ATTACHMENT_ADDED = register("attachment.added", "attachment").name
