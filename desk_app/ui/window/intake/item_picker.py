"""办理事项: searching the catalog by pinyin initials, name or code, and the items chosen for the case."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from desk_app.domain import intake as d
from desk_app.ui.widgets.field_error import error_label


class ItemPicker(QGroupBox):
    """Asks for searches (``search_requested``) and shows their hits; says which item to add or remove."""

    search_requested = Signal(str)   # the stripped query; answered by show_hits
    item_chosen = Signal(str)        # item code
    item_removed = Signal(str)       # item code
    done = Signal()                  # Enter on an empty search: the items are chosen

    def __init__(self, parent=None):
        super().__init__(self.tr("办理事项"), parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("拼音首字母、名称或实施编码，如 gtgsh"))
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.results = QListWidget(objectName="item_results")
        self.results.setMaximumHeight(120)
        self.results.itemActivated.connect(self._on_results_item_activated)
        self.chosen = QListWidget(objectName="chosen_items")
        self.chosen.setMaximumHeight(70)
        self.remove = QPushButton(self.tr("移除所选事项"))
        self.remove.clicked.connect(self.remove_selected)
        self.error = error_label()
        self._hits_query: str | None = None  # the query whose results the list shows
        self._take_first_hit = False          # Enter came before the results: take the first when they come
        lay = QVBoxLayout(self)
        for w in (self.search, self.results, QLabel(self.tr("已选事项")), self.chosen, self.remove, self.error):
            lay.addWidget(w)

    def _on_search_text_changed(self, text: str) -> None:
        q = text.strip()
        if not q:
            self.results.clear()
            self._hits_query = None
            self._take_first_hit = False
            return
        self.search_requested.emit(q)

    def show_hits(self, query: str, hits: list[tuple[str, str]]) -> None:
        """The (item code, name) pairs found for ``query``; an older query's late answer is dropped."""
        if query != self.search.text().strip():
            return
        self.results.clear()
        self._hits_query = query
        for code, name in hits:
            it = QListWidgetItem(name)
            it.setData(Qt.ItemDataRole.UserRole, code)
            it.setToolTip(code)
            self.results.addItem(it)
        if hits:
            self.results.setCurrentRow(0)
            if self._take_first_hit:
                self._take_first_hit = False
                self._on_results_item_activated(self.results.currentItem())

    def _on_search_return_pressed(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.done.emit()
            return
        if text != (self._hits_query or ""):
            # Typed faster than the search answered: the list shows an older query's items.
            self._take_first_hit = True
            return
        it = self.results.currentItem()
        if it is not None:
            self._on_results_item_activated(it)

    def _on_results_item_activated(self, it: QListWidgetItem) -> None:
        self.item_chosen.emit(it.data(Qt.ItemDataRole.UserRole))

    def show_items(self, state: d.CaseState | None) -> None:
        self.chosen.clear()
        for item in state.items if state is not None else ():
            it = QListWidgetItem(self.tr("%1（%2）").replace("%1", item["name"]).replace("%2", item["item_code"][-6:]))
            it.setData(Qt.ItemDataRole.UserRole, item["item_code"])
            self.chosen.addItem(it)

    def remove_selected(self) -> None:
        """The selected item leaves the case; with a single item, that one (nothing to select first)."""
        it = self.chosen.currentItem()
        if it is None and self.chosen.count() == 1:
            it = self.chosen.item(0)
        if it is not None:
            self.item_removed.emit(it.data(Qt.ItemDataRole.UserRole))
