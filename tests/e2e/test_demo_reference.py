"""The demo hall reaches this branch's capabilities: its embedded desk-central publishes the holiday tables and the
hall's review body and court, the PC pulls them, and the voice shows on the device health strip."""
from __future__ import annotations

from datetime import date


from desk_app.services.calendar import hall_calendar
from desk_app.services.intake import IntakeService


def test_demo_publishes_the_calendar_and_hall_settings(qtbot, hall) -> None:
    store = hall.core.store
    year = date.today().year
    # pulled from the demo's desk-central
    qtbot.waitUntil(lambda: year + 1 in hall_calendar(store).covered_years(), timeout=15000)
    assert IntakeService(store).hall().settings["court"].endswith("人民法院")
    status = hall.windows.calendar_status
    status.refresh()
    qtbot.waitUntil(lambda: status.isHidden(), timeout=5000)  # next year is there: no warning


def test_demo_shows_the_voice_on_the_health_strip(qtbot, hall) -> None:
    voice = hall.windows.registry.health("voice")
    assert voice is not None and voice.name == "语音播报"
    if not voice.ok:  # offscreen: no speech engine, and the reason says what to do
        assert "中文语音" in voice.reason_cn
