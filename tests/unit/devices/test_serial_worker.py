"""Serial device plumbing: one reader thread however often started, stopped promptly, restartable; quiet close."""
from __future__ import annotations

import threading
import time

from desk_app.devices.serial_worker import ReaderThread, close_quietly


def test_start_twice_runs_one_thread_and_stop_wakes_it_at_once():
    runs = []
    started = threading.Event()

    def run() -> None:
        runs.append(threading.current_thread().name)
        started.set()
        while not reader.stop_event.is_set():
            reader.stop_event.wait(30)  # a long back-off: stop() must not wait it out

    reader = ReaderThread(run, "desk-test-reader")
    reader.start()
    assert started.wait(5)
    reader.start()
    assert reader.is_alive()
    t0 = time.monotonic()
    reader.stop()
    assert time.monotonic() - t0 < 2 and not reader.is_alive()
    assert runs == ["desk-test-reader"]


def test_restart_after_stop_clears_the_stop_request():
    seen = []
    ran = threading.Semaphore(0)

    def run() -> None:
        seen.append(reader.stop_event.is_set())
        ran.release()
        reader.stop_event.wait(30)

    reader = ReaderThread(run, "desk-test-reader")
    for _ in range(2):
        reader.start()
        assert ran.acquire(timeout=5)
        reader.stop()
    assert seen == [False, False] and not reader.is_alive()


def test_stop_gives_up_on_a_thread_stuck_in_a_driver():
    release = threading.Event()
    reader = ReaderThread(lambda: release.wait(10), "desk-test-stuck", join_timeout_s=0.1)
    reader.start()
    t0 = time.monotonic()
    reader.stop()
    assert time.monotonic() - t0 < 2
    release.set()


def test_close_quietly_survives_a_port_whose_device_is_gone():
    class GonePort:
        closed = False

        def close(self) -> None:
            self.closed = True
            raise OSError(5, "Input/output error")

    port = GonePort()
    close_quietly(port)
    close_quietly(None)
    assert port.closed
