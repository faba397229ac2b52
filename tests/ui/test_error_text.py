"""The UI's one way from a KnownError to text (translated template, translated word parameters) and the runner's
delayed progress indication."""
from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QWidget

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ConflictError, ValidationError
from desk_app.ui.errors import error_text
from desk_app.ui.widgets.message_bar import MessageBar

ENGLISH = {"办件 {case_number} 已{status}。": "Case {case_number} is {status}.", "受理": "accepted",
           "请填写 {label}。": "Enter {missing_placeholder}."}


class FakeEnglish(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 (Qt's signature)
        return ENGLISH.get(source) if context == "Errors" else None  # None: not translated (a null QString)


@pytest.fixture
def english(qapp):
    translator = FakeEnglish()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_template_and_word_parameters_are_translated_and_names_are_not(english) -> None:
    e = ConflictError(QT_TRANSLATE_NOOP("Errors", "办件 {case_number} 已{status}。"), case_number="C-7",
                      status="受理")
    assert error_text(e) == "Case C-7 is accepted." and e.message == "办件 C-7 已受理。"


def test_without_a_translator_the_chinese_message_is_shown(qapp) -> None:
    e = ValidationError("办件 {case_number} 已{status}。", case_number="C-7", status="受理")
    assert error_text(e) == e.message == "办件 C-7 已受理。"


def test_a_translation_with_a_broken_placeholder_falls_back_to_the_chinese(english) -> None:
    e = ValidationError("请填写 {label}。", label="姓名")
    assert error_text(e) == "请填写 姓名。"


def test_the_message_bar_shows_a_known_error_nobody_handled_in_the_ui_language(qtbot, bridge, english) -> None:
    bar = MessageBar(bridge)
    qtbot.addWidget(bar)
    bridge.known_error.emit(ConflictError("办件 {case_number} 已{status}。", case_number="C-7", status="受理"))
    assert bar.text() == "Case C-7 is accepted."


def test_a_slow_operation_with_progress_shows_a_busy_dialog_over_its_window_until_it_ends(qtbot, runner,
                                                                                          monkeypatch) -> None:
    from desk_app.runtime import ops
    from desk_app.ui.widgets.delayed_progress import ProgressIndicator
    monkeypatch.setattr(ops, "PROGRESS_AFTER_MS", 30)
    indicator = ProgressIndicator(runner)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    gate, got = threading.Event(), []
    runner.io(lambda: gate.wait(5), success=got.append, parent=window).with_progress("正在导出……")
    qtbot.waitUntil(lambda: bool(indicator.dialogs))
    (dialog,) = indicator.dialogs.values()
    assert dialog.labelText() == "正在导出……" and dialog.parent() is window and dialog.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: got == [True])
    assert indicator.dialogs == {}
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # closed and deleted
