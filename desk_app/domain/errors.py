"""Error kinds: KnownError is the environment's or the input's fault (a clear Chinese message), anything else is a bug."""
from __future__ import annotations


class KnownError(Exception):
    """A failure the user can understand and act on; the work already entered must be kept.

    ``message`` is Chinese and says what is wrong and what to do. ``field`` names the
    input field (or catalog column, row...) the message belongs beside, when there is one.
    """

    code = "known"

    def __init__(self, message: str, *, field: str | None = None, detail: str | None = None):
        super().__init__(message)
        self.message = message
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
