"""Settings: defaults, saved changes, subscriptions that end with the widget that made them."""
from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QLabel

from desk_app.runtime.settings import Settings


def test_subscriber_follows_changes_and_stops_when_its_widget_is_deleted(qtbot, tmp_path):
    settings = Settings(tmp_path / "settings.json")
    label = QLabel()
    settings.subscribe("display.notice", label.setText)
    settings.set("display.notice", "今日下午两点系统维护")
    assert label.text() == "今日下午两点系统维护"
    label.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label))
    settings.set("display.notice", "欢迎光临")  # calling the deleted label would raise here
    assert Settings(tmp_path / "settings.json").get("display.notice") == "欢迎光临"
