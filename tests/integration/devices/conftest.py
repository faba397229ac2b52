"""Pseudo-terminal pairs standing in for serial devices."""
from __future__ import annotations

import os
import time
import tty

import pytest


class Pty:
    """The device end (``master``) of a pty; the program opens ``name`` like a serial port."""

    def __init__(self) -> None:
        self.master, self._slave = os.openpty()
        tty.setraw(self.master)
        self.name = os.ttyname(self._slave)

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def read_until(self, pred, timeout: float = 3.0) -> bytes:
        """Read from the device end until pred(buffer) is true (select with a deadline, no fixed sleep)."""
        import select
        buf = b""
        deadline = time.monotonic() + timeout
        while not pred(buf):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"device end got only {buf!r}")
            r, _, _ = select.select([self.master], [], [], left)
            if r:
                buf += os.read(self.master, 4096)
        return buf

    def unplug(self) -> None:
        for fd in (self.master, self._slave):
            try:
                os.close(fd)
            except OSError:
                pass
        self.master = self._slave = -1

    def close(self) -> None:
        if self.master >= 0:
            self.unplug()


@pytest.fixture
def make_pty():
    made: list[Pty] = []

    def make() -> Pty:
        p = Pty()
        made.append(p)
        return p
    yield make
    for p in made:
        p.close()


def wait_for(pred, timeout: float = 5.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)
