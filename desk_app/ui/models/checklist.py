"""The intake checklist as a table model: one row per material, its saved state and the clerk's unsaved edits."""
from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from desk_app.domain import intake as d

COL_NAME, COL_STATUS, COL_FORM, COL_COPIES, COL_REASON, COL_TEXT, COL_FILES, COL_FIX = range(8)
EDITABLE = (COL_STATUS, COL_FORM, COL_COPIES, COL_REASON, COL_TEXT)
BUTTONS = (COL_FILES, COL_FIX)
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 1   # [(label, key)] an editor offers
HTML_ROLE = Qt.ItemDataRole.UserRole + 2      # the material name with its 可容缺 / 可告知承诺 tags
ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 3    # False: the cell does not apply to the row's result (shown greyed)
_FIELD = {COL_STATUS: "status", COL_FORM: "form", COL_COPIES: "copies", COL_REASON: "reason_code",
          COL_TEXT: "reason_text"}
_MATERIAL_TYPE_FORM = {"original": d.ORIGINAL, "copy": d.COPY, "original_and_copy": d.ORIGINAL_AND_COPY,
                       "original_or_copy": d.ORIGINAL}
Index = QModelIndex | QPersistentModelIndex


class ChecklistModel(QAbstractTableModel):
    """Rows are the case's materials in catalog order; a row's draft is what its cells show and what is saved."""

    row_edited = Signal(str)  # material id: the clerk changed a cell; the screen saves the row

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._materials: list[dict[str, Any]] = []
        self._drafts: list[dict[str, Any]] = []
        self._rows: dict[str, int] = {}
        self._headers = [self.tr("材料"), self.tr("审查结果"), self.tr("原件/复印件"), self.tr("份数"),
                         self.tr("有误原因"), self.tr("说明"), self.tr("附件"), self.tr("当场更正")]

    # ------------------------------------------------------------------ filling
    def set_case(self, state: d.CaseState | None) -> None:
        """Show ``state``'s materials: the same list keeps the rows (and the view's place), a new one resets."""
        materials = list(state.materials) if state is not None else []
        if [m["material_id"] for m in materials] == [m["material_id"] for m in self._materials]:
            for m in materials:
                self._apply_saved(self._rows[m["material_id"]], m)
            if materials:
                self.dataChanged.emit(self.index(0, 0), self.index(len(materials) - 1, COL_FIX))
            return
        self.beginResetModel()
        self._materials, self._rows = materials, {m["material_id"]: r for r, m in enumerate(materials)}
        self._drafts = []
        for r, m in enumerate(materials):
            req = m.get("requirement") or {}
            self._drafts.append({"status": d.PENDING,
                                 "form": _MATERIAL_TYPE_FORM.get(req.get("material_type", ""), d.ORIGINAL),
                                 "copies": int(req.get("copies") or 1), "reason_code": "", "reason_text": ""})
            self._apply_saved(r, m)
        self.endResetModel()

    def _apply_saved(self, row: int, m: dict[str, Any]) -> None:
        self._materials[row] = m
        draft = self._drafts[row]
        draft["status"] = m["status"]
        if m["status"] == d.RECEIVED:
            draft.update(form=m["form"] or draft["form"], copies=max(1, int(m["copies"] or 1)))
        if m["status"] == d.DEFECTIVE:
            draft.update(reason_code=m.get("reason_code") or "", reason_text=m.get("reason_text", ""))

    # ------------------------------------------------------------------ the rows by material
    def material_id(self, row: int) -> str | None:
        return self._materials[row]["material_id"] if 0 <= row < len(self._materials) else None

    def row_of(self, material_id: str) -> int:
        return self._rows[material_id]

    def draft(self, material_id: str) -> dict[str, Any]:
        return dict(self._drafts[self._rows[material_id]])

    def set_draft(self, material_id: str, **fields: Any) -> None:
        """Change a row's unsaved values without asking for a save (a defect still waiting for its reason)."""
        row = self._rows[material_id]
        self._drafts[row].update({k: v for k, v in fields.items() if v is not None})
        self.dataChanged.emit(self.index(row, 0), self.index(row, COL_FIX))

    def choices(self, material_id: str, column: int) -> list[str]:
        return [key for _label, key in self._choices(self._rows[material_id], column)]

    def is_enabled(self, material_id: str, column: int) -> bool:
        return self._active(self._rows[material_id], column)

    def text(self, material_id: str, column: int) -> str:
        return self.data(self.index(self._rows[material_id], column)) or ""

    def _choices(self, row: int, column: int) -> list[tuple[str, str]]:
        m = self._materials[row]
        if column == COL_STATUS:
            offered = [s for s in d.MATERIAL_STATUSES
                       if not (s == d.DEFERRED and not m.get("deferrable"))
                       and not (s == d.COMMITTED and not m.get("commitment_allowed"))]
            return [(self.tr(d.MATERIAL_LABELS[s]), s) for s in offered]
        if column == COL_FORM:
            return [(self.tr(label), key) for key, label in d.FORMS.items()]
        if column == COL_REASON:
            return [(self.tr("（请选择）"), "")] + [(self.tr(label), key) for key, label in d.DEFECT_REASONS.items()]
        return []

    # ------------------------------------------------------------------ Qt's model interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._materials)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def _active(self, row: int, col: int) -> bool:
        status, saved = self._drafts[row]["status"], self._materials[row]["status"]
        return {COL_FORM: status == d.RECEIVED, COL_COPIES: status == d.RECEIVED,
                COL_REASON: status == d.DEFECTIVE, COL_FIX: saved == d.DEFECTIVE}.get(col, True)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        # An inactive cell stays enabled (only not editable): the arrow keys skip disabled cells, and ↑/↓ must
        # go through every row whatever column the clerk last edited.
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if index.column() in EDITABLE and self._active(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        m, draft = self._materials[row], self._drafts[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                return m["name"]
            if col in (COL_STATUS, COL_FORM, COL_REASON):
                key = draft[_FIELD[col]]
                return next((label for label, k in self._choices(row, col) if k == key), "")
            if col == COL_COPIES:
                return str(draft["copies"])
            if col == COL_TEXT:
                return draft["reason_text"]
            if col == COL_FILES:
                return self.tr("扫描件(%1)").replace("%1", str(len(m.get("attachments") or [])))
            return self.tr("已更正")
        if role == Qt.ItemDataRole.EditRole and col in _FIELD:
            return draft[_FIELD[col]]
        if role == ACTIVE_ROLE:
            return self._active(row, col)
        if role == CHOICES_ROLE:
            return self._choices(row, col)
        if role == HTML_ROLE and col == COL_NAME:
            return self._name_html(m)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NAME:
            req = m.get("requirement") or {}
            return "\n".join([m["name"]] + [f"{k}: {v}" for k, v in req.items()])
        return None

    def _name_html(self, m: dict[str, Any]) -> str:
        flags = ([self.tr("可容缺")] if m.get("deferrable") else []) + \
                ([self.tr("可告知承诺")] if m.get("commitment_allowed") else [])
        # The whole name wraps onto a second line rather than being cut; the tags stand out after it.
        # Word joiners keep each tag in one piece; a line may break only before it.
        tags = "".join(f' <span style="color:#92400e; background:#fef3c7;">'
                       f'&nbsp;{"&#8288;".join(html.escape(f))}&nbsp;</span>' for f in flags)
        return html.escape(m["name"]) + tags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in _FIELD:
            return False
        row, field = index.row(), _FIELD[index.column()]
        draft = self._drafts[row]
        value = int(value) if field == "copies" else (value or "")
        if draft[field] == value:
            return False
        draft[field] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, COL_FIX))
        self.row_edited.emit(self._materials[row]["material_id"])
        return True
