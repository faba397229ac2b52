"""Plumbing shared by the serial devices: the background reader thread and closing a port that may be gone."""
from __future__ import annotations

import threading
from typing import Any, Callable


class ReaderThread:
    """Runs ``target`` on a daemon thread named ``name``.

    ``target`` loops until ``stop_event`` is set and sleeps with ``stop_event.wait(delay)``, so ``stop()``
    wakes it at once; ``stop()`` then waits up to ``join_timeout_s`` (a driver blocked in a read gets no
    longer: closing the program must not hang on a device).
    """

    def __init__(self, target: Callable[[], None], name: str, *, join_timeout_s: float = 2.0):
        self._target = target
        self._name = name
        self._join_timeout_s = join_timeout_s
        self.stop_event = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the thread unless it is running; a stopped one can be started again."""
        if self._thread is not None and self._thread.is_alive():
            return
        self.stop_event.clear()
        self._thread = threading.Thread(target=self._target, name=self._name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=self._join_timeout_s)

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()


def close_quietly(port: Any) -> None:
    """Close ``port`` if there is one; a port whose device was unplugged may fail to close, and that is fine."""
    if port is None:
        return
    try:
        port.close()
    except Exception:  # noqa: BLE001 - closing is best effort: the handle is dropped either way
        pass
