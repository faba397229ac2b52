"""Projection of signin.* events into sign_in_attempts, and of user.password_changed into users."""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from desk_app.domain import accounts as a
from desk_app.domain.events import Event
from desk_app.store.models import User
from desk_app.store.models.accounts import SignInAttempt
from desk_app.store.projectors import projector, row_projector



@row_projector("signin", SignInAttempt)
def project_signin(aggregate_id: str, events: list[Event]):
    """The PC's failure count and lock of one user name (the fold is the domain's)."""
    return a.attempt_row(aggregate_id, events)


@projector("user")
def project_user(session: Session, username: str, events: list[Event]) -> None:
    """The newest password change of the user wins (fold order), on every PC and on desk-central."""
    changes = [e for e in events if e.type == a.PASSWORD_CHANGED]
    if not changes:
        return
    last = changes[-1]
    session.execute(update(User).where(User.hall_id == last.hall, User.username == username).values(
        password_hash=last.payload["password_hash"], password_changed_at_ms=int(last.payload["changed_at_ms"]),
        must_change_password=False))
