"""The intake screen without the mouse: item search results, the chosen items and the checklist rows by key.

Item search: ↓/↑ (and PgDn/PgUp) move through the results while typing, Enter takes the highlighted one.
Chosen items: Delete removes the selected item (the only one when there is just one).
Checklist (the table has the focus; ↑/↓ choose the material):
  Space = 已收 and on to the next row; 1 已收, 2 缺少, 3 有误 (then choose the reason), 4 容缺, 5 告知承诺;
  Enter opens the row's 审查结果 list; Delete = 当场更正 of a defective row; Ctrl+Enter attaches a scan.
The keys reach the table through the keyboard-wedge filter like any typing (digits are held for a moment).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox

from desk_app.domain import intake as d
from desk_app.ui.models.checklist import COL_REASON, COL_STATUS

STATUS_KEYS = {Qt.Key.Key_1: d.RECEIVED, Qt.Key.Key_2: d.MISSING, Qt.Key.Key_3: d.DEFECTIVE,
               Qt.Key.Key_4: d.DEFERRED, Qt.Key.Key_5: d.COMMITTED}
# Translated where intake_screen.py shows it, with IntakeScreen's tr(): hence that context.
HELP = QT_TRANSLATE_NOOP("IntakeScreen", "键盘：↑↓ 选材料；空格 = 已收并到下一行；1 已收 2 缺少 3 有误（再选原因）4 容缺 5 告知承诺；"
                         "回车 = 展开审查结果；Delete = 当场更正；Ctrl+回车 = 扫描件")


def _focus(widget) -> None:
    import shiboken6
    if shiboken6.isValid(widget):
        widget.activateWindow()  # some platforms leave the closed popup the active window
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


class IntakeKeys(QObject):
    """Installed by the intake screen (``screen``: an IntakeScreen, not imported here: it imports this module)
    on its item search field, chosen items list and checklist table."""

    def __init__(self, screen: Any):
        super().__init__(screen)
        self.screen = screen
        screen.item_search.installEventFilter(self)
        screen.chosen_items.installEventFilter(self)
        screen.table.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress:
            return False
        ev: QKeyEvent = event  # type: ignore[assignment]
        s = self.screen
        if obj is s.item_search:
            return self._on_search_key(ev)
        if obj is s.chosen_items:
            if ev.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                s.remove_selected_item()
                return True
            return False
        if obj is s.table:
            return self._on_table_key(ev)
        return False

    # -- item search
    def _on_search_key(self, ev: QKeyEvent) -> bool:
        results = self.screen.item_results
        steps = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}
        step = steps.get(ev.key())
        if step is None or results.count() == 0:
            return False
        row = results.currentRow()
        results.setCurrentRow(max(0, min(results.count() - 1, (row if row >= 0 else -1) + step)))
        results.scrollToItem(results.currentItem())
        return True

    # -- checklist
    def _current_material(self) -> str | None:
        s = self.screen
        return s.checklist.current_material() if s.case is not None else None

    def _on_table_key(self, ev: QKeyEvent) -> bool:
        s = self.screen
        mid = self._current_material()
        key = ev.key()
        if mid is None or not s.table.isEnabled():
            return False
        ctrl = bool(ev.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Space and not ctrl:
            s.set_material(mid, d.RECEIVED)
            self._next_row()
            return True
        if key in STATUS_KEYS and not ctrl:
            status = STATUS_KEYS[key]
            if status == d.DEFECTIVE:
                self._ask_defect_reason(mid)
            else:
                s.set_material(mid, status)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if ctrl:
                s.request_scan(mid)
            else:
                self._back_to_table_after(s.checklist.open_editor(mid, COL_STATUS))
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if s.case.material(mid)["status"] == d.DEFECTIVE:
                s.correct(mid)
            return True
        return False

    def _next_row(self) -> None:
        t = self.screen.table
        row = t.currentRow()
        if row + 1 < t.rowCount():
            t.setCurrentCell(row + 1, max(0, t.currentColumn()))

    def _ask_defect_reason(self, material_id: str) -> None:
        """有误 needs a reason: the row shows 有误 and its reason list opens; choosing one saves the row."""
        s = self.screen
        model = s.checklist.model
        model.set_draft(material_id, status=d.DEFECTIVE)  # no save yet: a defect without its reason is refused
        if model.draft(material_id)["reason_code"]:
            s.save_row(material_id)
            return
        self._back_to_table_after(s.checklist.open_editor(material_id, COL_REASON))

    def _back_to_table_after(self, combo: QComboBox | None) -> None:
        # The list takes the keys; once a choice is made, the table has the keyboard again.
        if combo is None:
            return
        table = self.screen.table

        def back(*_args) -> None:
            try:
                combo.activated.disconnect(back)
            except (RuntimeError, TypeError):
                pass
            # After the popup has closed: closing it hands the focus back to the combo box.
            QTimer.singleShot(0, lambda: _focus(table))
        combo.activated.connect(back)
