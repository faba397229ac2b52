"""Authorization in the services: the store as one signed-in user sees it, checking every event its use cases
emit against domain.permissions (role, own window, own name) before anything is written."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from desk_app.domain.errors import QT_TRANSLATE_NOOP, PermissionDenied
from desk_app.domain.permissions import denial
from desk_app.domain.roles import validate_role
from desk_app.store.database import Store, UnitOfWork


@dataclass(frozen=True)
class Actor:
    """The signed-in user a screen's services act for."""
    username: str
    role: str
    window: int | None = None


class AuthorizedStore:
    """Wraps a Store for one Actor: ``write`` checks each event; everything else is the Store's.

    Every service a screen gets is built on one of these (app_services.screen_services), so a use case a role may
    not run is refused in the service, whatever the screen shows; desk-central checks the same table again
    on push (server/authorization.py), so a PC whose code was changed gains nothing.
    """

    def __init__(self, store: Store, actor: Actor):
        validate_role(actor.role, username=actor.username)
        self._store = store
        self.actor = actor

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    @property
    def unwrapped(self) -> Store:
        return self._store

    @contextmanager
    def write(self, actor: str = "", *, guard: Any = None) -> Iterator[UnitOfWork]:
        with self._store.write(actor or self.actor.username, guard=self._check) as uow:
            yield uow

    def _check(self, type_name: str, aggregate: str, payload: dict[str, Any], actor: str) -> None:
        why = denial(type_name, self.actor.role, payload, actor=actor, username=self.actor.username,
                     aggregate=aggregate, window=self.actor.window)
        if why:
            raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "{why}如需办理，请由有权限的人员登录。"), why=why,
                                   field="permission")
