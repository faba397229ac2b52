"""Services built before sign-in learn this PC's window and the signed-in user when a screen opens."""
from __future__ import annotations

from typing import Any

from desk_app.ui.context import ScreenContext


def bind_service(service: Any, ctx: ScreenContext) -> Any:
    """Services built before sign-in learn this PC's window and the signed-in clerk (only where unset)."""
    if service is None:
        return None
    if getattr(service, "window_number", "absent") is None and ctx.window_number is not None:
        service.window_number = ctx.window_number
    if getattr(service, "actor", None) == "" and ctx.user is not None:
        service.actor = ctx.user.username
    return service
