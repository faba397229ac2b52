"""Driving the intake checklist as a clerk does with the mouse: a real click on a cell of a material's row."""
from __future__ import annotations

from PySide6.QtCore import Qt


def click_cell(qtbot, screen, material_id: str, column: int) -> None:
    """Click the middle of a checklist cell (the 扫描件 / 已更正 buttons are painted there by the delegate)."""
    table, model = screen.table, screen.checklist.model
    index = model.index(model.row_of(material_id), column)
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
