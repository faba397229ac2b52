"""Which voice engine a PC gets and what the health strip is told: speech, clips (degraded), silent (missing),
a failing audio device (error, then back), and speech that breaks later falling back to the clips."""
from __future__ import annotations

import pytest

from desk_app.devices.voice import (
    REASON_CLIPS, REASON_NO_CLIPS, REASON_NO_PLAYER, Announcement, ClipEngine, SilentEngine, VoiceQueue,
    choose_engine,
)
from desk_app.domain.errors import DeviceError


class Speech:
    name = "fake-tts"

    def __init__(self, fail: bool = False) -> None:
        self.fail, self.said = fail, []

    def speak(self, a: Announcement) -> None:
        if self.fail:
            raise OSError("Chinese voice removed")
        self.said.append(a.text())


def test_no_speech_engine_falls_back_to_clips_and_says_so() -> None:
    played: list[bytes] = []
    choice = choose_engine(lambda: None, player=played.append)
    assert isinstance(choice.engine, ClipEngine)
    assert (choice.state, choice.reason_cn) == ("degraded", REASON_CLIPS)
    assert "中文语音包" in choice.reason_cn  # what the hall can do about it
    vq = VoiceQueue(choice)
    try:
        assert vq.health.state == "degraded" and vq.health.reason_cn == REASON_CLIPS
        vq.announce("A023", 5)
        assert vq.wait_idle()
        assert played and played[0][:4] == b"RIFF"  # the call was said, from the clips
        assert vq.health.state == "degraded"  # a good call does not pretend speech is there
    finally:
        vq.stop()


def test_a_broken_speech_plugin_is_the_same_as_none() -> None:
    def broken():
        raise RuntimeError("plug-in crashed")
    assert choose_engine(broken, player=lambda _b: None).state == "degraded"


def test_no_speech_and_no_player_is_silent_and_missing(tmp_path) -> None:
    choice = choose_engine(lambda: None, player=None)
    assert isinstance(choice.engine, SilentEngine)
    assert (choice.state, choice.reason_cn) == ("missing", REASON_NO_PLAYER)
    assert "大厅屏" in choice.reason_cn and "alsa-utils" in choice.reason_cn
    no_clips = choose_engine(lambda: None, player=lambda _b: None, clips_path=tmp_path)
    assert (no_clips.state, no_clips.reason_cn) == ("missing", REASON_NO_CLIPS)
    vq = VoiceQueue(choice)
    try:
        with pytest.raises(DeviceError, match="中文语音"):
            vq.self_test()
    finally:
        vq.stop()


def test_speech_is_connected_and_breaks_over_to_the_clips() -> None:
    played: list[bytes] = []
    speech = Speech()
    choice = choose_engine(lambda: speech, player=played.append)
    assert choice.state == "connected" and isinstance(choice.fallback, ClipEngine)
    vq = VoiceQueue(choice)
    try:
        assert vq.health.ok
        vq.announce("A001", 1)
        assert vq.wait_idle() and speech.said == ["请A001号到1号窗口办理"] and not played
        speech.fail = True
        vq.announce("A002", 1)
        assert vq.wait_idle()
        assert played and vq.health.state == "degraded" and "录音片段" in vq.health.reason_cn
        assert vq.healthy  # the call itself was said
    finally:
        vq.stop()


def test_audio_failure_is_an_error_until_the_next_good_call() -> None:
    speech = Speech(fail=True)
    seen = []
    vq = VoiceQueue(choose_engine(lambda: speech, player=None))  # speech but nothing to fall back to
    vq.add_health_listener(seen.append)
    try:
        vq.announce("A001", 1)
        assert vq.wait_idle()
        assert vq.health.state == "error" and "音箱" in vq.health.reason_cn
        speech.fail = False
        vq.announce("A002", 1)
        assert vq.wait_idle() and vq.health.ok
        assert [h.state for h in seen] == ["error", "connected"]
    finally:
        vq.stop()


def test_self_test_says_a_call_through_the_engine_in_use() -> None:
    played: list[bytes] = []
    vq = VoiceQueue(choose_engine(lambda: None, player=played.append))
    try:
        assert "录音片段" in vq.self_test()
        assert vq.wait_idle() and played  # the settings page's 测试 button is heard from the speakers
    finally:
        vq.stop()
