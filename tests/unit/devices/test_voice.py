"""The voice play queue with a fake engine: order, no cut-off, no duplicates, a failing device is a warning."""
from __future__ import annotations

import threading
import wave
from pathlib import Path

import pytest

from desk_app.devices.voice import (
    Announcement, ClipEngine, SilentEngine, VoiceQueue, clips_dir, concat_clips, default_engine, number_clips,
)


class FakeEngine:
    """Records what is spoken; each sentence blocks until the test releases it, like real audio."""

    name = "fake"

    def __init__(self, fail_on: str = "") -> None:
        self.started: list[str] = []
        self.finished: list[str] = []
        self.release = threading.Semaphore(0)
        self.fail_on = fail_on
        self.threads: set[str] = set()

    def speak(self, a: Announcement) -> None:
        self.threads.add(threading.current_thread().name)
        self.started.append(a.number)
        if a.number == self.fail_on:
            raise OSError("audio device unplugged")
        assert self.release.acquire(timeout=5)
        self.finished.append(a.number)


def test_a_new_call_waits_for_the_one_being_spoken() -> None:
    eng = FakeEngine()
    vq = VoiceQueue(eng)
    try:
        vq.announce("A001", 1)
        vq.announce("B002", 2)
        vq.announce("A003", 5)
        # only the first started; the others wait although they arrived while it was spoken
        deadline = threading.Event()
        while not eng.started:
            deadline.wait(0.01)
        assert eng.started == ["A001"] and eng.finished == []
        for _ in range(3):
            eng.release.release()
        assert vq.wait_idle(5)
        assert eng.finished == ["A001", "B002", "A003"]
        assert eng.threads == {"desk-voice"}  # never the caller's (UI) thread
        assert [a.window_number for a in vq.spoken] == [1, 2, 5]
    finally:
        vq.stop()


def test_the_same_call_waiting_is_not_queued_twice() -> None:
    eng = FakeEngine()
    vq = VoiceQueue(eng)
    try:
        assert vq.announce("A001", 1)
        while not eng.started:
            threading.Event().wait(0.01)
        assert vq.announce("A002", 1)
        assert not vq.announce("A002", 1)  # double click while waiting
        for _ in range(2):
            eng.release.release()
        assert vq.wait_idle(5)
        assert eng.finished == ["A001", "A002"]
        assert vq.announce("A002", 1)  # a recall after it was said is said again
        eng.release.release()
        assert vq.wait_idle(5)
    finally:
        vq.stop()


def test_a_failing_audio_device_is_a_warning_and_the_queue_goes_on() -> None:
    eng = FakeEngine(fail_on="A001")
    warnings: list[str] = []
    vq = VoiceQueue(eng, on_warning=warnings.append)
    try:
        vq.announce("A001", 3)
        vq.announce("A002", 3)
        eng.release.release()
        assert vq.wait_idle(5)
        assert eng.finished == ["A002"] and vq.healthy
        assert len(warnings) == 1 and "语音叫号失败" in warnings[0] and "大厅屏" in warnings[0]
    finally:
        vq.stop()


def test_announcement_names_the_window_and_never_more() -> None:
    a = Announcement("A023", 5)
    assert a.text() == "请A023号到5号窗口办理"
    assert a.clips() == ["qing", "letter_a", "ling", "er", "san", "hao", "dao", "wu", "hao", "chuangkou", "banli"]


@pytest.mark.parametrize("n,clips", [(1, ["yi"]), (10, ["shi"]), (12, ["shi", "er"]), (20, ["er", "shi"]),
                                     (35, ["san", "shi", "wu"]), (100, ["yi", "bai"]),
                                     (105, ["yi", "bai", "ling", "wu"]), (110, ["yi", "bai", "yi", "shi"])])
def test_window_numbers_read_as_chinese_numerals(n: int, clips: list[str]) -> None:
    assert number_clips(n) == clips


def test_shipped_clips_cover_every_announcement_and_concatenate() -> None:
    d = clips_dir()
    names = Announcement("Z999", 123).clips() + [f"letter_{c}" for c in "abcdefghijklmnopqrstuvwxyz"]
    data = concat_clips(d, names)
    import io
    with wave.open(io.BytesIO(data)) as w:
        assert w.getnchannels() == 1 and w.getframerate() == 22050
        assert w.getnframes() / w.getframerate() > 5  # really contains speech, not just headers


def test_clip_engine_plays_through_its_player_and_reports_missing_clips(tmp_path: Path) -> None:
    played: list[bytes] = []
    eng = ClipEngine(clips_dir(), played.append)
    assert eng.available()
    eng.speak(Announcement("A001", 2))
    assert played and played[0][:4] == b"RIFF"
    broken = ClipEngine(tmp_path, played.append)
    assert not broken.available()
    with pytest.raises(OSError, match="qing.wav"):
        broken.speak(Announcement("A001", 2))


def test_default_engine_falls_back_to_silent_when_tts_breaks(monkeypatch) -> None:
    monkeypatch.setattr("desk_app.devices.voice.system_player", lambda: None)

    def broken_tts():
        raise RuntimeError("plug-in crashed")
    assert isinstance(default_engine(broken_tts), SilentEngine)


def test_engine_is_closed_on_the_voice_thread_when_the_queue_stops() -> None:
    """A Qt engine's objects were made on the voice thread; they must be released there, not by the caller."""
    closed_on = []

    class ClosingEngine(SilentEngine):
        def close(self) -> None:
            closed_on.append(threading.current_thread().name)

    vq = VoiceQueue(ClosingEngine())
    vq.stop()
    assert closed_on == ["desk-voice"]
