"""Sign-in attempts per PC and user: the failure count and lock folded from signin.* events."""
from __future__ import annotations

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.store.models.base import ID, Base


class SignInAttempt(Base):
    """Keyed by "<device>:<username>" (the aggregate id): each PC counts its own failures."""
    __tablename__ = "sign_in_attempts"
    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    device: Mapped[str] = mapped_column(ID)
    username: Mapped[str] = mapped_column(String(40))
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    last_type: Mapped[str] = mapped_column(String(60), default="")
    last_at_ms: Mapped[int] = mapped_column(BigInteger, default=0)
