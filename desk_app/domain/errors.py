"""Error kinds: KnownError is the environment's or the input's fault (a clear Chinese message), anything else is a bug."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any


ERRORS_CONTEXT = "Errors"  # the translation context every error template is extracted into


def QT_TRANSLATE_NOOP(context: str, source_text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    """Marks ``source_text`` for pyside6-lupdate under ``context`` and returns it unchanged (domain has no Qt)."""
    return source_text


def fill_template(template: str, params: Mapping[str, Any]) -> str:
    """The finished text: named ``{placeholders}`` filled; a template raised without parameters is literal."""
    return template.format_map(params) if params else template


class KnownError(Exception):
    """A failure the user can understand and act on; the work already entered must be kept.

    ``template`` is Chinese with named ``{placeholders}``, marked with ``QT_TRANSLATE_NOOP("Errors", ...)``
    so the UI can show it translated; ``params`` fill it. ``message`` (and ``str()``) is the finished
    Chinese text the CLI, logs and desk-central answers use. ``code`` (per subclass) is the stable kind a
    program may branch on; the template is the message's identity. ``field`` names the input field (or
    catalog column, row...) the message belongs beside, when there is one.
    """

    code = "known"

    def __init__(self, template: str, /, *, field: str | None = None, detail: str | None = None,
                 **params: Any):
        self.template = template
        self.params = params
        self.message = fill_template(template, params)  # a bad placeholder fails here, at the raise site
        super().__init__(self.message)
        self.field = field
        self.detail = detail

    def __str__(self) -> str:  # pragma: no cover - trivial
        return self.message


class ValidationError(KnownError):
    """Input that breaks a rule (bad ID number, missing column, unknown code...)."""

    code = "validation"


class NotFoundError(KnownError):
    """Something looked up by code or number does not exist."""

    code = "not_found"


class ConflictError(KnownError):
    """The action collides with a state change made elsewhere (another window, another PC)."""

    code = "conflict"


class StorageError(KnownError):
    """The local disk or database failed (disk full, read-only, locked too long)."""

    code = "storage"


class DeviceError(KnownError):
    """A device is missing, busy or failed (scanner unplugged, camera busy...)."""

    code = "device"


class PrinterError(DeviceError):
    """A printer is out of paper, has its cover open, is offline or does not answer."""

    code = "printer"


class NetworkError(KnownError):
    """desk-central cannot be reached or refused the request."""

    code = "network"


class PermissionDenied(KnownError):
    """The signed-in user's role (or window) does not allow this action."""

    code = "permission"


class AuthenticationError(KnownError):
    """Sign-in refused: wrong password, locked account, disabled user, no password set."""

    code = "authentication"
