"""The one place a KnownError becomes the text a screen shows: its template translated, then its parameters filled."""
from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from desk_app.domain.errors import ERRORS_CONTEXT, KnownError, fill_template

log = logging.getLogger(__name__)


def _translated(text: str) -> str:
    return QCoreApplication.translate(ERRORS_CONTEXT, text)


def error_text(exc: KnownError) -> str:
    """``exc`` in the UI's language. A text parameter is looked up too: a word marked with
    QT_TRANSLATE_NOOP("Errors", ...) (a status, a field's name) translates, anything else (a name, a number)
    finds no translation and stays as it is."""
    template = _translated(exc.template)
    if not exc.params:
        return template
    params = {k: _translated(v) if isinstance(v, str) and v else v for k, v in exc.params.items()}
    try:
        return fill_template(template, params)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder: the Chinese is right
        log.warning("translation of %r does not fit its parameters %s", exc.template, sorted(exc.params))
        return exc.message
