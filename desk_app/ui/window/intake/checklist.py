"""The material checklist: a table view of ChecklistModel whose cells are edited and clicked through one delegate."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSpinBox, QStyle,
    QStyledItemDelegate, QStyleOptionButton, QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget,
)

from desk_app.ui.models.checklist import (
    ACTIVE_ROLE, BUTTONS, CHOICES_ROLE, COL_COPIES, COL_FILES, COL_FIX, COL_FORM, COL_NAME, COL_REASON, COL_STATUS, COL_TEXT,
    HTML_ROLE, ChecklistModel,
)
from desk_app.ui.widgets.field_error import error_label
from desk_app.ui.window.intake.keys import HELP as CHECKLIST_KEYS_HELP

ROW_HEIGHT = 30  # one line of a material name; a long name wraps onto a second line and its row grows
MIN_ROWS = 8     # the checklist shows at least this many rows at 1366×768
CHECKLIST_WIDTHS = {COL_STATUS: 86, COL_FORM: 100, COL_COPIES: 52, COL_REASON: 108, COL_TEXT: 90, COL_FILES: 84,
                    COL_FIX: 72}
NAME_PADDING = 4  # px each side of the name, as the cell widgets had


class ChecklistDelegate(QStyledItemDelegate):
    """Names as rich text, 扫描件 / 已更正 as buttons, and a list, spin box or line as each editable cell's editor."""

    button_clicked = Signal(int, int)  # row, column of an enabled button cell

    def _document(self, index: QModelIndex, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(1, width - 2 * NAME_PADDING))
        return doc

    def name_height(self, index: QModelIndex, width: int) -> int:
        """The height the wrapped name and its tags need at ``width``."""
        return int(self._document(index, width).size().height()) + 6

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if index.column() == COL_NAME:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style = opt.widget.style() if opt.widget is not None else None
            if style is not None:
                style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
            doc = self._document(index, option.rect.width())
            painter.save()
            top = option.rect.top() + max(0, (option.rect.height() - int(doc.size().height())) // 2)
            painter.translate(option.rect.left() + NAME_PADDING, top)
            ctx = QAbstractTextDocumentLayout.PaintContext()
            doc.documentLayout().draw(painter, ctx)
            painter.restore()
            return
        if index.column() in BUTTONS and index.data(ACTIVE_ROLE) and option.widget.isEnabled():
            button = QStyleOptionButton()
            button.rect = option.rect.adjusted(2, 2, -2, -2)
            button.text = index.data() or ""
            button.state = QStyle.StateFlag.State_Raised | QStyle.StateFlag.State_Enabled
            option.widget.style().drawControl(QStyle.ControlElement.CE_PushButton, button, painter, option.widget)
            return
        if not index.data(ACTIVE_ROLE):
            option = QStyleOptionViewItem(option)
            option.state &= ~QStyle.StateFlag.State_Enabled  # greyed: does not apply to the row's result
            option.displayAlignment = Qt.AlignmentFlag.AlignCenter if index.column() in BUTTONS \
                else option.displayAlignment
        super().paint(painter, option, index)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint(option, index)
        if index.column() == COL_NAME:
            hint.setHeight(max(ROW_HEIGHT, self.name_height(index, option.rect.width())))
        return hint

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                    index: QModelIndex) -> bool:
        if index.column() in BUTTONS and event.type() == QEvent.Type.MouseButtonRelease \
                and event.button() == Qt.MouseButton.LeftButton and option.rect.contains(event.position().toPoint()):
            if index.data(ACTIVE_ROLE):
                self.button_clicked.emit(index.row(), index.column())
            return True
        return super().editorEvent(event, model, option, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                     index: QModelIndex) -> QWidget | None:
        col = index.column()
        if col in (COL_STATUS, COL_FORM, COL_REASON):
            combo = QComboBox(parent)
            for label, key in index.data(CHOICES_ROLE) or []:
                combo.addItem(label, key)
            # A choice is the edit: saved at once, as the old per-row lists did.
            combo.activated.connect(lambda _i, c=combo: self._commit(c))
            return combo
        if col == COL_COPIES:
            spin = QSpinBox(parent)
            spin.setRange(1, 99)
            return spin
        if col == COL_TEXT:
            return QLineEdit(parent)
        return None

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802 - Qt override
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 1))
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802 - Qt override
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QSpinBox):
            model.setData(index, editor.value())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


class ChecklistView(QTableView):
    """The table with QTableWidget's row helpers, which the keyboard code, the tests and the e2e drivers use."""

    def rowCount(self) -> int:  # noqa: N802 - QTableWidget's name
        return self.model().rowCount()

    def currentRow(self) -> int:  # noqa: N802 - QTableWidget's name
        return self.currentIndex().row()

    def currentColumn(self) -> int:  # noqa: N802 - QTableWidget's name
        return self.currentIndex().column()

    def setCurrentCell(self, row: int, column: int) -> None:  # noqa: N802 - QTableWidget's name
        self.setCurrentIndex(self.model().index(row, column))


class ChecklistPanel(QGroupBox):
    """材料审查: the table, the count per result, the keys hint and the checklist's error line."""

    attach_requested = Signal(str)   # material id: 扫描件 clicked
    correct_requested = Signal(str)  # material id: 已更正 clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("材料审查"), parent)
        self.model = ChecklistModel(self)
        self.delegate = ChecklistDelegate(self)
        self.table = ChecklistView()
        self.table.setObjectName("checklist")  # app.qss: compact editors, so 8+ rows fit at 1366×768
        self.table.setModel(self.model)
        self.table.setItemDelegate(self.delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Keys mark rows (intake_keys); a click opens a cell's editor, as the old per-row controls did.
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.clicked.connect(self._on_table_clicked)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in CHECKLIST_WIDTHS.items():  # the name column gets what the compact ones leave
            self.table.setColumnWidth(col, width)
        header.sectionResized.connect(self._on_header_section_resized)
        # No row numbers: the name column keeps one width (a header widening at the 10th row would narrow it
        # after the rows were fitted), and the names say which row is which.
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.verticalHeader().setMinimumSectionSize(ROW_HEIGHT)
        self.table.setMinimumHeight(header.sizeHint().height() + MIN_ROWS * ROW_HEIGHT + 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; inside it the row keys work (intake_keys)
        self.table.setToolTip(QCoreApplication.translate("IntakeScreen", CHECKLIST_KEYS_HELP))
        self.delegate.button_clicked.connect(self._on_delegate_button_clicked)
        self.model.modelReset.connect(self.fit_rows)
        self.summary = QLabel()
        self.error = error_label()
        self.keys_hint = QLabel(self.tr("空格 已收并下移 · 1已收 2缺少 3有误 4容缺 5承诺 · 回车 展开 · Del 更正 · Ctrl+回车 扫描件"))
        self.keys_hint.setStyleSheet("color: #6b7280; font-size: 12px;")
        self.keys_hint.setToolTip(QCoreApplication.translate("IntakeScreen", CHECKLIST_KEYS_HELP))
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.keys_hint)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addLayout(summary_row)
        lay.addWidget(self.error)

    def current_material(self) -> str | None:
        return self.model.material_id(self.table.currentIndex().row())

    def editor(self, material_id: str, column: int) -> Any:
        """The open editor of a cell (the list the keyboard opened), or None."""
        return self.table.indexWidget(self.model.index(self.model.row_of(material_id), column))

    def open_editor(self, material_id: str, column: int) -> QComboBox | None:
        """Open a cell's editor; a list shows its choices at once. None when the cell cannot be edited now."""
        index = self.model.index(self.model.row_of(material_id), column)
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            return None
        self.table.setCurrentIndex(index)
        self.table.edit(index)
        editor = self.table.indexWidget(index)
        if isinstance(editor, QComboBox):
            editor.showPopup()
            return editor
        return None

    def _on_table_clicked(self, index: QModelIndex) -> None:
        if index.column() not in BUTTONS and index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.open_editor(self.model.material_id(index.row()), index.column())

    def _on_delegate_button_clicked(self, row: int, column: int) -> None:
        mid = self.model.material_id(row)
        if mid is None:
            return
        (self.attach_requested if column == COL_FILES else self.correct_requested).emit(mid)

    def name_height(self, row: int) -> int:
        """What the wrapped name of ``row`` needs at the name column's width (the fit test checks it)."""
        return self.delegate.name_height(self.model.index(row, COL_NAME), self.table.columnWidth(COL_NAME))

    def fit_rows(self) -> None:
        """Each row as tall as its wrapped material name needs (at least ROW_HEIGHT)."""
        for row in range(self.model.rowCount()):
            self.table.setRowHeight(row, max(ROW_HEIGHT, self.name_height(row)))
        # At least MIN_ROWS rows, however tall their names made them, before the actions below get any height.
        shown = sum(self.table.rowHeight(r) for r in range(min(MIN_ROWS, self.model.rowCount())))
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + 4
                                    + max(shown, MIN_ROWS * ROW_HEIGHT))

    def _on_header_section_resized(self, index: int, _old: int, _new: int) -> None:
        if index == COL_NAME:
            self.fit_rows()

