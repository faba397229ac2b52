"""Voice calls: announcements, a play queue on a worker thread that never cuts off the call being spoken, and the WAV-clip engine.

Engines, best first: Qt TextToSpeech with a Chinese voice (``voice_qt.py``), WAV clips from
``resources/voice/`` concatenated with the stdlib ``wave`` module, otherwise visual only. A failed
audio device is a warning (the hall display still shows the call), never an error. The queue is the
``voice`` device of the health strip: degraded on clips, missing when silent, error while audio fails.
"""
from __future__ import annotations

import io
import logging
import queue
import shutil
import subprocess
import sys
import threading
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

from desk_app.devices.health import HealthReporter, State
from desk_app.domain.errors import DeviceError

log = logging.getLogger(__name__)

DIGITS = ["ling", "yi", "er", "san", "si", "wu", "liu", "qi", "ba", "jiu"]


@dataclass(frozen=True)
class Announcement:
    """One call: a ticket number to a window. Never a name or an ID number."""
    number: str
    window_number: int

    def text(self) -> str:
        return f"请{self.number}号到{self.window_number}号窗口办理"

    def clips(self) -> list[str]:
        """Clip names in speaking order: 请 A 0 2 3 号 到 五 号 窗口 办理."""
        out = ["qing"]
        for ch in self.number.upper():
            if ch.isdigit():
                out.append(DIGITS[int(ch)])
            elif "A" <= ch <= "Z":
                out.append(f"letter_{ch.lower()}")
        out += ["hao", "dao", *number_clips(self.window_number), "hao", "chuangkou", "banli"]
        return out


def number_clips(n: int) -> list[str]:
    """A window number read as a Chinese numeral (12 → 十二, 20 → 二十, 105 → 一百零五); above 999 digit by digit."""
    if n <= 0 or n > 999:
        return [DIGITS[int(c)] for c in str(abs(n))]
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out: list[str] = []
    if hundreds:
        out += [DIGITS[hundreds], "bai"]
        if tens == 0 and ones:
            return out + ["ling", DIGITS[ones]]
    if tens:
        if not (tens == 1 and not hundreds):
            out.append(DIGITS[tens])
        out.append("shi")
    if ones:
        out.append(DIGITS[ones])
    return out


class VoiceEngine(Protocol):
    name: str

    def speak(self, announcement: Announcement) -> None:
        """Say it and return when done (called on the voice worker). Raise OSError if audio failed."""


class SilentEngine:
    """Visual only: the display shows the call; nothing is said."""

    name = "silent"

    def speak(self, announcement: Announcement) -> None:
        return None


# ------------------------------------------------------------------------------------------- clips
def concat_clips(clips_dir: Path, names: list[str], gap_ms: int = 60) -> bytes:
    """One WAV (bytes) from the named clips with a short gap between them; all clips share one format."""
    params = None
    chunks: list[bytes] = []
    for name in names:
        path = clips_dir / f"{name}.wav"
        try:
            with wave.open(str(path), "rb") as src:
                p = (src.getnchannels(), src.getsampwidth(), src.getframerate())
                frames = src.readframes(src.getnframes())
        except (OSError, EOFError, wave.Error) as exc:
            raise OSError(f"voice clip {path.name} missing or unreadable: {exc}") from exc
        if params is None:
            params = p
        elif p != params:
            raise OSError(f"voice clip {path.name} has format {p}, expected {params}")
        if chunks:
            chunks.append(b"\0" * (params[2] * gap_ms // 1000) * params[0] * params[1])
        chunks.append(frames)
    if params is None:
        raise OSError("nothing to say: no clips")
    out = io.BytesIO()
    with wave.open(out, "wb") as dst:
        dst.setnchannels(params[0])
        dst.setsampwidth(params[1])
        dst.setframerate(params[2])
        dst.writeframes(b"".join(chunks))
    return out.getvalue()


def system_player() -> Callable[[bytes], None] | None:
    """A blocking WAV player without Qt: winsound on Windows, else pw-play/paplay/aplay if installed."""
    if sys.platform == "win32":
        import winsound

        def play_win(data: bytes) -> None:
            winsound.PlaySound(data, winsound.SND_MEMORY)
        return play_win
    for tool in ("pw-play", "paplay", "aplay"):
        exe = shutil.which(tool)
        if exe:
            def play(data: bytes, exe: str = exe) -> None:
                args = [exe, "-q", "-"] if exe.endswith("aplay") else [exe, "-"]
                done = subprocess.run(args, input=data, capture_output=True, timeout=30)
                if done.returncode != 0:
                    raise OSError(done.stderr.decode("utf-8", "replace").strip() or f"{exe} failed")
            return play
    return None


class ClipEngine:
    """Concatenated WAV clips played by ``player`` (blocking); the clips are made by resources/voice/make_clips.py."""

    name = "clips"

    def __init__(self, clips_dir: Path, player: Callable[[bytes], None]):
        self.clips_dir = clips_dir
        self.player = player

    def available(self) -> bool:
        return (self.clips_dir / "qing.wav").exists()

    def speak(self, announcement: Announcement) -> None:
        self.player(concat_clips(self.clips_dir, announcement.clips()))


# ------------------------------------------------------------------------------------------- choosing
# What the health strip says, and what the hall can do about it (shown as the tooltip and on the settings page).
INSTALL_VOICE = "如需自然的语音，请为本机安装中文语音包（Windows：设置→时间和语言→语音→添加语音→中文），再重启本程序。"
REASON_CLIPS = "本机没有中文语音合成引擎，叫号改用录音片段播报。" + INSTALL_VOICE
REASON_NO_PLAYER = ("本机没有中文语音合成引擎，也没有音频播放程序，叫号只在大厅屏显示、不播报。请安装中文语音包"
                    "（Windows：设置→时间和语言→语音）或 alsa-utils（Linux 的 aplay），再重启本程序。")
REASON_NO_CLIPS = "本机没有中文语音合成引擎，录音片段也缺失，叫号只在大厅屏显示、不播报。请安装中文语音包或重新安装本程序，再重启。"
REASON_SILENT = "语音播报已关闭，叫号只在大厅屏显示、不播报。"


@dataclass(frozen=True)
class EngineChoice:
    """The engine this PC speaks with, its health, and the clips to fall back to if speech fails later."""

    engine: "VoiceEngine"
    state: State
    reason_cn: str = ""
    fallback: "VoiceEngine | None" = None


_SYSTEM_PLAYER: Any = object()  # "look for one": tests pass None or a fake player instead


def choose_engine(prefer_tts: Callable[[], "VoiceEngine | None"] | None = None, *,
                  player: Callable[[bytes], None] | None = _SYSTEM_PLAYER,
                  clips_path: Path | None = None) -> EngineChoice:
    """The best engine this PC has: ``prefer_tts()`` (Qt TextToSpeech, from the UI side), clips, silent."""
    tts = None
    if prefer_tts is not None:
        try:
            tts = prefer_tts()
        except Exception as exc:  # a broken speech backend falls back, it does not stop the hall
            log.warning("text-to-speech unavailable: %s", exc)
    if player is _SYSTEM_PLAYER:
        player = system_player()
    folder = clips_path or clips_dir()
    clips = ClipEngine(folder, player) if player else None
    playable = clips if clips is not None and clips.available() else None
    if tts is not None:
        return EngineChoice(tts, "connected", "", playable)
    if playable is not None:
        return EngineChoice(playable, "degraded", REASON_CLIPS)
    reason = REASON_NO_PLAYER if (folder / "qing.wav").exists() else REASON_NO_CLIPS
    return EngineChoice(SilentEngine(), "missing", reason)


# ------------------------------------------------------------------------------------------- the queue
class VoiceQueue(HealthReporter):
    """Announcements spoken one after another on a worker thread.

    ``announce`` returns at once. A call arriving while another is spoken waits its turn;
    the same call already waiting is not queued twice. ``on_warning(text)`` is called (on the
    worker thread) when the audio device fails; the queue keeps running and tries again with
    the next call.
    """

    def __init__(self, engine: "VoiceEngine | EngineChoice", *, on_warning: Callable[[str], None] | None = None,
                 max_pending: int = 20):
        choice = engine if isinstance(engine, EngineChoice) else EngineChoice(
            engine, "missing" if isinstance(engine, SilentEngine) else "connected",
            REASON_SILENT if isinstance(engine, SilentEngine) else "")
        self.engine = choice.engine
        self.fallback = choice.fallback
        self._base: tuple[State, str] = (choice.state, choice.reason_cn)
        self._init_health("voice", "语音播报", *self._base)
        self._on_warning = on_warning
        self._max = max_pending
        self._q: queue.Queue[Announcement | None] = queue.Queue()
        self._pending: list[Announcement] = []
        self._lock = threading.Condition()
        self._busy = False
        self.healthy = True
        self.last_error = ""
        self.spoken: list[Announcement] = []  # recent history, for tests and the device health page
        self._thread = threading.Thread(target=self._run, name="desk-voice", daemon=True)
        self._thread.start()

    def announce(self, number: str, window_number: int) -> bool:
        """Queue a call; False if the same call is already waiting or the queue is full."""
        a = Announcement(number, int(window_number))
        with self._lock:
            if a in self._pending or len(self._pending) >= self._max:
                return False
            self._pending.append(a)
        self._q.put(a)
        return True

    def _run(self) -> None:
        while True:
            a = self._q.get()
            if a is None:
                # Released on this thread: a Qt engine made its QTextToSpeech here, and it must die here too.
                close = getattr(self.engine, "close", None)
                if close is not None:
                    close()
                return
            with self._lock:
                self._busy = True
                if a in self._pending:
                    self._pending.remove(a)
            try:
                self._speak(a)
                self.healthy, self.last_error = True, ""
            except Exception as exc:  # an audio device failing must never stop the calling
                self.healthy, self.last_error = False, str(exc)
                log.warning("voice engine %s failed: %s", getattr(self.engine, "name", "?"), exc)
                self._set_health("error", f"语音播报失败（{exc}），叫号仍在大厅屏显示。请检查音箱、声卡和音量；"
                                          "恢复后下一次叫号会自动重试。")
                if self._on_warning:
                    self._on_warning(f"语音叫号失败（{exc}），叫号仍在大厅屏显示。请检查音箱或声卡。")
            finally:
                with self._lock:
                    self.spoken = [*self.spoken[-49:], a]
                    self._busy = False
                    self._lock.notify_all()

    def _speak(self, a: Announcement) -> None:
        try:
            self.engine.speak(a)
        except Exception as exc:
            if self.fallback is None:
                raise
            # Speech broke after start-up (voice removed, engine crashed): the clips still say the call.
            log.warning("speech failed (%s); this call and the next ones use the clips", exc)
            self.engine, self.fallback = self.fallback, None
            self._base = ("degraded", f"中文语音合成出错（{exc}），叫号已改用录音片段播报。" + INSTALL_VOICE)
            self.engine.speak(a)
        self._set_health(*self._base)

    # -- the device face of the queue (registry, health strip, settings page's 测试 button)
    def self_test(self) -> str:
        if isinstance(self.engine, SilentEngine):
            raise DeviceError(self.health.reason_cn or REASON_SILENT)
        self.announce("A001", 1)
        how = "录音片段" if isinstance(self.engine, ClipEngine) else "语音合成"
        return f"正在播报测试叫号“{Announcement('A001', 1).text()}”（{how}）。请确认音箱能听到。"

    def close(self) -> None:
        if self._thread.is_alive():
            self.stop()

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Block until nothing is queued or being spoken (tests, shutdown)."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._busy and not self._pending and self._q.empty(), timeout)

    def stop(self, timeout: float = 5.0) -> None:
        self._q.put(None)
        self._thread.join(timeout)


def clips_dir() -> Path:
    from desk_app.paths import resources_dir
    return resources_dir() / "voice"


def default_engine(prefer_tts: Callable[[], VoiceEngine | None] | None = None) -> VoiceEngine:
    """The engine alone (see ``choose_engine`` for its health)."""
    return choose_engine(prefer_tts).engine
