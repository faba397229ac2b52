"""The administrator's settings of this PC: password policy, lockout, idle lock, language, the purge."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

from desk_app.domain.settings_schema import SCHEMA, UI_LANGUAGES
from desk_app.ui.labels import label

# key -> (low, high): the same bounds the services clamp to (services/security_settings.py).
FIELDS = {
    "security.password_min_length": (8, 64),
    "security.password_min_classes": (1, 4),
    "security.password_expiry_days": (0, 3650),
    "security.lockout_failures": (3, 10),
    "security.lockout_minutes": (1, 1440),
    "security.idle_lock_minutes": (0, 240),
}


class SecuritySettingsPage(QWidget):
    """Takes a ScreenContext; each change is recorded as an audit event by the program (ui/windows.ProgramWindows)."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        for key, (low, high) in FIELDS.items():
            spin = QSpinBox(self, objectName=key.replace(".", "_"))
            spin.setRange(low, high)
            spin.setValue(int(ctx.settings.get(key)))
            spin.setMaximumWidth(160)
            self.spins[key] = spin
            form.addRow(label(SCHEMA[key].description), spin)
        self.save = QPushButton(self.tr("保存安全设置"), self)
        self.save.setProperty("primary", True)
        self.save.clicked.connect(self._on_save_clicked)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        title = QLabel(self.tr("账号与安全（本机）"), self)
        title.setProperty("role", "title")
        row = QHBoxLayout()
        row.addWidget(self.save)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(form)
        lay.addLayout(row)
        lay.addWidget(self.note)
        lay.addLayout(self._language_row())
        self.language_note = QLabel(self.tr("界面语言的更改在下次启动程序时生效。"), self)
        self.language_note.setWordWrap(True)
        lay.addWidget(self.language_note)
        self.privacy = None
        if getattr(ctx, "services", None) is not None:
            from desk_app.ui.admin.privacy_panel import PrivacyPurgePanel
            self.privacy = PrivacyPurgePanel(ctx, self)
            lay.addWidget(self.privacy)
        lay.addStretch(1)

    def _language_row(self) -> QHBoxLayout:
        """ui.language: saved at once, read at the next start (screens keep the language they were built in)."""
        names = {"zh_CN": "中文", "en": "English"}  # each language by its own name, never translated
        self.language = QComboBox(self, objectName="ui_language")
        for code in UI_LANGUAGES:
            self.language.addItem(names[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(self.ctx.settings.get("ui.language"))))
        self.language.currentIndexChanged.connect(
            lambda _i: self.ctx.settings.set("ui.language", self.language.currentData()))
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("界面语言"), self))
        row.addWidget(self.language)
        row.addStretch(1)
        return row

    def _on_save_clicked(self) -> None:
        changed = {}
        for key, spin in self.spins.items():
            old = self.ctx.settings.get(key)
            if spin.value() != old:
                changed[key] = (old, spin.value())
                self.ctx.settings.set(key, spin.value())
        self.note.setText(self.tr("已保存 {0} 项设置。").format(len(changed)) if changed
                          else self.tr("设置没有变化。"))
