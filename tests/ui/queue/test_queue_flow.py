"""One ticket through the three queue screens on one PC: printed at the guide desk, called by F1, shown and said."""
from __future__ import annotations

from PySide6.QtCore import Qt

from desk_app.devices.voice import VoiceQueue
from desk_app.ui.display.hall_display import HallDisplay
from desk_app.ui.guide.guide_desk import GuideDesk
from desk_app.ui.window.window_panel import WindowPanel


class RecordingEngine:
    name = "recording"

    def __init__(self) -> None:
        self.texts: list[str] = []

    def speak(self, a) -> None:
        self.texts.append(a.text())


def test_guide_desk_to_window_to_hall_display(qtbot, make_ctx, printer) -> None:
    ctx = make_ctx(window_number=2)
    engine = RecordingEngine()
    voice = VoiceQueue(engine)
    try:
        desk, panel, display = GuideDesk(ctx), WindowPanel(ctx), HallDisplay(ctx, voice=voice)
        for w in (desk, panel, display):
            qtbot.addWidget(w)
            w.show()
        qtbot.waitUntil(lambda: "B" in desk.category_buttons() and display._seen is not None, timeout=3000)
        with qtbot.waitSignal(desk.ticket_issued, timeout=5000):
            qtbot.mouseClick(desk.category_buttons()["B"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.waiting.count() == 1, timeout=3000)
        panel.setFocus()
        qtbot.keyClick(panel, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: display.latest_number() == "B001", timeout=1000)
        assert voice.wait_idle(5)
        assert engine.texts == ["请B001号到2号窗口办理"]
        qtbot.waitUntil(lambda: panel.number_label.text() == "B001", timeout=1000)
        assert len(printer.jobs) == 1
    finally:
        voice.stop()
