"""Pages to one PDF off the UI thread, then saved on the writer thread: the 完成 step of camera and scanner."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QWidget

from desk_app.devices import docimage


def save_pages_as_pdf(widget: QWidget, runner: Any, jpegs: list[bytes], save: Callable[[bytes], Any] | None, *,
                      built: Callable[[bytes], None], saved: Callable[[Any], None],
                      failed: Callable[[BaseException], None]) -> None:
    """Join ``jpegs`` into a PDF on an I/O worker and call ``built(pdf)``; with ``save``, run ``save(pdf)`` on
    the writer thread and call ``saved(result)``. Any error goes to ``failed(exc)``. The callbacks run on the
    UI thread, and only while ``widget`` exists."""
    def on_built(pdf: bytes) -> None:
        built(pdf)
        if save is not None:
            runner.write(lambda: save(pdf), success=saved, failure=failed, parent=widget)
    runner.io(lambda: docimage.pages_to_pdf(jpegs), success=on_built, failure=failed, parent=widget)
