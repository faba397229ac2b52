"""SIGPIPE kept ignored, as Python starts it: a SANE backend's reader thread puts it back to the default.

With the default, a write to a socket whose peer is gone (desk-central's connection reset mid-push) ends the
whole program at once, without a message or a trace: the signal, not Python's BrokenPipeError, handles it.
SANE's reader threads (sanei_thread) ignore SIGPIPE while they read and leave it at the default when the page
is done. ``signal.signal`` works only on the main thread and scans run on a worker, so libc's ``signal()`` is
called directly: the disposition belongs to the process, not to a thread.
"""
from __future__ import annotations

import ctypes
import signal
import sys

_SIG_IGN = 1


def keep_sigpipe_ignored() -> bool:
    """Set SIGPIPE back to ignored; returns whether it still was (False: some library had reset it)."""
    if sys.platform == "win32" or not hasattr(signal, "SIGPIPE"):
        return True  # no such signal
    libc = ctypes.CDLL(None)
    libc.signal.restype = ctypes.c_void_p
    libc.signal.argtypes = [ctypes.c_int, ctypes.c_void_p]
    previous = libc.signal(int(signal.SIGPIPE), _SIG_IGN)
    return previous == _SIG_IGN
