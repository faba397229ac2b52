"""Pages to one PDF off the UI thread, then saved on the writer thread: the 完成 step of camera and scanner."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QWidget

from desk_app.devices import docimage
from desk_app.domain.errors import KnownError


def save_pages_as_pdf(widget: QWidget, runner: Any, jpegs: list[bytes], save: Callable[[bytes], Any] | None, *,
                      built: Callable[[bytes], None], saved: Callable[[Any], None],
                      failed: Callable[[KnownError | None], None]) -> None:
    """Join ``jpegs`` into a PDF on an I/O worker and call ``built(pdf)``; with ``save``, run ``save(pdf)`` on
    the writer thread and call ``saved(result)``. A known error goes to ``failed(exc)``, a bug (which the runner
    reports) to ``failed(None)``. The callbacks run on the UI thread, and only while ``widget`` exists."""
    def on_built(pdf: bytes) -> None:
        built(pdf)
        if save is not None:
            op = runner.write(lambda: save(pdf), success=saved, failure=failed, parent=widget)
            if op is not None:
                op.on_bug(lambda: failed(None))
    op = runner.io(lambda: docimage.pages_to_pdf(jpegs), success=on_built, failure=failed, parent=widget)
    if op is not None:
        op.on_bug(lambda: failed(None))
