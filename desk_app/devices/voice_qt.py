"""Qt TextToSpeech voice engine, used when the PC has a Chinese voice (Windows SAPI/WinRT ship one with Chinese language packs).

The engine object is created on the voice worker thread and spoken with a local event loop there,
so the UI thread never waits on speech.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QEventLoop, QLocale, QTimer
from PySide6.QtTextToSpeech import QTextToSpeech

from desk_app.devices.voice import Announcement

log = logging.getLogger(__name__)

_SKIP_ENGINES = {"mock"}  # Qt's test engine says nothing


def _chinese_voice(tts: QTextToSpeech) -> bool:
    if tts.state() == QTextToSpeech.State.Error:
        return False
    tts.setLocale(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return any(v.locale().language() == QLocale.Language.Chinese for v in tts.availableVoices())


def find_chinese_engine() -> str | None:
    """The name of the first text-to-speech engine with a Chinese voice, or None."""
    for name in QTextToSpeech.availableEngines():
        if name in _SKIP_ENGINES:
            continue
        try:
            tts = QTextToSpeech(name)
            ok = _chinese_voice(tts)
            tts.deleteLater()
        except Exception as exc:  # a broken plug-in is just "not this engine"
            log.warning("text-to-speech engine %s failed to load: %s", name, exc)
            continue
        if ok:
            return name
    return None


class QtSpeechEngine:
    """Speaks announcements with Qt TextToSpeech; ``speak`` blocks the voice worker until the sentence ends."""

    name = "qt-tts"

    def __init__(self, engine_name: str, timeout_ms: int = 15_000):
        self.engine_name = engine_name
        self.timeout_ms = timeout_ms
        self._tts: QTextToSpeech | None = None

    def speak(self, announcement: Announcement) -> None:
        if self._tts is None:
            self._tts = QTextToSpeech(self.engine_name)
            if not _chinese_voice(self._tts):
                raise OSError(f"语音引擎 {self.engine_name} 没有中文语音")
        tts = self._tts
        loop = QEventLoop()
        finished = {"ok": False, "error": ""}

        def on_state(state) -> None:
            if state == QTextToSpeech.State.Ready and finished.get("started"):
                finished["ok"] = True
                loop.quit()
            elif state == QTextToSpeech.State.Speaking:
                finished["started"] = True
            elif state == QTextToSpeech.State.Error:
                finished["error"] = tts.errorString()
                loop.quit()

        tts.stateChanged.connect(on_state)
        QTimer.singleShot(self.timeout_ms, loop.quit)
        try:
            tts.say(announcement.text())
            loop.exec()
        finally:
            tts.stateChanged.disconnect(on_state)
        if finished["error"]:
            raise OSError(finished["error"])

    def close(self) -> None:
        """Called on the voice thread as it stops: the QTextToSpeech belongs to that thread."""
        self._tts = None


def _tts():
    name = find_chinese_engine()
    return QtSpeechEngine(name) if name else None


def best_choice():
    """Qt TextToSpeech with a Chinese voice if there is one, else clips, else silent, with the health to show
    (see voice.choose_engine); hand it to VoiceQueue."""
    from desk_app.devices.voice import choose_engine
    return choose_engine(_tts)


def best_engine():
    """The engine of ``best_choice`` alone."""
    return best_choice().engine
